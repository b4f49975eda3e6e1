package dev.chillproxy.chillstreams.embedded;

import java.util.List;

import dev.chillproxy.chillstreams.pool.UsageEvent;

/** One page of usage events, newest first; {@code next} is an opaque cursor, null on the last page. */
public record UsagePage(List<UsageEvent> items, String next) {

    public UsagePage {
        items = List.copyOf(items);
    }
}
