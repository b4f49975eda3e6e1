package dev.chillproxy.chillstreams.remote;

import java.util.List;

import dev.chillproxy.chillstreams.pool.UsageEvent;

/**
 * Wire body of the batch form of {@code log-usage}: {@code {"events":[…]}}. {@code at} travels as an
 * ISO-8601 string so that no Jackson time module is needed on either side.
 */
record UsageBatch(List<Event> events) {

    UsageBatch {
        events = List.copyOf(events);
    }

    record Event(String eventId, String userId, String poolKeyId, String action, String hash,
                 boolean cached, long bytes, String at) {

        static Event of(UsageEvent event) {
            return new Event(event.eventId(), event.userId(), event.poolKeyId(), event.action(), event.hash(),
                    event.cached(), event.bytes(), event.at().toString());
        }
    }
}
