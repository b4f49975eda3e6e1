package dev.chillproxy.core.title;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a torrent or file name into a {@link ParsedTitle} with go-ptt's field vocabulary. Vocabulary rules
 * run over a working copy of the name, each blanking what it matched; the title is what precedes the first
 * recognised mark (year, season, resolution, ...). Never throws: a null name gives {@code unknown("")} and
 * names longer than {@value #MAX_LENGTH} characters are cut, which keeps every regex pass linear-ish.
 * Stateless and thread-safe; share one instance.
 */
public final class TitleParser {

    static final int MAX_LENGTH = 1024;

    private static final String TLD = "(?:com|net|org|to|se|mx|am|re|cc|me|tv|io|ws|info|xyz|lol|in|club|cz|ru|nz|ag"
            + "|ch|pw|is|li|ms|cloud|one|site|top|vip|bz|la|st|sx|eu|uk|co|fun|link|world|pics|bid|lat|sbs|nl|fr|it)";
    private static final String DOMAIN_TEXT = "(?:www\\.)?[A-Za-z0-9-]{1,40}(?:\\.[A-Za-z0-9-]{1,40}){0,3}\\." + TLD;
    private static final Pattern DOMAIN = Pattern.compile(DOMAIN_TEXT, Pattern.CASE_INSENSITIVE);
    private static final Pattern EXTENSION = Pattern.compile(
            "\\.(mkv|mp4|avi|m4v|mov|wmv|webm|flv|mpe?g|m2ts|ts|vob|divx|ogm|rmvb|3gp)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SITE_IN_BRACKETS = Pattern.compile(
            "\\s*[\\[【(]\\s*(" + DOMAIN_TEXT + ")\\s*[\\]】)][\\s._-]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SITE_PREFIX = Pattern.compile(
            "\\s*(www\\.[A-Za-z0-9-]{1,40}(?:\\.[A-Za-z0-9-]{1,40}){0,3}|" + DOMAIN_TEXT + "(?=\\s+-\\s+))\\s*-?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_GROUP = Pattern.compile("\\s*\\[([^\\[\\]]{1,40})\\][\\s._-]*");
    private static final Pattern CRC = Pattern.compile("[0-9A-Fa-f]{8}");
    private static final Set<String> TRAILING_JUNK = Set.of("rarbg", "eztv", "ettv", "tgx", "rartv", "publichd",
            "vtv", "ethd", "eng", "multiple subtitle");
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9@&$_]{1,29}");
    private static final Pattern NOT_GROUP = Pattern.compile(
            "\\d+|[SE]\\d{1,4}|\\d{1,2}x\\d{1,3}|DL|Rip|HD|MA|ES|HRA|SBS|OU|LC|Ray|BR|Audio|Subs?|Cut|bits?|\\d+ch",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR = Pattern.compile(TokenRule.START + "(19\\d\\d|20\\d\\d)" + TokenRule.END);
    private static final Pattern YEAR_RANGE_GAP = Pattern.compile("\\s*[-–]\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final String EDGE_JUNK = " -–—:([{,.~/|+_";

    private final EpisodeScanner episodes = new EpisodeScanner();

    /** Parses a release or file name; never throws. */
    public ParsedTitle parse(String releaseName) {
        if (releaseName == null) {
            return ParsedTitle.unknown("");
        }
        try {
            return parseName(releaseName.length() > MAX_LENGTH ? releaseName.substring(0, MAX_LENGTH) : releaseName);
        } catch (RuntimeException e) {
            // A single odd name must not break a whole stream list; callers treat it as unknown.
            return ParsedTitle.unknown("");
        }
    }

    private ParsedTitle parseName(String input) {
        String raw = input.strip();
        String container = "";
        Matcher ext = EXTENSION.matcher(raw);
        if (ext.find()) {
            container = ext.group(1).toLowerCase(Locale.ROOT);
            raw = raw.substring(0, ext.start());
        }
        NameFrame frame = NameFrame.of(raw);
        StringBuilder work = new StringBuilder(raw);
        TokenRule.blank(work, 0, frame.start);
        TokenRule.blank(work, frame.end, raw.length());
        int from = frame.start;
        int dash = frame.group.isEmpty() ? sceneGroupDash(raw, frame.start, frame.end) : -1;
        if (dash >= 0) {
            TokenRule.blank(work, dash, frame.end);
        }

        EpisodeScanner.Found found = episodes.scan(work, from);
        List<Hit> quality = take(ReleaseVocabulary.QUALITY, work, from);
        List<Hit> resolution = take(ReleaseVocabulary.RESOLUTION, work, from);
        List<Hit> codec = take(ReleaseVocabulary.CODEC, work, from);
        List<Hit> bitDepth = take(ReleaseVocabulary.BIT_DEPTH, work, from);
        List<Hit> hdr = take(ReleaseVocabulary.HDR, work, from);
        List<Hit> audio = take(ReleaseVocabulary.AUDIO, work, from);
        int strongStart = minStart(frame.end, found.start(), quality, resolution, codec, bitDepth, hdr, audio);

        int[] year = pickYear(raw, work, frame.start, frame.end, strongStart);
        int titleEnd = Math.min(strongStart, year[1]);
        boolean hasYear = year[1] < frame.end;
        int weakFrom = hasYear ? titleEnd : firstWordEnd(raw, frame.start, titleEnd);

        List<Hit> languages = new ArrayList<>();
        LanguageVocabulary.SUBTITLES.take(work, from);
        languages.addAll(take(LanguageVocabulary.RULES, work, titleEnd));
        for (TokenRule rule : LanguageVocabulary.RULES) {
            languages.addAll(rule.take(work, weakFrom, LanguageVocabulary::isReleaseStyle));
        }
        List<Hit> edition = take(ReleaseVocabulary.EDITION, work, weakFrom);
        List<Hit> flags = take(List.of(ReleaseVocabulary.UNRATED, ReleaseVocabulary.PROPER, ReleaseVocabulary.REPACK,
                ReleaseVocabulary.THREE_D, ReleaseVocabulary.COMPLETE_WORD), work, weakFrom);
        quality.addAll(take(ReleaseVocabulary.QUALITY_TAIL, work, titleEnd));
        audio.addAll(take(ReleaseVocabulary.AUDIO_TAIL, work, titleEnd));
        List<Hit> channels = take(ReleaseVocabulary.CHANNELS, work, titleEnd);
        titleEnd = minStart(titleEnd, titleEnd, languages, edition, flags);

        String group = frame.group;
        if (dash >= 0 && dash >= titleEnd) {
            group = raw.substring(dash + 1, frame.end).strip();
        }
        String editionLabel = ordered(edition).stream().findFirst().orElse("");
        return ParsedTitle.builder()
                .title(cleanTitle(raw.substring(frame.start, Math.max(frame.start, titleEnd)))).year(year[0])
                .resolution(first(resolution)).quality(first(quality)).codec(first(codec)).bitDepth(first(bitDepth))
                .hdr(ordered(hdr)).audio(ordered(audio)).channels(ordered(channels)).languages(ordered(languages))
                .seasons(found.seasons()).episodes(found.episodes())
                .complete(found.complete() || has(flags, "complete")).group(group).container(container)
                .edition(editionLabel).extended(has(edition, "Extended Edition")).proper(has(flags, "proper"))
                .repack(has(flags, "repack")).remastered(has(edition, "Remastered")).unrated(has(flags, "unrated"))
                .threeD(has(flags, "3D") ? "3D" : "").site(frame.site).build();
    }

    /** Where a trailing "-GROUP" starts, or -1 when the end of the name is not a release group. */
    private static int sceneGroupDash(String raw, int start, int end) {
        int e = end;
        while (e > start && Character.isWhitespace(raw.charAt(e - 1))) {
            e--;
        }
        int dash = raw.lastIndexOf('-', e - 1);
        if (dash <= start) {
            return -1;
        }
        String candidate = raw.substring(dash + 1, e).strip();
        if (!GROUP_NAME.matcher(candidate).matches() || NOT_GROUP.matcher(candidate).matches()) {
            return -1;
        }
        if (ReleaseVocabulary.all().anyMatch(rule -> rule.covers(candidate, 0))) {
            return -1;
        }
        int wordStart = dash;
        while (wordStart > start && (Character.isLetterOrDigit(raw.charAt(wordStart - 1))
                || raw.charAt(wordStart - 1) == '-' || raw.charAt(wordStart - 1) == '+')) {
            wordStart--;
        }
        String compound = raw.substring(wordStart, e);
        int at = dash - wordStart;
        boolean partOfToken = ReleaseVocabulary.all().anyMatch(rule -> rule.covers(compound, at));
        return partOfToken ? -1 : dash;
    }

    /**
     * Returns {year, position}: the last year before the technical marks (a parenthesised one preferred,
     * the start of a range preferred to its end); a year opening the title is part of it ("2012 (2009)").
     * Position is {@code end} when the year does not bound the title.
     */
    private static int[] pickYear(String raw, StringBuilder work, int start, int end, int strongStart) {
        int firstContent = start;
        while (firstContent < end && !Character.isLetterOrDigit(raw.charAt(firstContent))) {
            firstContent++;
        }
        List<int[]> before = new ArrayList<>();
        int[] after = null;
        Matcher m = YEAR.matcher(work);
        m.region(start, end);
        m.useTransparentBounds(true);
        while (m.find()) {
            int[] candidate = {Integer.parseInt(m.group(1)), m.start(), m.end()};
            if (m.start() == firstContent) {
                continue;
            }
            if (m.start() < strongStart) {
                before.add(candidate);
            } else if (after == null) {
                after = candidate;
            }
        }
        if (before.isEmpty()) {
            return after == null ? new int[] {0, end} : new int[] {after[0], end};
        }
        int chosen = before.size() - 1;
        for (int i = before.size() - 1; i >= 0; i--) {
            char prev = before.get(i)[1] > 0 ? raw.charAt(before.get(i)[1] - 1) : ' ';
            if (prev == '(' || prev == '[') {
                chosen = i;
                break;
            }
        }
        if (chosen > 0 && YEAR_RANGE_GAP.matcher(raw.substring(before.get(chosen - 1)[2], before.get(chosen)[1]))
                .matches()) {
            chosen--;
        }
        return new int[] {before.get(chosen)[0], before.get(chosen)[1]};
    }

    private static int firstWordEnd(String raw, int start, int limit) {
        int i = start;
        while (i < limit && !Character.isLetterOrDigit(raw.charAt(i))) {
            i++;
        }
        while (i < limit && Character.isLetterOrDigit(raw.charAt(i))) {
            i++;
        }
        return i;
    }

    static String cleanTitle(String segment) {
        String t = segment.replace('_', ' ');
        if (t.indexOf(' ') < 0) {
            t = t.replace('.', ' ');
        }
        t = SPACES.matcher(t.replace("()", " ").replace("[]", " ")).replaceAll(" ");
        int a = 0;
        int b = t.length();
        while (a < b && EDGE_JUNK.indexOf(t.charAt(a)) >= 0 && t.charAt(a) != '(') {
            a++;
        }
        while (b > a && EDGE_JUNK.indexOf(t.charAt(b - 1)) >= 0) {
            b--;
        }
        return t.substring(a, b);
    }

    private static List<Hit> take(List<TokenRule> rules, StringBuilder work, int from) {
        List<Hit> hits = new ArrayList<>(2);
        for (TokenRule rule : rules) {
            hits.addAll(rule.take(work, from));
        }
        return hits;
    }

    @SafeVarargs
    private static int minStart(int initial, int other, List<Hit>... lists) {
        int min = Math.min(initial, other);
        for (List<Hit> hits : lists) {
            for (Hit hit : hits) {
                min = Math.min(min, hit.start());
            }
        }
        return min;
    }

    private static String first(List<Hit> hits) {
        return hits.isEmpty() ? "" : hits.get(0).value();
    }

    private static List<String> ordered(List<Hit> hits) {
        return hits.stream().filter(h -> !h.value().isEmpty()).sorted(Comparator.comparingInt(Hit::start))
                .map(Hit::value).distinct().toList();
    }

    private static boolean has(List<Hit> hits, String value) {
        return hits.stream().anyMatch(h -> h.value().equals(value));
    }

    /** The part of a name that can hold title and marks: after a leading site or [Group], before trailing tags. */
    private record NameFrame(int start, int end, String site, String group) {

        static NameFrame of(String raw) {
            int start = 0;
            String site = "";
            String group = "";
            Matcher m = SITE_IN_BRACKETS.matcher(raw);
            Matcher p = SITE_PREFIX.matcher(raw);
            Matcher g = LEADING_GROUP.matcher(raw);
            if (m.lookingAt()) {
                site = m.group(1);
                start = m.end();
            } else if (p.lookingAt()) {
                site = p.group(1);
                start = p.end();
            } else if (g.lookingAt()) {
                group = g.group(1).strip();
                start = g.end();
            }
            int end = raw.length();
            for (int n = 0; n < 4; n++) {
                int e = end;
                while (e > start && Character.isWhitespace(raw.charAt(e - 1))) {
                    e--;
                }
                int open = e > start && raw.charAt(e - 1) == ']' ? raw.lastIndexOf('[', e - 1) : -1;
                if (open <= start) {
                    break;
                }
                String tag = raw.substring(open + 1, e - 1).strip();
                if (DOMAIN.matcher(tag).matches()) {
                    site = site.isEmpty() ? tag : site;
                } else if (!CRC.matcher(tag).matches() && !TRAILING_JUNK.contains(tag.toLowerCase(Locale.ROOT))) {
                    break;
                }
                end = open;
            }
            return new NameFrame(start, end, site, group);
        }
    }
}
