package dev.chillproxy.core.title;

import java.util.List;
import java.util.Locale;

/**
 * Prints the parser's speed over the release-name table (names per second on the calling thread, warm) and
 * the slowest name's time, plus per-field agreement. Run by scripts/bench-titles; not a test.
 */
public final class TitleBench {

    private TitleBench() {
    }

    public static void main(String[] args) {
        TitleParser parser = new TitleParser();
        List<String> names = ReleaseTable.rows().stream().map(ReleaseTable.Row::name).toList();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long sink = 0;
        for (int warm = 0; warm < 40; warm++) {
            for (String name : names) {
                sink += parser.parse(name).title().length();
            }
        }
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            int count = 0;
            while (System.nanoTime() - start < 1_000_000_000L) {
                for (String name : names) {
                    sink += parser.parse(name).title().length();
                }
                count += names.size();
            }
            rates[r] = count / ((System.nanoTime() - start) / 1e9);
        }
        java.util.Arrays.sort(rates);
        long slowest = 0;
        String slowestName = "";
        for (String name : names) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 20; i++) {
                long t = System.nanoTime();
                sink += parser.parse(name).title().length();
                best = Math.min(best, System.nanoTime() - t);
            }
            if (best > slowest) {
                slowest = best;
                slowestName = name;
            }
        }
        long crafted = 0;
        for (String name : ReleaseNamesTest.craftedNames()) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                sink += parser.parse(name).title().length();
                best = Math.min(best, System.nanoTime() - t);
            }
            crafted = Math.max(crafted, best);
        }
        System.out.printf(Locale.ROOT, "names: %d, rounds: %d%n", names.size(), rounds);
        System.out.printf(Locale.ROOT, "names/s median: %.0f (min %.0f, max %.0f)%n", rates[rounds / 2], rates[0],
                rates[rounds - 1]);
        System.out.printf(Locale.ROOT, "slowest table name: %.1f µs  %s%n", slowest / 1e3, slowestName);
        System.out.printf(Locale.ROOT, "slowest crafted name (up to %d chars): %.1f µs%n", TitleParser.MAX_LENGTH,
                crafted / 1e3);
        System.out.println(ReleaseNamesTest.agreement(parser).report());
        if (sink == 42) {
            System.out.println();
        }
    }
}
