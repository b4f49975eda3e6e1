package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chillproxy.core.testing.TestClock;
import dev.chillproxy.core.torz.DebridGateway.PlaybackFailure;
import dev.chillproxy.core.torz.ErrorVideo;
import org.junit.jupiter.api.Test;

class SingleFlightAddsTest {

    final TestClock clock = new TestClock();
    final AtomicInteger sleeps = new AtomicInteger();
    final SingleFlightAdds adds = new SingleFlightAdds(new LocalAddClaims(clock::nanos), duration -> {
        sleeps.incrementAndGet();
        clock.advance(duration);
    }, Duration.ofSeconds(1));
    final AtomicInteger added = new AtomicInteger();

    String addOnce() {
        added.incrementAndGet();
        return "magnet-" + added.get();
    }

    @Test
    void aRequestArrivingWhileAnotherAddsTheSameTorrentWaitsAndNeverAddsIt() throws Exception {
        PlaybackFailure waiting = assertThrows(PlaybackFailure.class, () -> adds.add("tb:fp:hash", () -> {
            // a second click while the first add runs: it waits the whole hold, then says "downloading"
            adds.add("tb:fp:hash", this::addOnce);
            return "unreachable";
        }));
        assertEquals(ErrorVideo.DOWNLOADING, waiting.video());
        assertEquals(0, added.get());
        assertEquals(SingleFlightAdds.HOLD.toSeconds(), sleeps.get());
    }

    @Test
    void aRequestRightAfterAnAddGetsItsMagnetAndAnotherTorrentOrKeyIsAddedOnItsOwn() throws Exception {
        assertEquals("magnet-1", adds.add("tb:fp:hash", this::addOnce));
        assertEquals("magnet-1", adds.add("tb:fp:hash", this::addOnce));
        assertEquals("magnet-2", adds.add("tb:fp:other-hash", this::addOnce));
        assertEquals("magnet-3", adds.add("tb:other-fp:hash", this::addOnce));
        clock.advance(SingleFlightAdds.REMEMBER);
        assertEquals("magnet-4", adds.add("tb:fp:hash", this::addOnce), "remembered briefly: the account list knows it later");
    }

    @Test
    void aFailedAddLetsTheNextRequestTry() throws Exception {
        assertThrows(PlaybackFailure.class, () -> adds.add("tb:fp:hash", () -> {
            throw new PlaybackFailure(ErrorVideo.DOWNLOAD_FAILED, "store said no");
        }));
        assertEquals("magnet-1", adds.add("tb:fp:hash", this::addOnce));
        assertEquals(0, sleeps.get());
    }
}
