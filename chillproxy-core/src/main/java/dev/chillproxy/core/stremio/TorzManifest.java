package dev.chillproxy.core.stremio;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.chillproxy.core.config.TorzConfig;

/** Builds the torz addon's manifest, configured or not. Stateless and thread-safe. */
public final class TorzManifest {

    public static final String NAME = "Chillproxy Torz";
    static final String DESCRIPTION = "Torz streams through your debrid pool";
    private static final List<String> TYPES = List.of(ContentType.MOVIE.id(), ContentType.SERIES.id());

    private TorzManifest() {
    }

    /**
     * @param id      the addon id, stable per deployment (e.g. reversed host + {@code .torz})
     * @param version the application version
     * @param config  the user's config, or null for the unconfigured manifest ({@code configurationRequired})
     */
    public static Manifest create(String id, String version, TorzConfig config) {
        return new Manifest(id, version, NAME, description(config), null,
                List.of(new ManifestResource("stream", TYPES, List.of("tt"))),
                TYPES, List.of(), null, new ManifestBehaviorHints(true, config == null));
    }

    /** Like StremThru: the configured store codes, upper-cased, after a dash ({@code … — TB | RD}). */
    private static String description(TorzConfig config) {
        if (config != null && config.p2p()) {
            return DESCRIPTION + " — P2P";
        }
        if (config == null || config.stores().isEmpty()) {
            return DESCRIPTION;
        }
        return DESCRIPTION + " — " + config.stores().stream()
                .map(store -> store.store().code().toUpperCase(Locale.ROOT))
                .distinct()
                .collect(Collectors.joining(" | "));
    }
}
