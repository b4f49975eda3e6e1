package dev.chillproxy.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CacheCountersTest {

    private final Metrics metrics = new Metrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void magnetCacheCountsSitBesideCaffeineCachesInOneMeter() {
        Cache<String, String> grants = Caffeine.newBuilder().maximumSize(10).recordStats().build();
        metrics.monitor(grants, "grants");
        CacheCounters magnets = metrics.cacheCounters("magnet");

        grants.put("a", "1");
        grants.getIfPresent("a");
        grants.getIfPresent("a");
        grants.getIfPresent("b");
        magnets.hit(7);
        magnets.miss(3);
        magnets.hit(1);

        Scrape scrape = Scrape.of(metrics.registry());
        assertEquals(2, scrape.value("cache_gets_total", "cache=grants", "result=hit"));
        assertEquals(1, scrape.value("cache_gets_total", "cache=grants", "result=miss"));
        assertEquals(8, scrape.value("cache_gets_total", "cache=magnet", "result=hit"));
        assertEquals(3, scrape.value("cache_gets_total", "cache=magnet", "result=miss"));
        assertEquals(1, scrape.value("cache_size", "cache=grants"));
    }
}
