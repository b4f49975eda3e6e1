package dev.chillproxy.core.title;

/**
 * The working copy of a release name that the vocabulary scans: recognised marks are blanked (set to spaces)
 * so looser rules cannot read the same characters again. Counts character reads, which is how tests bound
 * the work a crafted name can cause without timing anything. One per parse; not thread-safe.
 */
final class WorkText implements CharSequence {

    private final char[] chars;
    private final String original;
    private long reads;

    WorkText(String text) {
        chars = text.toCharArray();
        original = text;
    }

    @Override
    public int length() {
        return chars.length;
    }

    @Override
    public char charAt(int index) {
        reads++;
        return chars[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(chars, start, end - start);
    }

    @Override
    public String toString() {
        return new String(chars);
    }

    /** The text as it was before any blanking, from {@code start} to {@code end}. */
    String original(int start, int end) {
        return original.substring(start, end);
    }

    void blank(int start, int end) {
        for (int i = Math.max(0, start); i < Math.min(end, chars.length); i++) {
            chars[i] = ' ';
        }
    }

    /** Character reads so far (by the parser and by every regex run over this text). */
    long reads() {
        return reads;
    }
}
