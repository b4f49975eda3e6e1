package dev.chillproxy.store.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chillproxy.core.store.StoreName;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetPlanTest {

    @Test
    void torBoxKeepsItsPerMinuteAndCreateTorrentWindows() {
        BudgetPlan torbox = BudgetPlan.defaultFor(StoreName.TORBOX);
        assertEquals(List.of(RateWindow.perMinute(300)), torbox.general());
        assertEquals(List.of("", "/torrents/createtorrent"), torbox.scopesFor("/v1/api/torrents/createtorrent"));
        assertEquals(List.of(RateWindow.perHour(60), RateWindow.perMinute(10)), torbox.windows("/torrents/createtorrent"));
    }

    @Test
    void realDebridGetsItsDocumented250PerMinute() {
        assertEquals(List.of(RateWindow.perMinute(250)), BudgetPlan.defaultFor(StoreName.REALDEBRID).general());
        assertEquals(List.of(""), BudgetPlan.defaultFor(StoreName.REALDEBRID).scopesFor("/rest/1.0/torrents/addMagnet"));
    }

    @Test
    void allDebridGetsBothItsPerSecondAndPerMinuteWindows() {
        BudgetPlan allDebrid = BudgetPlan.defaultFor(StoreName.ALLDEBRID);
        assertEquals(List.of(RateWindow.perMinute(600), new RateWindow(12, Duration.ofSeconds(1))), allDebrid.general());
        assertEquals(Duration.ofMinutes(1), allDebrid.longestWindow());
    }

    @Test
    void servicesThatPublishNoLimitGetTheLowestPublishedOne() {
        for (StoreName store : List.of(StoreName.PREMIUMIZE, StoreName.DEBRIDLINK)) {
            assertEquals(List.of(RateWindow.perMinute(BudgetPlan.GENERIC_PER_MINUTE)), BudgetPlan.defaultFor(store).general(),
                    store.id());
            assertEquals(250, BudgetPlan.GENERIC_PER_MINUTE);
        }
    }
}
