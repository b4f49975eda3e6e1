package dev.chillproxy.server.signals;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.javalin.http.Context;

import dev.chillproxy.chillstreams.signals.Evidence;
import dev.chillproxy.chillstreams.signals.Signal;
import dev.chillproxy.chillstreams.signals.SignalKind;
import dev.chillproxy.chillstreams.signals.SignalLog;
import dev.chillproxy.chillstreams.signals.SignalThresholds;
import dev.chillproxy.server.web.InvalidRequestException;

/**
 * {@code GET /api/v1/admin/signals?since=&limit=}: the signals raised since {@code since} (default: one window ago),
 * newest first, each with its evidence, plus the thresholds in force, for the dashboard's Signals view. Admin bearer
 * and limits in {@code RouteTable}. Thread-safe.
 */
public final class SignalRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final SignalLog log;
    private final SignalThresholds thresholds;
    private final Set<SignalKind> autoDisable;
    private final Clock clock;

    public SignalRoutes(SignalLog log, SignalThresholds thresholds, Set<SignalKind> autoDisable, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.autoDisable = Set.copyOf(autoDisable);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void signals(Context ctx) {
        Instant since = since(ctx.queryParam("since"));
        int limit = limit(ctx.queryParam("limit"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("since", since.toString());
        answer.put("thresholds", thresholds());
        answer.put("items", log.since(since, limit).stream().map(this::signal).toList());
        ctx.json(answer);
    }

    private Map<String, Object> thresholds() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (SignalKind kind : SignalKind.values()) {
            out.put(kind.wire(), Map.of("max", thresholds.max(kind), "window", thresholds.lookBack(kind).toString(),
                    "autoDisable", autoDisable.contains(kind)));
        }
        return out;
    }

    private Map<String, Object> signal(Signal signal) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", signal.userId());
        out.put("signal", signal.kind().wire());
        out.put("observed", signal.observed());
        out.put("threshold", signal.threshold());
        out.put("summary", signal.summary(thresholds));
        out.put("raisedAt", signal.raisedAt().toString());
        out.put("autoDisabled", signal.autoDisabled());
        out.put("evidence", signal.evidence().stream().map(SignalRoutes::evidence).toList());
        return out;
    }

    private static Map<String, Object> evidence(Evidence evidence) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("item", evidence.item());
        out.put("detail", evidence.detail());
        out.put("amount", evidence.amount());
        out.put("first", evidence.first().toString());
        out.put("last", evidence.last().toString());
        return out;
    }

    private Instant since(String value) {
        if (value == null || value.isBlank()) {
            return clock.instant().minus(thresholds.window());
        }
        try {
            return value.chars().allMatch(Character::isDigit) && value.length() <= 15
                    ? Instant.ofEpochMilli(Long.parseLong(value)) : Instant.parse(value);
        } catch (DateTimeException | NumberFormatException e) {
            throw new InvalidRequestException("since: expected an ISO-8601 time like 2030-01-01T00:00:00Z or epoch milliseconds");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit: must be a whole number from 1 to " + MAX_LIMIT);
    }
}
