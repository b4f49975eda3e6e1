package dev.chillproxy.core.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.title.ParsedTitle;

/**
 * StremThru's default stream name and description. Aggregators (AIOStreams, hence Chillstreams) parse
 * the emoji markers, so the text is byte-exact with StremThru's for the fields we have (no proxy ✨,
 * no bitrate, no subtitles, no edition).
 *
 * <p>Name: {@code ⚡️ } when cached + {@code [CODE]} + {@code  🔑} when private; the addon name; the
 * resolution; then trimmed as a whole ({@code "⚡️ [TB]\nTorz\n1080p"}).
 *
 * <p>Description, one line each, a token left out when its value is missing, tokens joined by one
 * space, a line left out when nothing is on it:
 * {@code 💿 <quality> 🎞️ <codec>} / {@code 📺 <HDR …> 🎧 <audio, …> | <channels, …>} /
 * {@code 💾 <file size> 📦 <size> 👤 <seeders>} (💾 only when it reads differently from 📦) /
 * {@code 🌐 <language flags> 🎙️ Dub 💬 Sub} (the last two for dubbed and subtitled releases, which
 * StremThru does not show; "multi subs" is no audio language, so it shows as 💬 only) / {@code ⚙️ <group> 🔍 <indexer>} (or {@code 🔗 <site>} without an
 * indexer) / {@code 📄 <file name>} or {@code 📁 <torrent name>}. StremThru can leave a trailing blank
 * where a token is missing; we never do.
 *
 * <p>Stateless and thread-safe.
 */
public final class StreamTemplate {

    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("en", "🇬🇧"), Map.entry("ja", "🇯🇵"), Map.entry("fr", "🇫🇷"), Map.entry("de", "🇩🇪"),
            Map.entry("es", "🇪🇸"), Map.entry("it", "🇮🇹"), Map.entry("pt", "🇵🇹"), Map.entry("ru", "🇷🇺"),
            Map.entry("hi", "🇮🇳"), Map.entry("ko", "🇰🇷"), Map.entry("zh", "🇨🇳"), Map.entry("multi", "🌎"),
            Map.entry("multi audio", "🌎"), Map.entry("dual audio", "🌎"),
            Map.entry("ar", "🇸🇦"), Map.entry("nl", "🇳🇱"), Map.entry("pl", "🇵🇱"), Map.entry("tr", "🇹🇷"),
            Map.entry("sv", "🇸🇪"), Map.entry("no", "🇳🇴"), Map.entry("da", "🇩🇰"), Map.entry("fi", "🇫🇮"),
            Map.entry("el", "🇬🇷"), Map.entry("he", "🇮🇱"), Map.entry("hu", "🇭🇺"), Map.entry("cs", "🇨🇿"),
            Map.entry("sk", "🇸🇰"), Map.entry("ro", "🇷🇴"), Map.entry("bg", "🇧🇬"), Map.entry("uk", "🇺🇦"),
            Map.entry("th", "🇹🇭"), Map.entry("vi", "🇻🇳"), Map.entry("id", "🇮🇩"), Map.entry("ms", "🇲🇾"),
            Map.entry("ta", "🇮🇳"), Map.entry("te", "🇮🇳"), Map.entry("bn", "🇧🇩"), Map.entry("fa", "🇮🇷"),
            Map.entry("hr", "🇭🇷"), Map.entry("sr", "🇷🇸"), Map.entry("lt", "🇱🇹"), Map.entry("lv", "🇱🇻"),
            Map.entry("et", "🇪🇪"), Map.entry("es-419", "🇲🇽"), Map.entry("pt-br", "🇧🇷"), Map.entry("zh-tw", "🇹🇼"));

    private StreamTemplate() {
    }

    /**
     * The entry's name.
     *
     * @param storeCode the store code ("tb" or "TB"), or "" for none (then no bracket and no ⚡️)
     * @param addonName the addon's display name ("Torz")
     */
    public static String name(StreamCandidate candidate, String storeCode, boolean cached, String addonName) {
        String code = Objects.requireNonNullElse(storeCode, "").toUpperCase(Locale.ROOT);
        StringBuilder first = new StringBuilder();
        if (!code.isEmpty()) {
            first.append(cached ? "⚡️ " : "").append('[').append(code).append(']');
        }
        if (candidate.isPrivate()) {
            first.append(" 🔑");
        }
        return (first + "\n" + Objects.requireNonNullElse(addonName, "") + "\n" + candidate.parsed().resolution())
                .strip();
    }

    /** The entry's description. */
    public static String description(StreamCandidate candidate) {
        ParsedTitle parsed = candidate.parsed();
        List<String> lines = new ArrayList<>();
        lines.add(line(token("💿", parsed.quality()), token("🎞️", parsed.codec())));
        lines.add(line(token("📺", String.join(" ", parsed.hdr())), audio(parsed)));
        lines.add(line(sizes(candidate), candidate.seeders() > 0 ? "👤 " + candidate.seeders() : ""));
        lines.add(line(token("🌐", flags(parsed.languages())), parsed.dubbed() ? "🎙️ Dub" : "",
                parsed.subbed() || parsed.languages().contains("multi subs") ? "💬 Sub" : ""));
        boolean indexed = !candidate.indexer().isEmpty();
        lines.add(line(token("⚙️", parsed.group()), indexed ? token("🔍", candidate.indexer()) : token("🔗", parsed.site())));
        lines.add(candidate.file() != null && !candidate.file().name().isEmpty() ? token("📄", candidate.file().name())
                : token("📁", candidate.torrentName()));
        StringJoiner description = new StringJoiner("\n");
        lines.stream().filter(l -> !l.isEmpty()).forEach(description::add);
        return description.toString();
    }

    private static String audio(ParsedTitle parsed) {
        String audio = String.join(", ", parsed.audio());
        String channels = String.join(", ", parsed.channels());
        if (audio.isEmpty() || channels.isEmpty()) {
            return token("🎧", audio + channels);
        }
        return "🎧 " + audio + " | " + channels;
    }

    /** 📦 is the torrent's size (the file's when the torrent's is unknown); 💾 the file's when it reads differently. */
    private static String sizes(StreamCandidate candidate) {
        long fileBytes = candidate.file() == null ? 0 : candidate.file().size();
        long totalBytes = candidate.size() > 0 ? candidate.size() : fileBytes;
        if (totalBytes <= 0) {
            return "";
        }
        String total = SizeFormat.of(totalBytes);
        String file = fileBytes > 0 ? SizeFormat.of(fileBytes) : total;
        return file.equals(total) ? "📦 " + total : "💾 " + file + " 📦 " + total;
    }

    private static String flags(List<String> languages) {
        StringJoiner flags = new StringJoiner(" ");
        for (String language : languages) {
            if (language.equals("multi subs")) {
                continue;
            }
            flags.add(FLAGS.getOrDefault(language.toLowerCase(Locale.ROOT), language));
        }
        return flags.toString();
    }

    private static String token(String marker, String value) {
        return value == null || value.isBlank() ? "" : marker + " " + value.strip();
    }

    private static String line(String... tokens) {
        StringJoiner line = new StringJoiner(" ");
        for (String token : tokens) {
            if (!token.isEmpty()) {
                line.add(token);
            }
        }
        return line.toString();
    }
}
