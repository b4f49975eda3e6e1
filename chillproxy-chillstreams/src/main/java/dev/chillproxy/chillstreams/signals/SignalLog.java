package dev.chillproxy.chillstreams.signals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.chillproxy.chillstreams.db.Database;

/**
 * The signals raised, one row per (user, signal) with its latest evidence. {@link #raise} is the one place that
 * decides "new": it succeeds once per (user, signal) per window, atomically on the database, so several instances
 * scanning the same data alert and disable once. Thread-safe.
 */
public final class SignalLog {

    private final Database database;
    private final ObjectMapper mapper;

    public SignalLog(Database database, ObjectMapper mapper) {
        this.database = Objects.requireNonNull(database, "database");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Records the signal. True when it is new: never raised for this user, or last raised at or before
     * {@code previousBefore} (now minus the window). False when it was raised within the window: its evidence is then
     * refreshed, so the dashboard shows what is true now, and nobody is alerted twice.
     */
    public boolean raise(Signal signal, Instant previousBefore) {
        String evidence = json(signal.evidence());
        return database.jdbi().withHandle(handle -> {
            int raised = handle.createUpdate("INSERT INTO abuse_signals (user_id, kind, raised_at, observed, threshold, evidence,"
                            + " auto_disabled) VALUES (:u, :k, :at, :observed, :threshold, :evidence, 0)"
                            + " ON CONFLICT (user_id, kind) DO UPDATE SET raised_at = excluded.raised_at, observed = excluded.observed,"
                            + " threshold = excluded.threshold, evidence = excluded.evidence, auto_disabled = 0"
                            + " WHERE abuse_signals.raised_at <= :before")
                    .bind("u", signal.userId()).bind("k", signal.kind().wire()).bind("at", signal.raisedAt().toEpochMilli())
                    .bind("observed", signal.observed()).bind("threshold", signal.threshold()).bind("evidence", evidence)
                    .bind("before", previousBefore.toEpochMilli()).execute();
            if (raised == 0) {
                handle.createUpdate("UPDATE abuse_signals SET observed = :observed, evidence = :evidence"
                                + " WHERE user_id = :u AND kind = :k AND observed <= :observed")
                        .bind("observed", signal.observed()).bind("evidence", evidence)
                        .bind("u", signal.userId()).bind("k", signal.kind().wire()).execute();
            }
            return raised > 0;
        });
    }

    /** Notes that the user was disabled automatically for this signal. */
    public void markAutoDisabled(String userId, SignalKind kind) {
        database.jdbi().useHandle(handle -> handle.createUpdate("UPDATE abuse_signals SET auto_disabled = 1"
                + " WHERE user_id = :u AND kind = :k").bind("u", userId).bind("k", kind.wire()).execute());
    }

    /** Signals raised at or after {@code since}, newest first. */
    public List<Signal> since(Instant since, int limit) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT user_id, kind, raised_at, observed, threshold,"
                        + " evidence, auto_disabled FROM abuse_signals WHERE raised_at >= :since"
                        + " ORDER BY raised_at DESC, user_id, kind LIMIT :limit")
                .bind("since", since.toEpochMilli()).bind("limit", limit)
                .map((rs, ctx) -> {
                    SignalKind kind = SignalKind.fromWire(rs.getString("kind")).orElse(null);
                    return kind == null ? null : new Signal(rs.getString("user_id"), kind, rs.getLong("observed"),
                            rs.getLong("threshold"), Instant.ofEpochMilli(rs.getLong("raised_at")),
                            evidence(rs.getString("evidence")), rs.getInt("auto_disabled") != 0);
                })
                .list().stream().filter(Objects::nonNull).toList());
    }

    /** Users with each signal raised at or after {@code since}; every kind present, 0 when none. */
    public Map<SignalKind, Long> countsSince(Instant since) {
        Map<SignalKind, Long> counts = new EnumMap<>(SignalKind.class);
        for (SignalKind kind : SignalKind.values()) {
            counts.put(kind, 0L);
        }
        database.jdbi().useHandle(handle -> handle.createQuery("SELECT kind, count(*) AS n FROM abuse_signals"
                        + " WHERE raised_at >= :since GROUP BY kind").bind("since", since.toEpochMilli())
                .map((rs, ctx) -> Map.entry(rs.getString("kind"), rs.getLong("n"))).list()
                .forEach(row -> SignalKind.fromWire(row.getKey()).ifPresent(kind -> counts.put(kind, row.getValue()))));
        return counts;
    }

    private String json(List<Evidence> evidence) {
        ArrayNode items = mapper.createArrayNode();
        evidence.forEach(e -> items.addObject().put("item", e.item()).put("detail", e.detail()).put("amount", e.amount())
                .put("first", e.first().toEpochMilli()).put("last", e.last().toEpochMilli()));
        return items.toString();
    }

    private List<Evidence> evidence(String json) {
        List<Evidence> items = new ArrayList<>();
        try {
            for (JsonNode node : mapper.readTree(json)) {
                items.add(new Evidence(node.path("item").asText(), node.path("detail").asText(), node.path("amount").asLong(),
                        Instant.ofEpochMilli(node.path("first").asLong()), Instant.ofEpochMilli(node.path("last").asLong())));
            }
        } catch (JsonProcessingException e) {
            return List.of(); // written by json() above; unreadable only if edited by hand
        }
        return items;
    }
}
