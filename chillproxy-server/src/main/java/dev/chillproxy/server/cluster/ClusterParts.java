package dev.chillproxy.server.cluster;

import java.util.Objects;
import java.util.Optional;

import dev.chillproxy.chillstreams.cluster.EvictionBus;
import dev.chillproxy.chillstreams.cluster.InstanceRegistry;
import dev.chillproxy.chillstreams.cluster.RevocationStream;
import dev.chillproxy.chillstreams.remote.ChillstreamsEvents;

/**
 * What makes this instance one of several: revocations in (PostgreSQL notifications, a remote Chillstreams' event
 * stream) and out (the event stream this instance serves), and its entry in the instance registry. Built by
 * {@code Main.build}; started and closed by {@code Server}.
 */
public record ClusterParts(EvictionBus evictions, Optional<ChillstreamsEvents> remoteEvents, InstanceRegistry instances,
                           RevocationStream revocations) {

    public ClusterParts {
        Objects.requireNonNull(evictions, "evictions");
        Objects.requireNonNull(remoteEvents, "remoteEvents");
        Objects.requireNonNull(instances, "instances");
        Objects.requireNonNull(revocations, "revocations");
    }

    public void start() {
        instances.start();
        evictions.start();
        remoteEvents.ifPresent(ChillstreamsEvents::start);
    }

    /** Ends the served event streams, so that they do not hold up the HTTP server's graceful stop. */
    public void endStreams() {
        revocations.close();
    }

    public void close() {
        revocations.close();
        remoteEvents.ifPresent(ChillstreamsEvents::close);
        evictions.close();
        instances.close();
    }
}
