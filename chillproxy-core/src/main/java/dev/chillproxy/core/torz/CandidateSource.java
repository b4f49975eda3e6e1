package dev.chillproxy.core.torz;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.stremio.StremioId;

/**
 * Port: finds torrents for a Stremio id (local index, the user's and the operator's indexers). Must answer
 * within {@code budget}, dropping slow sources, and must not throw.
 */
public interface CandidateSource {

    Candidates find(StremioId id, TorzConfig config, Duration budget);

    /** What was found, and which sources were dropped (slow or failing) so the edge can log them. */
    record Candidates(List<StreamCandidate> items, List<String> dropped) {
        public Candidates {
            items = List.copyOf(Objects.requireNonNull(items, "items"));
            dropped = List.copyOf(Objects.requireNonNull(dropped, "dropped"));
        }
    }
}
