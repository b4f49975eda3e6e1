package dev.chillproxy.core.torz;

import java.util.List;
import java.util.Set;

import dev.chillproxy.core.stremio.Stream;

/** The outcome of a stream-list request; every case but {@link Served} becomes one info stream at the edge. */
public sealed interface Listing {

    /**
     * Streams to answer with.
     *
     * @param grants  the keys used, for usage events
     * @param cached  hashes some store reported cached
     * @param dropped sources dropped for being slow or failing
     */
    record Served(List<Stream> streams, List<Access.Granted> grants, Set<String> cached, List<String> dropped)
            implements Listing {
        public Served {
            streams = List.copyOf(streams);
            grants = List.copyOf(grants);
            cached = Set.copyOf(cached);
            dropped = List.copyOf(dropped);
        }
    }

    /** The pool (or policy) refused every configured store. */
    record Refused(Access.Refused refusal) implements Listing {
    }

    /** The request itself is unusable (bad filter or sort); {@code message} names the problem. */
    record Invalid(String message) implements Listing {
    }

    /** Every store failed its cache check, so nothing trustworthy can be listed. */
    record StoresFailed(String message) implements Listing {
    }
}
