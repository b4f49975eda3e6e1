package dev.chillproxy.server.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.chillproxy.core.testing.TestClock;
import dev.chillproxy.store.http.BudgetLedger;
import dev.chillproxy.server.fakes.ServerFixture;
import dev.chillproxy.server.settings.RedisUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** Redis going away and coming back, through a loopback proxy the test can cut. */
class RedisLinkTest {

    private final TestClock clock = new TestClock();
    private final Proxy proxy = new Proxy();

    @AfterEach
    void cutProxy() {
        proxy.cut();
    }

    @Test
    void aLostRedisIsTriedAgainOnlyEveryFewSecondsAndLoggedOnceEachWay() throws Exception {
        proxy.open();
        RedisLink link = RedisLink.connect(RedisUrl.parse("redis://127.0.0.1:" + proxy.port()).orElseThrow(),
                "chillproxy-test:", clock::nanos, Duration.ofSeconds(5));
        AtomicInteger tried = new AtomicInteger();
        try (link) {
            assertEquals("PONG", link.call(UnifiedJedis::ping).orElseThrow());

            proxy.cut();
            String logs = ServerFixture.capturingLogs(() -> {
                for (int i = 0; i < 100; i++) {
                    assertTrue(link.call(redis -> {
                        tried.incrementAndGet();
                        return redis.ping();
                    }).isEmpty());
                }
            });
            assertEquals(1, tried.get(), "after the first failure, requests go local without trying Redis");
            assertFalse(link.shared());
            assertEquals(1, logs.split("Redis unreachable", -1).length - 1, logs);

            proxy.open();
            clock.advance(RedisLink.RETRY_EVERY.minusMillis(1));
            assertTrue(link.call(UnifiedJedis::ping).isEmpty(), "not yet time to try again");
            clock.advance(Duration.ofMillis(1));
            assertEquals("PONG", link.call(UnifiedJedis::ping).orElseThrow(), "one try after the pause, and it is back");
            assertTrue(link.shared());
        }
    }

    @Test
    void spendsGrantedWhileRedisWasAwayAreWrittenBackSoOtherInstancesCountThem() throws Exception {
        List<BudgetLedger.Window> edge = List.of(new BudgetLedger.Window("create:1m", 10, Duration.ofMinutes(1)));
        proxy.open();
        try (TestRedis redis = new TestRedis();
             SharedLimits cutOff = SharedLimits.over(RedisLink.connect(RedisUrl.parse("redis://127.0.0.1:" + proxy.port())
                     .orElseThrow(), redis.prefix, clock::nanos, Duration.ofSeconds(5)), () -> 1, clock, clock::nanos)) {
            SharedLimits other = redis.instance();
            assertTrue(cutOff.ledger().tryAcquire("torbox:fp", edge).isZero());

            proxy.cut();
            int[] alone = {0};
            String logs = ServerFixture.capturingLogs(() -> {
                for (int i = 0; i < 20; i++) {
                    alone[0] += cutOff.ledger().tryAcquire("torbox:fp", edge).isZero() ? 1 : 0;
                }
            });
            assertTrue(logs.contains("Redis unreachable"), logs);
            assertEquals(9, alone[0], "the only live instance spends the rest of the minute on its own");
            proxy.open();
            clock.advance(RedisLink.RETRY_EVERY);
            assertEquals("shared", cutOff.mode(), "a health check finds Redis back and writes the spends");

            assertTrue(other.ledger().tryAcquire("torbox:fp", edge).compareTo(Duration.ofSeconds(50)) > 0,
                    "1 spent through Redis + 9 alone: the minute is full for every instance");
            assertEquals(10, redis.inspector().zcard(redis.keys().get(0)));
        }
    }

    /** Forwards loopback connections to the real Redis until cut; reopens on the same port. */
    private static final class Proxy {

        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private volatile ServerSocket server;
        private int port;

        int port() {
            return port;
        }

        void open() throws IOException {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = socket.getLocalPort();
            server = socket;
            daemon(() -> accept(socket));
        }

        private void accept(ServerSocket socket) {
            try {
                while (true) {
                    Socket client = socket.accept();
                    Socket redis = new Socket("127.0.0.1", 6379);
                    sockets.add(client);
                    sockets.add(redis);
                    pump(client, redis);
                    pump(redis, client);
                }
            } catch (IOException closed) {
                // cut
            }
        }

        private void pump(Socket from, Socket to) {
            daemon(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException closed) {
                    // cut
                }
            });
        }

        private static void daemon(Runnable task) {
            Thread thread = new Thread(task, "redis-proxy");
            thread.setDaemon(true);
            thread.start();
        }

        void cut() {
            try {
                if (server != null) {
                    server.close();
                }
                for (Socket socket : sockets) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // already closed
            }
            sockets.clear();
        }
    }
}
