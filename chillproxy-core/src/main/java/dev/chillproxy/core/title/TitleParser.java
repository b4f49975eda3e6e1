package dev.chillproxy.core.title;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a torrent or file name into a {@link ParsedTitle} with go-ptt's field vocabulary. The name is framed
 * first (site, leading [Group] or tag block, trailing tags), then vocabulary rules run over a working copy,
 * each blanking what it matched; the title is what precedes the first recognised mark (year, season,
 * resolution, ...), cleaned by {@link TitleText}. Languages are read word by word ({@link LanguageReader}).
 * Never throws: a null name gives {@code unknown("")} and names longer than {@value #MAX_LENGTH} characters
 * are cut. Stateless and thread-safe; share one instance.
 */
public final class TitleParser {

    static final int MAX_LENGTH = 1024;

    private static final Pattern EXTENSION = Pattern.compile(
            "\\.(mkv|mp4|avi|m4v|mov|wmv|webm|flv|mpe?g|m2ts|ts|vob|divx|ogm|rmvb|3gp|srt|ass|ssa|sub|idx|vtt)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EXTENSION_WORD = Pattern.compile("[ ._](mkv|mp4|avi)$", Pattern.CASE_INSENSITIVE);
    private static final List<String> SUBTITLE_FILES = List.of("srt", "ass", "ssa", "sub", "idx", "vtt");
    private static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9@&$_]{1,29}");
    private static final Pattern NOT_GROUP = Pattern.compile(
            "\\d+(?:[_.]\\d+)*|[SE]\\d{1,4}|\\d{1,2}x\\d{1,3}|DL|Rip|HD|MA|ES|HRA|SBS|OU|LC|Ray|BR|Audio|Subs?|Cut|bits?|\\d+ch"
                    + "|ESubs?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AUDIO_BEFORE = Pattern.compile(
            "(?:DDP|DD\\+|DD|Atmos|TrueHD|MA|AAC|AC-?3|DTS|FLAC|OPUS|PCM|EAC3|HD)[ ._-]?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern EPISODE_MARK = Pattern.compile("[ST]\\d{1,3}x?E\\d", Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR = Pattern.compile(
            TokenRule.START + "((?:19|20)\\d\\d)(?:[ ]?[-–][ ]?((?:19|20)\\d\\d))?" + TokenRule.END);

    static {
        // Every vocabulary pattern registers with Rx when its class loads; load them all before the first
        // WorkText caches which patterns may start where.
        ReleaseVocabulary.all().count();
        LanguageVocabulary.ordered(java.util.List.of());
        EpisodeScanner.load();
    }

    private final EpisodeScanner episodes = new EpisodeScanner();

    /** Parses a release or file name; never throws. */
    public ParsedTitle parse(String releaseName) {
        if (releaseName == null) {
            return ParsedTitle.unknown("");
        }
        try {
            return parseName(cut(releaseName), new long[1]);
        } catch (RuntimeException e) {
            // A single odd name must not break a whole stream list; callers treat it as unknown.
            return ParsedTitle.unknown("");
        }
    }

    /** The characters read (by the parser and its regexes) while parsing {@code name}; tests bound it. */
    long workFor(String name) {
        long[] reads = new long[1];
        parseName(cut(name), reads);
        return reads[0];
    }

    private static String cut(String name) {
        return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
    }

    private ParsedTitle parseName(String input, long[] reads) {
        String raw = stripQuotes(input.strip());
        String container = "";
        Matcher ext = EXTENSION.matcher(raw);
        Matcher word = EXTENSION_WORD.matcher(raw);
        if (ext.find()) {
            container = ext.group(1).toLowerCase(Locale.ROOT);
            raw = raw.substring(0, ext.start());
        } else if (word.find()) {
            container = word.group(1).toLowerCase(Locale.ROOT);
            raw = raw.substring(0, word.start());
        }
        NameFrame frame = NameFrame.of(raw);
        WorkText work = new WorkText(raw);
        work.blank(0, frame.scanFrom());
        work.blank(frame.end(), raw.length());
        int from = frame.scanFrom();
        int titleStart = frame.titleStart();
        int dash = frame.group().isEmpty() ? sceneGroupDash(raw, titleStart, frame.end()) : -1;
        if (dash >= 0) {
            work.blank(dash, frame.end());
        }

        List<Hit> channels = take(ReleaseVocabulary.CHANNELS, work, from);
        EpisodeScanner.Found found = episodes.scan(raw, work, from, titleStart, !container.isEmpty());
        List<Hit> quality = take(ReleaseVocabulary.QUALITY, work, from);
        List<Hit> resolution = take(ReleaseVocabulary.RESOLUTION, work, from);
        List<Hit> codec = take(ReleaseVocabulary.CODEC, work, from);
        List<Hit> bitDepth = take(ReleaseVocabulary.BIT_DEPTH, work, from);
        List<Hit> hdr = take(ReleaseVocabulary.HDR, work, from);
        List<Hit> audio = take(ReleaseVocabulary.AUDIO, work, from);
        int marksStart = minStart(titleStart, Math.max(found.start(), titleStart), frame.end(), quality, resolution,
                codec, bitDepth, hdr, audio);
        String name = raw;
        channels.removeIf(hit -> hit.start() < marksStart && hit.start() >= titleStart
                && !AUDIO_BEFORE.matcher(name.substring(Math.max(0, hit.start() - 8), hit.start())).find());
        int strongStart = minStart(titleStart, marksStart, marksStart, channels);

        Years years = Years.pick(raw, work, titleStart, frame.end(), strongStart);
        int titleEnd = Math.min(strongStart, years.position());
        boolean hasYear = years.position() < frame.end();
        int weakFrom = hasYear ? titleEnd : firstWordEnd(raw, titleStart, titleEnd);

        List<Hit> edition = new ArrayList<>();
        int secondWord = firstWordEnd(raw, titleStart, titleEnd);
        for (TokenRule rule : ReleaseVocabulary.EDITION) {
            // Inside the title only capitals mark an edition ("CUSTOM.EXTENDED.2022"), not "Extended Family".
            edition.addAll(rule.take(work, secondWord, weakFrom, TitleParser::isCapitals));
            edition.addAll(rule.take(work, weakFrom));
        }
        edition.addAll(ReleaseVocabulary.RELEASE_WORDS.take(work, secondWord));
        List<Hit> flags = take(List.of(ReleaseVocabulary.UNRATED, ReleaseVocabulary.PROPER, ReleaseVocabulary.REPACK,
                ReleaseVocabulary.RETAIL, ReleaseVocabulary.UNCENSORED, ReleaseVocabulary.HARDCODED,
                ReleaseVocabulary.CONVERT, ReleaseVocabulary.UPSCALED, ReleaseVocabulary.COMMENTARY), work, weakFrom);
        List<Hit> threeD = ReleaseVocabulary.THREE_D.take(work, Math.max(weakFrom, titleEnd));
        LanguageReader.Result languages = LanguageReader.read(raw, work, from, titleStart, titleEnd,
                frame.end(), SUBTITLE_FILES.contains(container));
        titleEnd = minStart(titleStart, titleEnd, titleEnd, edition, flags, threeD, languages.hits());
        quality.addAll(take(ReleaseVocabulary.QUALITY_TAIL, work, titleEnd));
        audio.addAll(take(ReleaseVocabulary.AUDIO_TAIL, work, titleEnd));

        String group = frame.group();
        if (dash >= 0 && dash >= titleEnd) {
            group = raw.substring(dash + 1, frame.end()).strip();
        }
        String threeDLabel = threeD.stream().map(Hit::value).max(Comparator.comparingInt(String::length)).orElse("");
        String title = TitleText.clean(raw.substring(titleStart, Math.max(titleStart, titleEnd)), !threeD.isEmpty());
        int year = years.year();
        if (year == 0 && found.start() > titleStart) {
            int leading = TitleText.leadingYear(title);
            if (leading > 0) {
                year = leading;
                title = TitleText.withoutLeadingYear(title);
            }
        }
        reads[0] = work.reads();
        boolean multiAudio = languages.codes().contains("multi audio") || languages.codes().contains("dual audio");
        return ParsedTitle.builder()
                .title(title).year(year).yearEnd(years.yearEnd())
                .resolution(first(resolution)).quality(first(quality)).codec(first(codec)).bitDepth(first(bitDepth))
                .hdr(ordered(hdr)).audio(ordered(audio)).channels(ordered(channels)).languages(languages.codes())
                .seasons(found.seasons()).episodes(found.episodes())
                .complete(found.complete() || years.yearEnd() > 0).group(group).container(container)
                .edition(ordered(edition).stream().findFirst().orElse(""))
                .extended(has(edition, "Extended Edition")).remastered(has(edition, "Remastered"))
                .proper(has(flags, "proper")).repack(has(flags, "repack")).unrated(has(flags, "unrated"))
                .retail(has(flags, "retail")).uncensored(has(flags, "uncensored")).hardcoded(has(flags, "hardcoded"))
                .convert(has(flags, "convert")).upscaled(has(flags, "upscaled")).commentary(has(flags, "commentary"))
                .documentary(ReleaseVocabulary.DOCUMENTARY.matcher(raw).find())
                .dubbed(languages.dubbed() || multiAudio).subbed(languages.subbed())
                .threeD(threeDLabel).site(frame.site()).build();
    }

    private static boolean isCapitals(String word) {
        return word.chars().anyMatch(Character::isLetter) && word.equals(word.toUpperCase(Locale.ROOT));
    }

    private static String stripQuotes(String name) {
        if (name.length() > 1 && (name.charAt(0) == '\'' || name.charAt(0) == '"')
                && name.charAt(name.length() - 1) == name.charAt(0)) {
            return name.substring(1, name.length() - 1);
        }
        return name;
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
        if (!GROUP_NAME.matcher(candidate).matches() || NOT_GROUP.matcher(candidate).matches()
                || EPISODE_MARK.matcher(candidate).find()
                || LanguageVocabulary.word(candidate) != null) {
            return -1;
        }
        if (ReleaseVocabulary.all().anyMatch(rule -> rule.covers(candidate, 0))) {
            return -1;
        }
        int wordStart = dash;
        while (wordStart > Math.max(start, dash - 24) && (Character.isLetterOrDigit(raw.charAt(wordStart - 1))
                || raw.charAt(wordStart - 1) == '-' || raw.charAt(wordStart - 1) == '+')) {
            wordStart--;
        }
        String compound = raw.substring(wordStart, e);
        int at = dash - wordStart;
        boolean partOfToken = ReleaseVocabulary.all().anyMatch(rule -> rule.covers(compound, at));
        return partOfToken ? -1 : dash;
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

    private static List<Hit> take(List<TokenRule> rules, WorkText work, int from) {
        List<Hit> hits = new ArrayList<>(2);
        for (TokenRule rule : rules) {
            hits.addAll(rule.take(work, from));
        }
        return hits;
    }

    /** The earliest hit start at or after {@code floor}, or {@code initial}/{@code other} if earlier. */
    @SafeVarargs
    private static int minStart(int floor, int initial, int other, List<Hit>... lists) {
        int min = Math.min(initial, other);
        for (List<Hit> hits : lists) {
            for (Hit hit : hits) {
                if (hit.start() >= floor) {
                    min = Math.min(min, hit.start());
                }
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

    /** The year (or year range) that bounds the title, and where it stands. */
    record Years(int year, int yearEnd, int position) {

        /**
         * The last year before the technical marks (a bracketed one preferred, a range as one); a year opening
         * the title is part of it ("2012 (2009)"). Position is {@code end} when no year bounds the title.
         */
        static Years pick(String raw, WorkText work, int start, int end, int strongStart) {
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
                int second = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
                int first = Integer.parseInt(m.group(1));
                int[] candidate = {first, second > first ? second : 0, m.start()};
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
                return after == null ? new Years(0, 0, end) : new Years(after[0], after[1], end);
            }
            int chosen = before.size() - 1;
            for (int i = before.size() - 1; i >= 0; i--) {
                int at = before.get(i)[2];
                char prev = at > 0 ? raw.charAt(at - 1) : ' ';
                if (prev == '(' || prev == '[' || prev == '*') {
                    chosen = i;
                    break;
                }
            }
            int[] pick = before.get(chosen);
            return new Years(pick[0], pick[1], pick[2]);
        }
    }
}
