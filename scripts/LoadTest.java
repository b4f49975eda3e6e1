import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Closed-loop HTTP load generator (JDK only, no build step):
 *
 * <pre>java scripts/LoadTest.java --url http://127.0.0.1:8080/health --concurrent 100 --duration 60s</pre>
 *
 * Options: --url (repeat to rotate through several), --concurrent N, --duration 60s|2m, --warmup 5s,
 * --method GET|HEAD|POST, --header Name:value (repeatable), --ok 200,302 (statuses that count as success),
 * --label text, --body text (repeatable: request i sends body i, rotating like the urls; none = bodiless),
 * --content-type type (sent with a body; default application/json). Each worker sends its next request as soon as the last one answered; redirects are not
 * followed. Prints a live progress line, then one summary line starting with RESULT.
 *
 * <p>--rate N makes it open-loop instead: N requests per second on a fixed schedule, whatever the answers, each
 * latency measured from the moment the schedule meant to send it (so a stall counts for every request it held
 * back, not only the one that stalled). --concurrent then caps the requests in flight (default 10 = 1,000);
 * a request that would pass the cap counts as an error.
 */
public final class LoadTest {

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        if (!options.warmup.isZero()) {
            run(client, options, options.warmup, false);
        }
        Result result = options.rate > 0 ? openLoop(client, options, options.duration) : run(client, options, options.duration, true);
        System.out.println();
        System.out.println(result.summary(options.label));
    }

    private static Result run(HttpClient client, Options options, Duration length, boolean report) throws InterruptedException {
        long deadline = System.nanoTime() + length.toNanos();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<long[]> samples = new ArrayList<>();
        CountDownLatch finished = new CountDownLatch(options.concurrent);
        long started = System.nanoTime();
        for (int worker = 0; worker < options.concurrent; worker++) {
            long[] latencies = new long[1 << 16];
            samples.add(latencies);
            int first = worker;
            Thread thread = new Thread(() -> {
                int count = 0;
                long[] mine = latencies;
                for (int i = first; System.nanoTime() < deadline; i++) {
                    String url = options.urls.get(i % options.urls.size());
                    String body = options.bodies.isEmpty() ? null : options.bodies.get(i % options.bodies.size());
                    long begin = System.nanoTime();
                    boolean ok = send(client, options, url, body);
                    long took = System.nanoTime() - begin;
                    if (count == mine.length) {
                        mine = Arrays.copyOf(mine, mine.length * 2);
                        samples.set(first, mine);
                    }
                    mine[count++] = took;
                    done.incrementAndGet();
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
                samples.set(first, Arrays.copyOf(mine, count));
                finished.countDown();
            }, "load-" + worker);
            thread.setDaemon(true);
            thread.start();
        }
        while (!finished.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            if (report) {
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "\r%5.0fs  %9d requests  %9.0f req/s  %6d errors", seconds, done.get(),
                        done.get() / seconds, errors.get());
                System.out.flush();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(all, errors.get(), seconds);
    }

    /** Open loop: request i is due at start + i / rate; its latency runs from then until its answer. */
    private static Result openLoop(HttpClient client, Options options, Duration length) throws InterruptedException {
        int maxInFlight = options.concurrent == 10 ? 1_000 : options.concurrent;
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(maxInFlight);
        java.util.concurrent.ConcurrentLinkedQueue<Long> latencies = new java.util.concurrent.ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long periodNanos = (long) (1e9 / options.rate);
        long started = System.nanoTime();
        long deadline = started + length.toNanos();
        long sent = 0;
        for (long i = 0; ; i++) {
            long due = started + i * periodNanos;
            if (due >= deadline) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire()) {
                errors.incrementAndGet();
                latencies.add(System.nanoTime() - due);
                continue;
            }
            sent++;
            String url = options.urls.get((int) (i % options.urls.size()));
            String body = options.bodies.isEmpty() ? null : options.bodies.get((int) (i % options.bodies.size()));
            client.sendAsync(request(options, url, body), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                latencies.add(System.nanoTime() - due);
                if (failure != null || !options.ok.contains(response.statusCode())) {
                    errors.incrementAndGet();
                }
                inFlight.release();
            });
        }
        // every request sent gets up to 30 s to answer
        inFlight.tryAcquire(maxInFlight, 30, java.util.concurrent.TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(all, errors.get() + Math.max(0, sent - all.length), length.toNanos() / 1e9);
    }

    private static HttpRequest request(Options options, String url, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(options.method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        options.headers.forEach(header -> request.header(header[0], header[1]));
        if (body != null) {
            request.header("Content-Type", options.contentType);
        }
        return request.build();
    }

    private static boolean send(HttpClient client, Options options, String url, String body) {
        try {
            HttpResponse<Void> response = client.send(request(options, url, body), HttpResponse.BodyHandlers.discarding());
            return options.ok.contains(response.statusCode());
        } catch (Exception e) {
            return false;
        }
    }

    private record Result(long[] sortedNanos, long errors, double seconds) {
        String summary(String label) {
            int n = sortedNanos.length;
            return String.format(Locale.ROOT,
                    "RESULT label=%s requests=%d seconds=%.1f rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f error_rate=%.4f",
                    label, n, seconds, n / seconds, pct(0.50), pct(0.95), pct(0.99),
                    n == 0 ? 0 : sortedNanos[n - 1] / 1e6, n == 0 ? 0 : (double) errors / n);
        }

        private double pct(double p) {
            if (sortedNanos.length == 0) {
                return 0;
            }
            int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }
    }

    private static final class Options {
        final List<String> urls = new ArrayList<>();
        final List<String[]> headers = new ArrayList<>();
        final List<String> bodies = new ArrayList<>();
        String contentType = "application/json";
        int concurrent = 10;
        Duration duration = Duration.ofSeconds(10);
        Duration warmup = Duration.ZERO;
        String method = "GET";
        Set<Integer> ok = Set.of(200, 204, 301, 302, 307, 308);
        String label = "load";
        double rate;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--url" -> options.urls.add(value);
                    case "--concurrent" -> options.concurrent = Integer.parseInt(value);
                    case "--duration" -> options.duration = duration(value);
                    case "--warmup" -> options.warmup = duration(value);
                    case "--method" -> options.method = value.toUpperCase(Locale.ROOT);
                    case "--header" -> options.headers.add(value.split(":", 2));
                    case "--ok" -> options.ok = Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf)
                            .collect(Collectors.toSet());
                    case "--label" -> options.label = value;
                    case "--body" -> options.bodies.add(value);
                    case "--content-type" -> options.contentType = value;
                    case "--rate" -> options.rate = Double.parseDouble(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (options.urls.isEmpty()) {
                throw new IllegalArgumentException("usage: java scripts/LoadTest.java --url URL [--concurrent 100] [--duration 60s]");
            }
            return options;
        }

        static Duration duration(String text) {
            String value = text.trim().toLowerCase(Locale.ROOT);
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(Long.parseLong(value));
            };
        }
    }
}
