import java.io.IOException;
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
 * back, not only the one that stalled), sent over --concurrent kept-alive connections (default 10 = 256),
 * which a request due while all are busy waits for. --warmup runs the same schedule first, unrecorded.
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
            if (options.rate > 0) {
                openLoop(options, options.warmup, false);
            } else {
                run(client, options, options.warmup, false);
            }
        }
        Result result = options.rate > 0 ? openLoop(options, options.duration, true) : run(client, options, options.duration, true);
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

    /**
     * Open loop: request i is due at start + i / rate; its latency runs from then until its answer. A dispatcher
     * hands due requests to worker threads, each with its own kept-alive connection (a minimal HTTP/1.1 client:
     * the JDK's costs about a millisecond of CPU per request, which on a small machine would measure the client).
     */
    private static Result openLoop(Options options, Duration length, boolean report) throws InterruptedException {
        int workers = options.concurrent == 10 ? 256 : options.concurrent;
        java.util.concurrent.BlockingQueue<long[]> due = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.ConcurrentLinkedQueue<Long> latencies = new java.util.concurrent.ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long periodNanos = (long) (1e9 / options.rate);
        long started = System.nanoTime();
        long deadline = started + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread thread = new Thread(() -> {
                RawHttp http = new RawHttp();
                try {
                    while (true) {
                        long[] next = due.take();
                        if (next[0] < 0) {
                            return;
                        }
                        int i = (int) next[1];
                        String url = options.urls.get(i % options.urls.size());
                        String body = options.bodies.isEmpty() ? null : options.bodies.get(i % options.bodies.size());
                        int status = http.send(options, url, body);
                        latencies.add(System.nanoTime() - next[0]);
                        if (!options.ok.contains(status)) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    http.close();
                }
            }, "open-" + w);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        for (long i = 0; ; i++) {
            long when = started + i * periodNanos;
            if (when >= deadline) {
                break;
            }
            long wait = when - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            due.add(new long[] {when, i});
        }
        threads.forEach(t -> due.add(new long[] {-1, 0}));
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        long[] all = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (report) {
            System.out.printf(Locale.ROOT, "%d requests at %.0f req/s%n", all.length, options.rate);
        }
        return new Result(all, errors.get(), length.toNanos() / 1e9);
    }

    /** One kept-alive HTTP/1.1 connection; reconnects after an error or {@code Connection: close}. Not thread-safe. */
    private static final class RawHttp {
        private java.net.Socket socket;
        private java.io.BufferedInputStream in;
        private java.io.OutputStream out;

        int send(Options options, String url, String body) {
            try {
                URI uri = URI.create(url);
                if (socket == null) {
                    socket = new java.net.Socket(uri.getHost(), uri.getPort());
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000);
                    in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
                    out = new java.io.BufferedOutputStream(socket.getOutputStream(), 8192);
                }
                byte[] payload = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                StringBuilder head = new StringBuilder(options.method).append(' ').append(uri.getRawPath())
                        .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\nHost: ")
                        .append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n");
                options.headers.forEach(header -> head.append(header[0]).append(": ").append(header[1]).append("\r\n"));
                if (body != null) {
                    head.append("Content-Type: ").append(options.contentType).append("\r\nContent-Length: ")
                            .append(payload.length).append("\r\n");
                }
                out.write(head.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                out.write(payload);
                out.flush();
                String status = line();
                int code = Integer.parseInt(status.substring(9, 12));
                long length = -1;
                boolean chunked = false;
                boolean close = false;
                for (String header = line(); !header.isEmpty(); header = line()) {
                    String lower = header.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(lower.substring(15).trim());
                    } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                        chunked = true;
                    } else if (lower.startsWith("connection:") && lower.contains("close")) {
                        close = true;
                    }
                }
                if (chunked) {
                    for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                         size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                        in.skipNBytes(size);
                        line();
                    }
                    line();
                } else if (length > 0) {
                    in.skipNBytes(length);
                }
                if (close) {
                    close();
                }
                return code;
            } catch (IOException | RuntimeException e) {
                close();
                return -1;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
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
