package dev.chillproxy.chillstreams.embedded;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One key scheduled to retire, as the dashboard's rotation plan shows it: when, how many users are still on it, and the
 * successors its users move to (healthy, checked keys of the same service that are not retiring and have room).
 *
 * @param successorIds   ids of those successors; empty means its users stay on it until it retires
 * @param successorRoom  free places on those successors together
 */
public record RotationPlan(String id, String service, String label, String maskedKey, Instant retireAt, int usersOnKey,
                          List<String> successorIds, int successorRoom) {

    public RotationPlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(retireAt, "retireAt");
        successorIds = List.copyOf(successorIds);
    }

    /** Whether the users of this key are moving now: a healthy successor with room exists. */
    public boolean successorReady() {
        return successorRoom > 0;
    }

    static List<RotationPlan> of(List<PoolKeyView> keys) {
        return keys.stream()
                .filter(key -> key.retireAt() != null && !"retired".equals(key.status()))
                .sorted(Comparator.comparing(PoolKeyView::retireAt).thenComparing(PoolKeyView::id))
                .map(key -> {
                    List<PoolKeyView> successors = keys.stream().filter(other -> isSuccessorOf(other, key)).toList();
                    return new RotationPlan(key.id(), key.service(), key.label(), key.maskedKey(), key.retireAt(),
                            key.assignedUsers(), successors.stream().map(PoolKeyView::id).toList(),
                            successors.stream().mapToInt(s -> s.maxUsers() - s.assignedUsers()).sum());
                })
                .toList();
    }

    /** The same rule the pool moves users by ({@code KeyAssignments}): healthy, checked, not retiring, room left. */
    private static boolean isSuccessorOf(PoolKeyView other, PoolKeyView retiring) {
        return other.service().equals(retiring.service()) && other.retireAt() == null
                && KeyHealth.HEALTHY.equals(other.status()) && other.lastCheckedAt() != null
                && other.maxUsers() > other.assignedUsers();
    }
}
