package dev.chillproxy.core.rank;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.chillproxy.core.stream.StreamCandidate;

/** Outcomes and step counts only: no test here measures time; clocks are fakes. */
class FilterBudgetTest {

    /** The shape from the security report: 26 polynomial (not nested, so compilable) patterns joined by ||. */
    static final String TWENTY_SIX_MATCHES = String.join(" || ",
            java.util.Collections.nCopies(26, "Raw.Name matches \".*.*.*.*#\"                         "));

    private static List<StreamCandidate> candidates(int count, String name) {
        List<StreamCandidate> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(StreamFixture.stream().torrentName(name + (char) ('A' + i % 26)).build());
        }
        return list;
    }

    private static FilterBudget frozen(long steps) {
        return new FilterBudget(steps, Duration.ofMillis(150), () -> 0L);
    }

    @Test
    void theReportedFilterRunsOutOfStepsInsteadOfCpu() throws FilterException {
        StreamFilter filter = StreamFilter.compile(TWENTY_SIX_MATCHES);
        FilterBudget budget = frozen(FilterBudget.LIST_STEPS);

        FilterTooExpensiveException e = assertThrows(FilterTooExpensiveException.class, () -> {
            for (StreamCandidate candidate : candidates(200, "Some.Movie.2020.1080p.WEB-GRP")) {
                filter.test(candidate, "", false, budget);
            }
        });

        assertFalse(e.late());
        assertTrue(e.getMessage().startsWith("filter too expensive"), e.getMessage());
        assertTrue(budget.spent() <= FilterBudget.LIST_STEPS + 1, "stopped at the budget: " + budget.spent());
    }

    @Test
    void aSpentBudgetStopsEveryLaterStreamOfTheList() throws Exception {
        StreamFilter cheap = StreamFilter.compile("Seeders >= 0");
        FilterBudget budget = frozen(3);
        StreamCandidate stream = StreamFixture.stream().build();

        assertTrue(cheap.test(stream, "", false, budget));
        assertThrows(FilterTooExpensiveException.class, () -> cheap.test(stream, "", false, budget));
        assertThrows(FilterTooExpensiveException.class, () -> cheap.test(stream, "", false, budget));
    }

    @Test
    void theDeadlineStopsAListWhateverStepsAreLeft() throws FilterException {
        AtomicLong now = new AtomicLong();
        // every reading of the clock is one millisecond later
        FilterBudget budget = new FilterBudget(Long.MAX_VALUE / 2, Duration.ofMillis(150),
                () -> now.getAndAdd(1_000_000));
        StreamFilter filter = StreamFilter.compile(TWENTY_SIX_MATCHES);

        FilterTooExpensiveException e = assertThrows(FilterTooExpensiveException.class, () -> {
            for (StreamCandidate candidate : candidates(200, "Some.Movie.2020.1080p.WEB-GRP")) {
                filter.test(candidate, "", false, budget);
            }
        });

        assertTrue(e.late());
        assertTrue(budget.spent() <= 152L * FilterBudget.CLOCK_EVERY, "clock read every few steps: " + budget.spent());
    }

    @Test
    void anOrdinaryFilterOverALongListUsesAFractionOfTheBudget() throws Exception {
        StreamFilter filter = StreamFilter.compile("Resolution >= \"1080p\" && !(Raw.Name matches `(?i)\\bcam\\b`)"
                + " && (Raw.Name matches `(?i)(remux|bluray|web-?dl)` || Raw.Name matches `.*2160p.*`)"
                + " && !(lower(Raw.Name) contains \"hdts\") && (len(Languages) == 0 || \"en\" in Languages)"
                + " && Raw.Name matches `(?i)^the[ .]matrix[ .](19|20)\\d\\d` && !(Raw.Name matches `(?i)s\\d+e\\d+`)");
        FilterBudget budget = frozen(FilterBudget.LIST_STEPS);
        List<StreamCandidate> list = candidates(200,
                "The.Matrix.1999.2160p.UHD.BluRay.REMUX.HDR10.DV.HEVC.TrueHD.Atmos.7.1-GROUPNAME.mkv");

        // three entries per candidate, as with two stores and a cached pass
        for (int pass = 0; pass < 3; pass++) {
            for (StreamCandidate candidate : list) {
                filter.test(candidate, "TB", pass == 0, budget);
            }
        }

        assertTrue(budget.spent() < FilterBudget.LIST_STEPS / 10, "spent " + budget.spent());
    }
}
