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
    private static final List<String> ANIME_TYPES = List.of(ContentType.MOVIE.id(), ContentType.SERIES.id(), ContentType.ANIME.id());

    private TorzManifest() {
    }

    /**
     * @param id      the addon id, stable per deployment (e.g. reversed host + {@code .torz})
     * @param version the application version
     * @param config  the user's config, or null for the unconfigured manifest ({@code configurationRequired})
     * @param anime   whether anime ids are mapped to IMDb titles: Stremio then also sends {@code kitsu:} and
     *                {@code mal:} ids (as StremThru's anime feature)
     */
    public static Manifest create(String id, String version, TorzConfig config, boolean anime) {
        List<String> types = anime ? ANIME_TYPES : TYPES;
        List<String> prefixes = anime ? List.of("tt", "kitsu:", "mal:") : List.of("tt");
        return new Manifest(id, version, NAME, description(config), null,
                List.of(new ManifestResource("stream", types, prefixes)),
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
