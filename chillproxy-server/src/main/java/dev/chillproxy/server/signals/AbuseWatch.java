package dev.chillproxy.server.signals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.chillproxy.chillstreams.db.DatabaseErrors;
import dev.chillproxy.chillstreams.embedded.PoolAdmin;
import dev.chillproxy.chillstreams.embedded.PoolAdminException;
import dev.chillproxy.chillstreams.signals.AbuseScan;
import dev.chillproxy.chillstreams.signals.Signal;
import dev.chillproxy.chillstreams.signals.SignalKind;
import dev.chillproxy.chillstreams.signals.SignalLog;
import dev.chillproxy.core.secret.ApiKey;

/**
 * Scans for abuse signals every {@link #INTERVAL} (embedded pool). A signal new in its window (the {@link SignalLog}
 * decides, atomically, so instances on one database act once) is counted, disables the user when the operator chose
 * so for it (through the admin path, so cached grants are evicted at once), and is POSTed to the webhook. Thread-safe.
 */
public final class AbuseWatch implements AutoCloseable {

    /** Often enough that an automatic disable follows within a minute; each scan is a handful of grouped queries. */
    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(AbuseWatch.class);

    private final AbuseScan scan;
    private final SignalLog log;
    private final PoolAdmin admin;
    private final Set<SignalKind> autoDisable;
    private final Optional<SignalWebhook> webhook;
    private final SignalMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "abuse-watch");
        thread.setDaemon(true);
        return thread;
    });

    public AbuseWatch(AbuseScan scan, SignalLog log, PoolAdmin admin, Set<SignalKind> autoDisable,
                      Optional<SignalWebhook> webhook, SignalMetrics metrics, Clock clock) {
        this.scan = Objects.requireNonNull(scan, "scan");
        this.log = Objects.requireNonNull(log, "log");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.autoDisable = Set.copyOf(autoDisable);
        this.webhook = Objects.requireNonNull(webhook, "webhook");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::scanQuietly, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One scan now; returns the signals that were new (the scheduled scans call this too). */
    public List<Signal> scanNow() {
        Instant now = clock.instant();
        Instant windowStart = now.minus(scan.thresholds().window());
        List<Signal> raised = new ArrayList<>();
        for (Signal found : scan.scan(now)) {
            if (!log.raise(found, windowStart)) {
                continue;
            }
            Signal signal = autoDisable.contains(found.kind()) ? disable(found) : found;
            metrics.raised(signal.kind());
            // a user id in a config is the user's credential: the log gets it masked, the dashboard and webhook in full
            LOG.warn("abuse signal {} for user {}: {}{}", signal.kind().wire(), ApiKey.mask(signal.userId()),
                    signal.summary(scan.thresholds()), signal.autoDisabled() ? "; user disabled" : "");
            webhook.ifPresent(hook -> hook.send(signal));
            raised.add(signal);
        }
        scan.forget(now);
        metrics.flagged(log.countsSince(windowStart));
        return raised;
    }

    private Signal disable(Signal signal) {
        try {
            admin.setUserStatus(signal.userId(), "disabled");
        } catch (PoolAdminException e) {
            LOG.warn("abuse signal {}: user {} not disabled: {}", signal.kind().wire(), ApiKey.mask(signal.userId()), e.code());
            return signal;
        }
        log.markAutoDisabled(signal.userId(), signal.kind());
        metrics.autoDisabled(signal.kind());
        return signal.withAutoDisabled();
    }

    private void scanQuietly() {
        try {
            scanNow();
        } catch (RuntimeException e) {
            LOG.warn("abuse scan failed: {}", DatabaseErrors.describe(e).orElse(e.getClass().getSimpleName()));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        webhook.ifPresent(SignalWebhook::close);
    }
}
