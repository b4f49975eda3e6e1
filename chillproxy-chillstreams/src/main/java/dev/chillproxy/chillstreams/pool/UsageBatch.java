package dev.chillproxy.chillstreams.pool;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Wire body of {@code log-usage}, written by the remote client and read by the internal routes. The batch form is
 * {@code {"events":[…]}} with an {@code eventId} per event; the single-event form is one {@link Event} without an
 * id ({@code {userId,poolKeyId,action,hash,cached,bytes}}), given one on arrival. {@code at} travels as an ISO-8601
 * string (epoch milliseconds are read too) so that no Jackson time module is needed on either side; a missing
 * {@code at} means now. Unknown fields are ignored: {@code outcome} and {@code reason} were added later, an older
 * receiver drops them and an older sender leaves them out ("").
 */
public record UsageBatch(List<Event> events) {

    public UsageBatch {
        events = events == null ? null : List.copyOf(events);
    }

    public static UsageBatch of(List<UsageEvent> events) {
        return new UsageBatch(events.stream().map(Event::of).toList());
    }

    /** The events, each needing its id; {@code events} missing means this is not a batch. */
    public List<UsageEvent> toUsageEvents(Instant now) {
        Objects.requireNonNull(events, "events");
        return events.stream().map(event -> {
            if (event == null) {
                throw new IllegalArgumentException("events: every event must be an object");
            }
            return event.toUsageEvent(() -> GetKeyRequest.Wire.required(event.eventId(), "eventId"), now);
        }).toList();
    }

    public record Event(String eventId, String userId, String poolKeyId, String action, String hash,
                        boolean cached, long bytes, String at, String outcome, String reason) {

        static Event of(UsageEvent event) {
            return new Event(event.eventId(), event.userId(), event.poolKeyId(), event.action(), event.hash(),
                    event.cached(), event.bytes(), event.at().toString(), event.outcome(), event.reason());
        }

        /**
         * @param eventId the id to use when the event has none (the single form), or a check that it has one
         * @throws IllegalArgumentException naming the field that is missing or wrong
         */
        public UsageEvent toUsageEvent(Supplier<String> eventId, Instant now) {
            String id = eventId() == null || eventId().isBlank() ? eventId.get() : eventId();
            return new UsageEvent(id, GetKeyRequest.Wire.required(userId, "userId"), poolKeyId,
                    GetKeyRequest.Wire.action(GetKeyRequest.Wire.required(action, "action")), hash, cached, bytes, time(now),
                    outcome, reason);
        }

        private Instant time(Instant now) {
            if (at == null || at.isBlank()) {
                return now;
            }
            try {
                return at.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(at)) : Instant.parse(at);
            } catch (DateTimeException | NumberFormatException e) {
                throw new IllegalArgumentException("at: must be an ISO-8601 time or epoch milliseconds");
            }
        }
    }
}
