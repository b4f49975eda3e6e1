package dev.chillproxy.store.http;

/**
 * Makes upstream text (an indexer's title, error description, a server's message) safe for one log line:
 * control characters and Unicode line/paragraph separators become a space, so a newline in upstream text cannot
 * forge a second log line, and the text is cut to a length a log line can carry. Secrets are {@link SecretMasker}'s job.
 */
public final class LogText {

    /** Default cap: long enough for a release name or an error sentence. */
    public static final int MAX_CHARS = 300;

    private LogText() {
    }

    public static String oneLine(String text) {
        return oneLine(text, MAX_CHARS);
    }

    /** {@code text} with control characters replaced by spaces, trimmed, cut to {@code maxChars} (with "…"). */
    public static String oneLine(String text, int maxChars) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder clean = new StringBuilder(Math.min(text.length(), maxChars + 1));
        for (int i = 0; i < text.length() && clean.length() <= maxChars; i++) {
            char c = text.charAt(i);
            clean.append(isBreaking(c) ? ' ' : c);
        }
        String result = clean.toString().trim();
        return result.length() > maxChars ? result.substring(0, maxChars) + "…" : result;
    }

    private static boolean isBreaking(char c) {
        // ISO controls include \r, \n, \t, ESC (terminal escapes) and NEL (U+0085)
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
