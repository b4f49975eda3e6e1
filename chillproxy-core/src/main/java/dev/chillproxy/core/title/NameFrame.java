package dev.chillproxy.core.title;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a name that can hold title and marks: after a leading site, CJK banner or [Group], before
 * trailing tags ([rarbg], [CRC32], [site.tld]). A leading bracket of technical words ("[DVDRip-ITA]",
 * "[720p]") is no group: its marks are read ({@code scanFrom}) but the title starts after it ({@code titleStart}).
 */
record NameFrame(int scanFrom, int titleStart, int end, String site, String group) {

    private static final String TLD = "(?:com|net|org|to|se|mx|am|re|cc|me|tv|io|ws|info|xyz|lol|in|club|cz|ru|nz|ag"
            + "|ch|pw|is|li|ms|cloud|one|site|top|vip|bz|la|st|sx|eu|uk|co|fun|link|world|pics|bid|lat|sbs|nl|fr|it|my|nu"
            + "|lt|yt|party|show|fi|tw|br|tel|biz|unblockit|ist|si|ac|gg|pro|mov)";
    private static final String DOMAIN_TEXT = "(?:www\\.)?[A-Za-z0-9-]{1,40}(?:\\.[A-Za-z0-9-]{1,40}){0,3}\\." + TLD;
    private static final Pattern DOMAIN = Pattern.compile(DOMAIN_TEXT, Pattern.CASE_INSENSITIVE);
    private static final Pattern DOMAIN_INSIDE = Pattern.compile("(?<![A-Za-z0-9.-])(" + DOMAIN_TEXT + ")(?![A-Za-z0-9])",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SITE_IN_BRACKETS = Pattern.compile(
            "\\s*[\\[【({]\\s*(" + DOMAIN_TEXT + ")\\s*[\\]】)}][\\s._-]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SITE_PREFIX = Pattern.compile(
            "\\s*(www\\.[A-Za-z0-9-]{1,40}(?:\\.[A-Za-z0-9-]{1,40}){0,3}|" + DOMAIN_TEXT + "(?=\\s+-\\s+))\\s*-?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BANNER = Pattern.compile("\\s*【([^】]{0,80})】[\\s._-]*");
    private static final Pattern LEADING_BRACKET = Pattern.compile("\\s*\\[([^\\[\\]]{1,60})\\][\\s._-]*");
    private static final Pattern TECH = Pattern.compile("(?<![A-Za-z0-9])(?:\\d{3,4}p|4k|web-?dl|web-?rip|blu-?ray|bdrip"
            + "|brrip|dvd-?rip|dvd|hdtv|hdrip|x26[45]|h\\.?26[45]|hevc|avc|xvid|aac|ac3|dts|ita|eng|sub|subs|multi|dual"
            + "|french|vostfr|rip)(?![A-Za-z0-9])|^[\\d. ]+$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CRC = Pattern.compile("[0-9A-Fa-f]{8}");
    private static final Pattern GROUP_BEFORE_TAG = Pattern.compile("-[A-Za-z0-9]{2,30}$");
    private static final Set<String> TRAILING_JUNK = Set.of("rarbg", "eztv", "ettv", "tgx", "rartv", "publichd",
            "vtv", "ethd");

    static NameFrame of(String raw) {
        int start = 0;
        String site = "";
        String group = "";
        Matcher banner = BANNER.matcher(raw);
        if (banner.lookingAt()) {
            Matcher domain = DOMAIN_INSIDE.matcher(banner.group(1));
            if (domain.find()) {
                site = domain.group(1);
            }
            start = banner.end();
        }
        Matcher m = SITE_IN_BRACKETS.matcher(raw).region(start, raw.length());
        Matcher p = SITE_PREFIX.matcher(raw).region(start, raw.length());
        if (m.lookingAt()) {
            site = m.group(1);
            start = m.end();
        } else if (p.lookingAt()) {
            site = p.group(1);
            start = p.end();
        }
        int titleStart = start;
        Matcher g = LEADING_BRACKET.matcher(raw).region(start, raw.length());
        if (g.lookingAt() && g.end() < raw.length()) {
            String content = g.group(1).strip();
            if (TECH.matcher(content).find()) {
                titleStart = g.end();
            } else {
                group = content;
                start = g.end();
                titleStart = start;
            }
        }
        int end = trailingEnd(raw, titleStart);
        String trailingSite = trailingSite(raw, titleStart, end);
        return new NameFrame(start, titleStart, end, site.isEmpty() ? trailingSite : site, group);
    }

    /** Where the trailing tags begin (or the name's end). */
    private static int trailingEnd(String raw, int start) {
        int end = raw.length();
        for (int n = 0; n < 4; n++) {
            int e = end;
            while (e > start && (Character.isWhitespace(raw.charAt(e - 1)) || raw.charAt(e - 1) == '⭐')) {
                e--;
            }
            int open = e > start && raw.charAt(e - 1) == ']' ? raw.lastIndexOf('[', e - 1) : -1;
            if (open <= start) {
                break;
            }
            String tag = raw.substring(open + 1, e - 1).strip();
            boolean afterGroup = GROUP_BEFORE_TAG.matcher(raw.substring(start, open)).find()
                    && tag.chars().allMatch(Character::isLetterOrDigit);
            if (!DOMAIN.matcher(tag).matches() && !CRC.matcher(tag).matches()
                    && !TRAILING_JUNK.contains(tag.toLowerCase(Locale.ROOT)) && !afterGroup) {
                break;
            }
            end = open;
        }
        return end;
    }

    private static String trailingSite(String raw, int start, int end) {
        int at = end;
        while (at < raw.length()) {
            int open = raw.indexOf('[', at);
            if (open < 0) {
                break;
            }
            int close = raw.indexOf(']', open);
            if (close < 0) {
                break;
            }
            String tag = raw.substring(open + 1, close).strip();
            if (DOMAIN.matcher(tag).matches()) {
                return tag;
            }
            at = close + 1;
        }
        return "";
    }
}
