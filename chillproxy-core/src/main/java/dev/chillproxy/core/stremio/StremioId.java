package dev.chillproxy.core.stremio;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Stremio content id of a stream request: {@code tt0898266}, {@code tt0898266:9:17}, {@code kitsu:11469},
 * {@code kitsu:11469:5}, {@code mal:1234[:E]}.
 *
 * <p>Type rules: an IMDb id needs type {@code movie} or {@code series}; a movie id carries no season/episode,
 * while a bare series id ({@code tt123} as {@code series}) is accepted and means the whole show. Kitsu and
 * MyAnimeList ids accept {@code anime}, {@code series} and {@code movie}, and number episodes absolutely
 * (no season).
 *
 * @param raw     the decoded id, without {@code .json}
 * @param source  which catalog the id belongs to
 * @param baseId  the id of the title without episode parts, lower-case and prefixed: {@code tt0898266},
 *                {@code kitsu:11469}, {@code mal:1234}
 * @param season  season number (0 = specials) for IMDb episodes, else null
 * @param episode episode number, else null
 * @param origin  the anime id ({@code kitsu:…}, {@code mal:…}) this IMDb id was mapped from, else null
 */
public record StremioId(String raw, IdSource source, String baseId, Integer season, Integer episode, StremioId origin) {

    public static final int MAX_SEASON = 1000;
    public static final int MAX_EPISODE = 100_000;
    private static final int MAX_ID_LENGTH = 256;
    private static final Pattern IMDB = Pattern.compile("tt\\d{1,10}");
    private static final Pattern CATALOG_NUMBER = Pattern.compile("\\d{1,10}");
    private static final Pattern ECHOABLE = Pattern.compile("[A-Za-z0-9:._-]{1,40}");

    /** The catalog an id comes from. */
    public enum IdSource { IMDB, KITSU, MAL }

    public StremioId {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(baseId, "baseId");
        if (season != null && episode == null) {
            throw new IllegalArgumentException("a season needs an episode");
        }
    }

    public StremioId(String raw, IdSource source, String baseId, Integer season, Integer episode) {
        this(raw, source, baseId, season, episode, null);
    }

    /**
     * The IMDb id an anime id stands for ({@code kitsu:11469:5} as {@code tt1234567:2:5}): its raw form is the IMDb
     * one, so links built from it play that season and episode; {@link #origin()} keeps the anime id.
     *
     * @param season  null for a movie or a whole show (then {@code episode} must be null too)
     */
    public StremioId mappedTo(String imdbId, Integer season, Integer episode) {
        if (!IMDB.matcher(imdbId).matches() || (season == null) != (episode == null)) {
            throw new IllegalArgumentException("not an IMDb id, or an episode without a season");
        }
        String mappedRaw = season == null ? imdbId : imdbId + ":" + season + ":" + episode;
        return new StremioId(mappedRaw, IdSource.IMDB, imdbId, season, episode, this);
    }

    /** True when the id names one episode rather than a movie or a whole show. */
    public boolean isEpisode() {
        return episode != null;
    }

    public static StremioId parse(String type, String id) throws InvalidStremioIdException {
        if (id == null || id.isBlank()) {
            throw new InvalidStremioIdException("missing id");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new InvalidStremioIdException("id longer than " + MAX_ID_LENGTH + " characters");
        }
        ContentType contentType = ContentType.of(type)
                .orElseThrow(() -> new InvalidStremioIdException("unsupported type" + echo(type)));
        String decoded = decode(id.strip());
        if (decoded.endsWith(".json")) {
            decoded = decoded.substring(0, decoded.length() - ".json".length());
        }
        String[] parts = decoded.split(":", -1);
        String prefix = parts[0].toLowerCase(Locale.ROOT);
        if (prefix.startsWith("tt")) {
            return imdb(contentType, decoded, prefix, parts);
        }
        if (prefix.equals("kitsu") || prefix.equals("mal")) {
            return catalog(prefix.equals("kitsu") ? IdSource.KITSU : IdSource.MAL, decoded, prefix, parts);
        }
        throw new InvalidStremioIdException("unsupported id" + echo(decoded) + ": expected tt…, kitsu:… or mal:…");
    }

    private static StremioId imdb(ContentType type, String raw, String base, String[] parts)
            throws InvalidStremioIdException {
        if (type == ContentType.ANIME) {
            throw new InvalidStremioIdException("an IMDb id needs type movie or series, not anime");
        }
        if (!IMDB.matcher(base).matches() || (parts.length != 1 && parts.length != 3)) {
            throw new InvalidStremioIdException("malformed IMDb id" + echo(raw) + ": expected tt<digits> or tt<digits>:<season>:<episode>");
        }
        if (parts.length == 1) {
            return new StremioId(raw, IdSource.IMDB, base, null, null);
        }
        if (type == ContentType.MOVIE) {
            throw new InvalidStremioIdException("a movie id has no season or episode" + echo(raw));
        }
        return new StremioId(raw, IdSource.IMDB, base,
                number(parts[1], "season", MAX_SEASON), number(parts[2], "episode", MAX_EPISODE));
    }

    private static StremioId catalog(IdSource source, String raw, String prefix, String[] parts)
            throws InvalidStremioIdException {
        if ((parts.length != 2 && parts.length != 3) || !CATALOG_NUMBER.matcher(parts[1]).matches()) {
            throw new InvalidStremioIdException("malformed id" + echo(raw) + ": expected " + prefix + ":<number>[:<episode>]");
        }
        Integer episode = parts.length == 3 ? number(parts[2], "episode", MAX_EPISODE) : null;
        return new StremioId(raw, source, prefix + ":" + parts[1], null, episode);
    }

    private static int number(String text, String what, int max) throws InvalidStremioIdException {
        // at most 6 digits, so the parse cannot overflow before the range check
        if (!text.matches("\\d{1,6}") || Integer.parseInt(text) > max) {
            throw new InvalidStremioIdException(what + echo(text) + " is not a number from 0 to " + max);
        }
        return Integer.parseInt(text);
    }

    private static String decode(String id) throws InvalidStremioIdException {
        if (id.indexOf('%') < 0) {
            return id;
        }
        try {
            return URLDecoder.decode(id.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidStremioIdException("bad percent-escape in id");
        }
    }

    /** Quotes a value for a message only when it is short and plain, so nothing odd is reflected back. */
    private static String echo(String value) {
        return value != null && ECHOABLE.matcher(value).matches() ? " \"" + value + "\"" : "";
    }
}
