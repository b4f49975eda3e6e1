package dev.chillproxy.chillstreams.embedded;

import java.util.List;
import java.util.Objects;

/** Usage aggregates over a time range, per pool key and per user; denials are not counted as requests. */
public record UsageStats(List<Aggregate> keys, List<Aggregate> users) {

    public UsageStats {
        keys = List.copyOf(keys);
        users = List.copyOf(users);
    }

    /** @param id a pool key id or a user id; {@code cachedRatio} is 0 when there were no requests */
    public record Aggregate(String id, long requests, double cachedRatio, long bytes) {
        public Aggregate {
            Objects.requireNonNull(id, "id");
        }
    }
}
