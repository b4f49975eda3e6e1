package dev.chillproxy.store.torznab;

import java.util.Set;

/**
 * The parts of {@code t=caps} the search needs.
 *
 * @param serverTitle {@code <server title>}, used as the indexer name when items do not name one
 */
record TorznabCaps(String serverTitle, SearchFunction search, SearchFunction tvSearch,
                          SearchFunction movieSearch) {

    /** One searching function: is it available, and which parameters does it take. */
    public record SearchFunction(boolean available, Set<String> params) {
        public SearchFunction {
            params = Set.copyOf(params);
        }

        public boolean supports(String param) {
            return available && params.contains(param);
        }

        static final SearchFunction NONE = new SearchFunction(false, Set.of());
    }

    public TorznabCaps {
        serverTitle = serverTitle == null ? "" : serverTitle;
        search = search == null ? new SearchFunction(true, Set.of("q")) : search;
        tvSearch = tvSearch == null ? SearchFunction.NONE : tvSearch;
        movieSearch = movieSearch == null ? SearchFunction.NONE : movieSearch;
    }
}
