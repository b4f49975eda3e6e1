package dev.chillproxy.server.pool;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.chillproxy.chillstreams.embedded.PoolKeyView;
import dev.chillproxy.chillstreams.embedded.RotationPlan;
import dev.chillproxy.core.store.StoreName;

/** The admin API's JSON for pool keys, per-service capacity and the rotation plan; keys appear masked only. */
final class PoolKeyAnswers {

    /** Statuses of a key that takes users (see {@code KeyAssignments}). */
    private static final Set<String> USABLE = Set.of("healthy", "degraded");

    private PoolKeyAnswers() {
    }

    static Map<String, Object> key(PoolKeyView key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", key.id());
        out.put("label", key.label());
        out.put("service", key.service());
        out.put("maskedKey", key.maskedKey());
        out.put("status", key.status());
        out.put("maxUsers", key.maxUsers());
        out.put("assignedUsers", key.assignedUsers());
        out.put("requests24h", key.requests24h());
        out.put("cachedRatio24h", key.cachedRatio24h());
        out.put("playbacks24h", key.playbacks24h());
        out.put("playbackCachedRatio24h", key.playbackCachedRatio24h());
        out.put("cooldownUntil", string(key.cooldownUntil()));
        out.put("createdAt", string(key.createdAt()));
        out.put("lastCheckedAt", string(key.lastCheckedAt()));
        out.put("retireAt", string(key.retireAt()));
        out.put("rotationDue", key.rotationDue());
        return out;
    }

    static Map<String, Object> capacity(StoreName service, List<PoolKeyView> keys) {
        List<PoolKeyView> own = keys.stream().filter(k -> k.service().equals(service.id()) && !"retired".equals(k.status()))
                .toList();
        List<PoolKeyView> usable = own.stream().filter(k -> USABLE.contains(k.status()) && k.retireAt() == null).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service", service.id());
        out.put("label", service.label());
        out.put("keys", own.size());
        out.put("usableKeys", usable.size());
        out.put("capacity", usable.stream().mapToInt(PoolKeyView::maxUsers).sum());
        out.put("assignedUsers", own.stream().mapToInt(PoolKeyView::assignedUsers).sum());
        out.put("freePlaces", usable.stream().mapToInt(k -> Math.max(0, k.maxUsers() - k.assignedUsers())).sum());
        return out;
    }

    static Map<String, Object> rotation(RotationPlan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", plan.id());
        out.put("service", plan.service());
        out.put("label", plan.label());
        out.put("maskedKey", plan.maskedKey());
        out.put("retireAt", plan.retireAt().toString());
        out.put("usersOnKey", plan.usersOnKey());
        out.put("successorReady", plan.successorReady());
        out.put("successorIds", plan.successorIds());
        out.put("successorRoom", plan.successorRoom());
        return out;
    }

    private static String string(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
