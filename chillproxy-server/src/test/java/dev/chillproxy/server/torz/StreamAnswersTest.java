package dev.chillproxy.server.torz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.core.stremio.Stream;
import dev.chillproxy.core.testing.TestClock;
import org.junit.jupiter.api.Test;

/** Kept stream lists: how long they are served, and that one caller (not every request) makes an old one again. */
class StreamAnswersTest {

    private final TestClock clock = new TestClock();
    private final StreamAnswers answers = new StreamAnswers(new ObjectMapper(), clock::nanos);
    private final StreamAnswers.Key key = new StreamAnswers.Key("cfg", "movie", "tt1234567");

    private StreamAnswers.Answer keep(String title) {
        return answers.make(key, List.of(Stream.info(title, "message", null)), true, true);
    }

    @Test
    void aKeptAnswerIsServedUntilItExpires() {
        StreamAnswers.Answer kept = keep("first");
        clock.advance(StreamAnswers.TTL.minusMillis(1));
        assertArrayEquals(kept.json(), answers.find(key).orElseThrow().json());
        clock.advance(Duration.ofMillis(1));
        assertTrue(answers.find(key).isEmpty());
    }

    @Test
    void anIncompleteAnswerIsNotKept() {
        answers.make(key, List.of(Stream.info("partial", "message", null)), false, false);
        assertTrue(answers.find(key).isEmpty());
    }

    @Test
    void aFreshAnswerIsNotMadeAgain() {
        StreamAnswers.Answer kept = keep("first");
        clock.advance(StreamAnswers.REFRESH_AFTER.minusMillis(1));
        assertFalse(answers.claimRefresh(key, kept));
    }

    @Test
    void anOldAnswerIsMadeAgainByOneOfManyConcurrentRequests() throws Exception {
        StreamAnswers.Answer kept = keep("first");
        clock.advance(StreamAnswers.REFRESH_AFTER);
        ExecutorService requests = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> claims = IntStream.range(0, 64).mapToObj(i -> requests.submit(() -> {
                go.await();
                return answers.claimRefresh(key, kept);
            })).toList();
            go.countDown();
            long claimed = 0;
            for (Future<Boolean> claim : claims) {
                claimed += claim.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, claimed);
        } finally {
            requests.shutdownNow();
        }
    }

    @Test
    void theRemadeAnswerReplacesTheOldOneAndServesAFullTtl() {
        StreamAnswers.Answer old = keep("first");
        clock.advance(StreamAnswers.REFRESH_AFTER);
        assertTrue(answers.claimRefresh(key, old));
        StreamAnswers.Answer remade = keep("second");
        answers.refreshEnded(key);

        clock.advance(StreamAnswers.TTL.minus(StreamAnswers.REFRESH_AFTER).plusSeconds(1)); // the old one would be gone
        StreamAnswers.Answer served = answers.find(key).orElseThrow();
        assertArrayEquals(remade.json(), served.json());
        assertFalse(answers.claimRefresh(key, served), "made again lately");
    }

    @Test
    void aRefreshThatEndedWithoutANewAnswerLetsTheNextRequestTryAgain() {
        StreamAnswers.Answer kept = keep("first");
        clock.advance(StreamAnswers.REFRESH_AFTER);
        assertTrue(answers.claimRefresh(key, kept));
        assertFalse(answers.claimRefresh(key, kept), "one at a time");
        answers.refreshEnded(key); // e.g. the list came out incomplete, or the refresh queue was full
        assertTrue(answers.claimRefresh(key, kept));
    }
}
