package dev.chillproxy.chillstreams.embedded;

import java.util.List;
import java.util.Objects;

/** Usage aggregates over a time range, per pool key and per user; denials are not counted as requests. */
public record UsageStats(List<Aggregate> keys, List<Aggregate> users) {

    public UsageStats {
        keys = List.copyOf(keys);
        users = List.copyOf(users);
    }

    /**
     * @param id                  a pool key id or a user id
     * @param requests            stream lists and playbacks
     * @param cachedRatio         share of {@code requests} flagged cached, 0 when none; a stream list counts as
     *                            cached when any result was, so this reads ~100 % (kept for old clients)
     * @param playbacks           playback GETs that reached the store with a key: served or torrent added
     * @param playbackCachedRatio share of {@code playbacks} served from cache at once; null when there were none
     * @param email               the user's email for a user aggregate (null for a key, or a user without one)
     */
    public record Aggregate(String id, long requests, double cachedRatio, long bytes, long playbacks,
                            Double playbackCachedRatio, String email) {
        public Aggregate {
            Objects.requireNonNull(id, "id");
        }

        /** No usage at all. */
        public static Aggregate none(String id) {
            return new Aggregate(id, 0, 0, 0, 0, null, null);
        }
    }
}
