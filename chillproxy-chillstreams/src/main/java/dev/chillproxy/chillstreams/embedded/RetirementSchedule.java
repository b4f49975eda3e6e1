package dev.chillproxy.chillstreams.embedded;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out scheduled key retirements ({@code retireAt}) once a minute. The pool already stops handing out a key
 * whose time has come on the very next request; this makes it final (assignments dropped, cached grants evicted,
 * history written). Thread-safe.
 */
public final class RetirementSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetirementSchedule.class);
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final PoolAdmin admin;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pool-key-retirements");
        thread.setDaemon(true);
        return thread;
    });

    public RetirementSchedule(PoolAdmin admin) {
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::retireSafely, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retireSafely() {
        try {
            int retired = admin.retireDueKeys();
            if (retired > 0) {
                LOG.info("{} pool key(s) retired as scheduled", retired);
            }
        } catch (RuntimeException e) {
            LOG.warn("scheduled pool key retirement failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
