import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.chillproxy.core.rank.FilterBudget;
import dev.chillproxy.core.rank.FilterException;
import dev.chillproxy.core.rank.FilterTooExpensiveException;
import dev.chillproxy.core.rank.StreamFilter;
import dev.chillproxy.core.stream.StreamCandidate;
import dev.chillproxy.core.title.TitleParser;

/**
 * The worst CPU one stream list can spend on a user's filter: the security report's shape, 26 {@code matches}
 * clauses (polynomial patterns, so none is refused at compile time) over 200 candidates whose names make every
 * clause run long and fail. Prints CPU and wall time per list and the steps the budget counted. Needs only the
 * core classes:
 *
 * <pre>mvn -B -ntp -q -pl chillproxy-core compile
 * java -cp chillproxy-core/target/classes scripts/FilterBench.java [runs [pattern]]</pre>
 *
 * Measured before the per-list budget (a per-match budget of 1,000,000 reads only): 9.7 s CPU, 16.7 s wall.
 */
public final class FilterBench {

    public static void main(String[] args) throws FilterException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String pattern = args.length > 1 ? args[1] : ".*.*.*.*#";
        String clause = "Raw.Name matches `" + pattern + "`" + " ".repeat(Math.max(0, 50 - pattern.length()));
        String expression = String.join(" || ", Collections.nCopies(26, clause));
        TitleParser parser = new TitleParser();
        List<StreamCandidate> candidates = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String name = "Some.Movie.2020.1080p.WEB-GRP" + (char) ('A' + i % 26);
            candidates.add(new StreamCandidate(String.format("%040x", i + 1), name, parser.parse(name), 1L << 30, 10,
                    "Indexer", false, "", null));
        }
        StreamFilter filter = StreamFilter.compile(expression);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long worstCpu = 0;
        long worstWall = 0;
        for (int run = 0; run < runs; run++) {
            FilterBudget budget = FilterBudget.forList();
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            String outcome = "served";
            try {
                for (StreamCandidate candidate : candidates) {
                    filter.test(candidate, "", false, budget);
                }
            } catch (FilterTooExpensiveException e) {
                outcome = e.late() ? "too expensive (time)" : "too expensive (steps)";
            }
            cpu = threads.getCurrentThreadCpuTime() - cpu;
            wall = System.nanoTime() - wall;
            worstCpu = Math.max(worstCpu, cpu);
            worstWall = Math.max(worstWall, wall);
            System.out.printf("run %2d: %s after %,d steps, cpu %d ms, wall %d ms%n", run, outcome, budget.spent(),
                    cpu / 1_000_000, wall / 1_000_000);
        }
        System.out.printf("filter of %d characters, 26 matches, 200 candidates: worst cpu %d ms, worst wall %d ms%n",
                expression.length(), worstCpu / 1_000_000, worstWall / 1_000_000);
    }
}
