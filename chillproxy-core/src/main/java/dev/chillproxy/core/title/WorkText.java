package dev.chillproxy.core.title;

/**
 * The working copy of a release name that the vocabulary scans: recognised marks are blanked (set to spaces)
 * so looser rules cannot read the same characters again. Keeps, per position, which patterns may start there
 * ({@link Rx#startersAt}) and which may start anywhere, updated as text is blanked. Counts character reads
 * and scanned positions, which is how tests bound the work a crafted name can cause without timing anything.
 * One per parse; not thread-safe.
 */
final class WorkText implements CharSequence {

    private final char[] chars;
    private final String original;
    private final long[][] starters;
    private final long[] anywhere;
    private long reads;

    WorkText(String text) {
        chars = text.toCharArray();
        original = text;
        starters = new long[chars.length][];
        long[] union = new long[2 + Rx.startersAt(0).length];
        for (int i = 0; i < chars.length; i++) {
            starters[i] = Rx.startersAt(keyAt(i));
            or(union, starters[i]);
        }
        anywhere = union;
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
        int from = Math.max(0, start);
        int to = Math.min(end, chars.length);
        if (from >= to) {
            return;
        }
        for (int i = from; i < to; i++) {
            chars[i] = ' ';
        }
        for (int i = Math.max(0, from - 1); i < to; i++) {
            starters[i] = Rx.startersAt(keyAt(i));
            or(anywhere, starters[i]);
        }
    }

    /** Whether pattern {@code index} may start at any position of this text. */
    boolean mayStart(int index) {
        return Rx.has(anywhere, index);
    }

    long[] startersAt(int position) {
        return starters[position];
    }

    void count(int scanned) {
        reads += scanned;
    }

    /** Character reads and scanned positions so far (by the parser and by every regex run over this text). */
    long reads() {
        return reads;
    }

    private int keyAt(int i) {
        boolean atEnd = i + 1 >= chars.length;
        return Rx.key(chars[i], atEnd ? ' ' : chars[i + 1], atEnd);
    }

    private static void or(long[] into, long[] bits) {
        for (int w = 1; w < bits.length && w < into.length; w++) {
            into[w] |= bits[w];
        }
    }
}
