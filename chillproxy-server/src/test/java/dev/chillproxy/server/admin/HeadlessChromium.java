package dev.chillproxy.server.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A tiny Chrome DevTools Protocol driver: starts Debian's headless Chromium on a temp profile, attaches to one
 * page over OkHttp's WebSocket and offers navigate / evaluate / type / screenshot. Page script errors and
 * security (CSP) messages are collected so a test can assert there were none. Not thread-safe: one test drives it.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Generous: on a loaded 2-core machine a cold Chromium start has taken over 30 s. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path profile;
    private final Process process;
    private final OkHttpClient http;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Path profile, Process process, OkHttpClient http, String pageSocketUrl) {
        this.profile = profile;
        this.process = process;
        this.http = http;
        this.socket = http.newWebSocket(new Request.Builder().url(pageSocketUrl).build(), new Listener());
    }

    /**
     * Debian's browser itself rather than its {@code /usr/bin/chromium} launcher script, whose shared-memory check
     * breaks on some machines ("[: …: unexpected operator") and whose flags headless use does not need.
     */
    private static String defaultBinary() {
        return Files.isExecutable(Path.of("/usr/lib/chromium/chromium")) ? "/usr/lib/chromium/chromium" : "/usr/bin/chromium";
    }

    /** Starts Chromium; fails (never skips) with a clear message when it cannot. */
    static HeadlessChromium start(OkHttpClient shared) throws IOException, InterruptedException {
        Path binary = Path.of(System.getenv().getOrDefault("CHROMIUM", defaultBinary()));
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("Chromium is required for the admin page browser test but " + binary + " is missing;"
                    + " install it with: apt-get install -y chromium chromium-driver (or set CHROMIUM=/path/to/chromium)");
        }
        Path profile = Files.createTempDirectory("chillproxy-chromium");
        Path log = profile.resolve("chromium.log");
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--remote-debugging-port=0", "--user-data-dir=" + profile.resolve("data"), "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path portFile = profile.resolve("data").resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("Chromium (" + binary + ") did not start: " + tail(log));
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        OkHttpClient http = shared.newBuilder().readTimeout(Duration.ZERO).build();
        try (Response created = http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/json/new?about:blank")
                .put(RequestBody.create(new byte[0])).build()).execute()) {
            JsonNode target = MAPPER.readTree(created.body().string());
            HeadlessChromium chromium = new HeadlessChromium(profile, process, http, target.get("webSocketDebuggerUrl").asText());
            chromium.send("Runtime.enable", Map.of());
            chromium.send("Page.enable", Map.of());
            chromium.send("Log.enable", Map.of());
            return chromium;
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log) : "(no output)";
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    JsonNode send(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = MAPPER.createObjectNode().put("id", id).put("method", method);
        message.set("params", MAPPER.valueToTree(params));
        socket.send(message.toString());
        try {
            JsonNode reply = answer.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (reply.has("error")) {
                throw new AssertionError(method + " failed: " + reply.get("error"));
            }
            return reply.get("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(method + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(method + " got no answer from Chromium", e);
        } finally {
            pending.remove(id);
        }
    }

    /** Evaluates an expression (promises are awaited) and returns its JSON value; a thrown error fails the test. */
    JsonNode evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            JsonNode details = result.get("exceptionDetails");
            throw new AssertionError("page script failed: " + details.path("exception").path("description").asText(details.toString())
                    + "\n  in: " + expression);
        }
        return result.path("result").path("value");
    }

    /** Polls a boolean expression until it is true; fails with {@code what} after a generous limit. */
    void waitFor(String what, String condition) {
        long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        while (!evaluate("!!(" + condition + ")").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("page never showed: " + what + "\n  page text: " + evaluate("document.body.innerText").asText());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    void navigate(String url) {
        send("Page.navigate", Map.of("url", url));
        waitFor("the page loaded", "document.readyState === 'complete' && location.href.startsWith(" + MAPPER.valueToTree(url) + ")");
    }

    /** Types into the focused element as a keyboard would, then optionally presses Enter. */
    void type(String text, boolean enter) {
        send("Input.insertText", Map.of("text", text));
        if (enter) {
            for (String type : new String[] {"keyDown", "keyUp"}) {
                send("Input.dispatchKeyEvent", Map.of("type", type, "key", "Enter", "code", "Enter",
                        "windowsVirtualKeyCode", 13, "text", "\r"));
            }
        }
    }

    void viewport(int width, int height) {
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", width < 600));
    }

    /** Captures the whole page at the given width into a PNG file. */
    void screenshot(Path file, int width) throws IOException {
        viewport(width, 800);
        int height = Math.min(6000, evaluate("document.documentElement.scrollHeight").asInt(800));
        viewport(width, height);
        JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    /** Uncaught page exceptions, console errors and security (CSP) violations seen so far. */
    List<String> pageErrors() {
        return List.copyOf(pageErrors);
    }

    @Override
    public void close() throws IOException {
        socket.close(1000, "done");
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private final class Listener extends WebSocketListener {
        @Override
        public void onMessage(WebSocket webSocket, String text) {
            try {
                JsonNode message = MAPPER.readTree(text);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
                    if (answer != null) {
                        answer.complete(message);
                    }
                    return;
                }
                record(message.path("method").asText(), message.path("params"));
            } catch (IOException e) {
                pageErrors.add("unreadable DevTools message: " + e.getMessage());
            }
        }

        private void record(String method, JsonNode params) {
            if (method.equals("Runtime.exceptionThrown")) {
                pageErrors.add("exception: " + params.path("exceptionDetails").path("exception").path("description")
                        .asText(params.path("exceptionDetails").path("text").asText()));
            } else if (method.equals("Runtime.consoleAPICalled") && params.path("type").asText().equals("error")) {
                pageErrors.add("console.error: " + params.path("args"));
            } else if (method.equals("Log.entryAdded") && !params.path("entry").path("source").asText().equals("network")
                    && params.path("entry").path("level").asText().equals("error")) {
                // network errors are the expected 4xx answers of the API; anything else (CSP, script) is a bug
                pageErrors.add(params.path("entry").path("source").asText() + ": " + params.path("entry").path("text").asText());
            }
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            pending.values().forEach(answer -> answer.completeExceptionally(t));
        }
    }
}
