package dev.chillproxy.core.torz;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.stremio.StremioId;

/**
 * Port: finds torrents for a Stremio id (local index, the user's and the operator's indexers). Must answer
 * within {@code budget}, dropping slow sources, and must not throw.
 */
public interface CandidateSource {

    /**
     * @param granted completes with true once a store of the config granted access, false when every store refused;
     *                the operator's indexers are searched only after true (a made-up user id must not spend them)
     */
    Candidates find(StremioId id, TorzConfig config, Duration budget, CompletableFuture<Boolean> granted);

    /** What was found, and which sources were dropped (slow or failing) so the edge can log them. */
    record Candidates(List<StreamCandidate> items, List<String> dropped) {
        public Candidates {
            items = List.copyOf(Objects.requireNonNull(items, "items"));
            dropped = List.copyOf(Objects.requireNonNull(dropped, "dropped"));
        }
    }
}
