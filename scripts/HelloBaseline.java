import java.nio.file.Files;
import java.nio.file.Path;

import io.javalin.Javalin;

/**
 * The benchmark's baselines: a bare Javalin app on loopback, with Javalin's defaults (no request log, no filters),
 * answering {@code GET /hello} with a short text and, with {@code --answer FILE}, {@code GET /answer} with that
 * file's bytes written as the server writes a kept stream list (length set, straight to the output stream): what
 * Javalin and the client cost for an answer of that size when no work at all is done. Javalin comes from the fat jar:
 *
 * <pre>java -cp chillproxy-server/target/chillproxy.jar scripts/HelloBaseline.java --port 9001 [--answer list.json]</pre>
 */
public final class HelloBaseline {

    public static void main(String[] args) throws Exception {
        int port = 9001;
        byte[] answer = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--answer" -> answer = Files.readAllBytes(Path.of(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        byte[] body = answer;
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/hello", ctx -> ctx.result("hello"));
            if (body != null) {
                config.routes.get("/answer", ctx -> {
                    ctx.contentType("application/json");
                    ctx.res().setContentLength(body.length);
                    ctx.res().getOutputStream().write(body);
                });
            }
        }).start("127.0.0.1", port);
    }
}
