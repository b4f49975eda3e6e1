package dev.chillproxy.core.title;

import java.util.SortedSet;

/**
 * Number reading shared by the episode mark classes: digits (with O for 0), year detection, season lists
 * and ranges, and the caps that keep a crafted range from producing millions of items.
 */
final class EpisodeNumbers {

    private static final int MAX_RANGE = 2000;
    private static final int MAX_ITEMS = 2000;

    private EpisodeNumbers() {
    }

    /**
     * Reads "1", "1-4", "1, 2 & 3", "20 21 22", "1:11", "1 to 6", "S01-S07", "S01 / S02" from {@code start};
     * a list stops at a number that does not grow, and a spaced " - 08" after a single season is left for the
     * episode ("Season 2 - 08"). Returns where the list ended.
     */
    static int numberList(WorkText text, int start, int end, SortedSet<Integer> into) {
        int i = start;
        int previous = -1;
        boolean range = false;
        int consumed = start;
        while (i < end) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                int j = i;
                while (j < end && Character.isDigit(text.charAt(j))) {
                    j++;
                }
                int value = num(text.subSequence(i, j).toString());
                boolean padded = text.charAt(i) == '0' && j - i > 1;
                String gap = text.subSequence(consumed, i).toString();
                if (previous >= 0 && (value <= previous || gap.equals(".") || gap.equals("_"))) {
                    break;
                }
                if (range && previous >= 0 && spacedDash(text, consumed, i) && (padded || value >= 10) && into.size() <= 1) {
                    break;
                }
                if (range) {
                    addRange(into, previous, value);
                } else {
                    add(into, value);
                }
                previous = value;
                range = false;
                i = j;
                while (i < end && "ªº°".indexOf(text.charAt(i)) >= 0) {
                    i++;
                }
                consumed = i;
                continue;
            }
            if (c == '-' || c == '~' || c == ':' || (c == 't' || c == 'T') && i + 1 < end
                    && Character.toLowerCase(text.charAt(i + 1)) == 'o') {
                range = true;
            }
            i++;
        }
        return consumed;
    }

    private static boolean spacedDash(WorkText text, int from, int to) {
        String gap = text.subSequence(from, to).toString();
        return gap.contains(" - ") || gap.contains(" -  ");
    }

    static int num(String digits) {
        return Integer.parseInt(digits.replace('O', '0').replace('o', '0'));
    }

    static boolean looksLikeYear(String digits) {
        return digits.length() == 4 && (digits.startsWith("19") || digits.startsWith("20"));
    }

    static void addRange(SortedSet<Integer> into, int from, int to) {
        if (to <= from || to - from > MAX_RANGE) {
            add(into, from);
            return;
        }
        for (int i = from; i <= to && into.size() < MAX_ITEMS; i++) {
            into.add(i);
        }
    }

    static void add(SortedSet<Integer> into, int value) {
        if (into.size() < MAX_ITEMS) {
            into.add(value);
        }
    }
}
