package dev.chillproxy.chillstreams.outbox;

import java.nio.file.Path;
import java.time.Clock;

import dev.chillproxy.chillstreams.pool.PoolUnavailableException;

/**
 * The process {@link UsageJournalTest} kills: records events through an outbox whose database never answers (so only
 * the journal holds them), says so, and waits to be killed.
 */
public final class JournalChild {

    static final String RECORDED = "recorded";

    private JournalChild() {
    }

    public static void main(String[] args) throws Exception {
        UsageOutbox outbox = UsageOutbox.direct(events -> {
            throw new PoolUnavailableException("never");
        }, Clock.systemUTC(), UsageJournal.open(Path.of(args[0])));
        int count = Integer.parseInt(args[1]);
        for (int n = 0; n < count; n++) {
            outbox.record(UsageJournalTest.event(n));
        }
        System.out.println(RECORDED);
        System.out.flush();
        Thread.sleep(60_000);
    }
}
