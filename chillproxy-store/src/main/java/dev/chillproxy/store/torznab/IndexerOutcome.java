package dev.chillproxy.store.torznab;

import java.util.List;
import java.util.Objects;

/** What one indexer answered: items (possibly none, with a note), or a failure that names the indexer. */
public sealed interface IndexerOutcome {

    String indexer();

    /**
     * @param unresolved items dropped because neither the feed nor their {@code .torrent} gave a hash
     * @param note       why the list is empty when no search was possible, else empty
     */
    record Found(String indexer, List<TorznabItem> items, int unresolved, String note) implements IndexerOutcome {
        public Found {
            Objects.requireNonNull(indexer, "indexer");
            items = List.copyOf(items);
            note = note == null ? "" : note;
        }
    }

    /** @param reason masked, safe to show */
    record Failed(String indexer, String reason) implements IndexerOutcome {
        public Failed {
            Objects.requireNonNull(indexer, "indexer");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
