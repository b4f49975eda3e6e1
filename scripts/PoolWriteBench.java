import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import dev.chillproxy.chillstreams.db.Database;
import dev.chillproxy.chillstreams.db.DatabaseUrl;
import dev.chillproxy.chillstreams.db.Engine;
import dev.chillproxy.chillstreams.embedded.EmbeddedPool;
import dev.chillproxy.chillstreams.embedded.PoolAdmin;
import dev.chillproxy.chillstreams.embedded.secret.PoolKeyCipher;
import dev.chillproxy.chillstreams.grant.GrantCache;
import dev.chillproxy.chillstreams.outbox.UsageOutbox;
import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeySource;
import dev.chillproxy.chillstreams.pool.UsageEvent;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The pool's database paths under N threads, in process (no HTTP): a known device's get-key straight on the embedded
 * pool and through the grant cache, and recording usage events in embedded mode. Prints per scenario the calls per
 * second, p50/p99 latency, this JVM's CPU time per call (not the database server's), and the statements and writes per call (counted by a Jdbi SQL logger). Run on a quiet
 * machine for real numbers; the classes come from a reactor build:
 *
 * <pre>mvn -B -ntp -q -o compile -pl chillproxy-chillstreams -am
 * mvn -B -ntp -q -o dependency:build-classpath -pl chillproxy-chillstreams -Dmdep.outputFile=/tmp/cp.txt
 * java -cp chillproxy-chillstreams/target/classes:$(cat /tmp/cp.txt) scripts/PoolWriteBench.java sqlite 16 5</pre>
 *
 * PostgreSQL: {@code postgresql} instead of {@code sqlite} uses a fresh schema in {@code test} on 127.0.0.1:5432.
 */
public final class PoolWriteBench {

    private static final AtomicLong STATEMENTS = new AtomicLong();
    private static final AtomicLong WRITES = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Engine engine = args.length > 0 && args[0].startsWith("p") ? Engine.POSTGRESQL : Engine.SQLITE;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String schema = "bench_" + Long.toHexString(System.nanoTime());
        DatabaseUrl url;
        if (engine == Engine.SQLITE) {
            url = DatabaseUrl.parse("sqlite:" + java.nio.file.Files.createTempDirectory("pool-bench").resolve("bench.db"));
        } else {
            sql("CREATE SCHEMA " + schema);
            url = new DatabaseUrl(Engine.POSTGRESQL, "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema, "postgres", null);
        }
        try (Database database = Database.open(url)) {
            EmbeddedPool.MIGRATIONS.forEach(database::migrate);
            Clock clock = Clock.systemUTC();
            PoolKeyCipher cipher = PoolKeyCipher.of(PoolKeyCipher.generateKey());
            EmbeddedPool pool = new EmbeddedPool(database, cipher, clock, 3);
            PoolAdmin admin = new PoolAdmin(database, cipher, clock, null);
            for (int k = 0; k < 4; k++) {
                admin.createPoolKey(String.format("tbk%08dfedcba9876543210fedcba98%04d", k, k), null, null, 1000);
            }
            List<String> users = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                users.add(admin.createUser(null, null).id());
                pool.getKey(new GetKeyRequest(users.get(t), "tv", "stream-list", "")); // known from now on
            }
            SqlLogger counting = new SqlLogger() {
                @Override
                public void logBeforeExecution(StatementContext context) {
                    STATEMENTS.incrementAndGet();
                    String sql = context.getRawSql().strip().toUpperCase(Locale.ROOT);
                    if (!sql.startsWith("SELECT")) {
                        WRITES.incrementAndGet();
                    }
                }
            };
            database.jdbi().setSqlLogger(counting);
            readsOf(database).setSqlLogger(counting);
            System.out.printf("%s, %d threads, %d s per scenario, %d cores%n", engine, threads, seconds,
                    Runtime.getRuntime().availableProcessors());
            KeySource cache = new GrantCache(pool, pool, Duration.ofSeconds(30));
            run("get-key, known device, embedded pool", threads, seconds, t -> allowed(pool, users.get(t)));
            run("get-key, known device, grant cache", threads, seconds, t -> allowed(cache, users.get(t)));
            UsageOutbox outbox = UsageOutbox.direct(pool, clock);
            AtomicLong ids = new AtomicLong();
            run("usage event, embedded", threads, seconds, t -> outbox.record(new UsageEvent("e" + ids.incrementAndGet(),
                    users.get(t), "", "stream-list", "", false, 0, Instant.now())));
            outbox.drain(Duration.ofSeconds(10));
        } finally {
            if (engine == Engine.POSTGRESQL) {
                sql("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** The read-only Jdbi where the version has one (SQLite readers beside the writer), else the one Jdbi. */
    private static Jdbi readsOf(Database database) {
        try {
            return (Jdbi) Database.class.getMethod("reads").invoke(database);
        } catch (ReflectiveOperationException e) {
            return database.jdbi(); // an older version, to compare before and after
        }
    }

    private static void allowed(KeySource pool, String user) {
        if (!(pool.getKey(new GetKeyRequest(user, "tv", "stream-list", "")) instanceof Grant.Allowed)) {
            throw new IllegalStateException("refused");
        }
    }

    /** A warm-up second, then {@code seconds} measured; every thread calls {@code call} with its index in a loop. */
    private static void run(String name, int threads, int seconds, IntConsumer call) throws InterruptedException {
        long warmUntil = System.nanoTime() + 1_000_000_000L;
        long until = warmUntil + seconds * 1_000_000_000L;
        long[][] latencies = new long[threads][];
        int[] counts = new int[threads];
        CountDownLatch done = new CountDownLatch(threads);
        long[] startStatements = new long[2];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < warmUntil) {
                    call.accept(thread);
                }
                long now;
                while ((now = System.nanoTime()) < until) {
                    call.accept(thread);
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - now;
                }
                latencies[thread] = mine;
                counts[thread] = n;
                done.countDown();
            });
            worker.start();
        }
        Thread.sleep(Math.max(0, (warmUntil - System.nanoTime()) / 1_000_000));
        startStatements[0] = STATEMENTS.get();
        startStatements[1] = WRITES.get();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        done.await();
        cpu = os.getProcessCpuTime() - cpu;
        long statements = STATEMENTS.get() - startStatements[0];
        long writes = WRITES.get() - startStatements[1];
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        System.out.printf("  %-38s %9.0f calls/s  p50 %7.3f ms  p99 %7.3f ms  JVM CPU/call %7.1f us"
                        + "  statements/call %.3f  writes/call %.3f%n", name, total / (double) seconds, all[total / 2] / 1e6,
                all[(int) (total * 0.99)] / 1e6, cpu / 1e3 / total, statements / (double) total, writes / (double) total);
    }

    private static void sql(String statement) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null);
             var s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
