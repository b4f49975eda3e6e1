package dev.chillproxy.store;

import java.util.List;

/**
 * One page of an account's magnets.
 *
 * @param page    0-based page number that was asked for
 * @param hasMore true when a later page may hold more items
 */
public record MagnetPage(List<StoreMagnet> items, int page, boolean hasMore) {

    public MagnetPage {
        items = items == null ? List.of() : List.copyOf(items);
        if (page < 0) {
            throw new IllegalArgumentException("page: negative");
        }
    }
}
