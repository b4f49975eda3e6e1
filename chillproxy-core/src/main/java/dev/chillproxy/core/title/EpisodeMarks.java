package dev.chillproxy.core.title;

import java.util.SortedSet;
import java.util.TreeSet;

/** Where the first title-ending mark began and the seasons and episodes found so far; one scan's mutable state. */
final class EpisodeMarks {
    final SortedSet<Integer> seasons = new TreeSet<>();
    final SortedSet<Integer> episodes = new TreeSet<>();
    boolean complete;
    int start;
    final int titleStart;

    EpisodeMarks(int length, int titleStart) {
        start = length;
        this.titleStart = titleStart;
    }

    void bound(int position) {
        if (position >= titleStart) {
            start = Math.min(start, position);
        }
    }
}
