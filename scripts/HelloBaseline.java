import io.javalin.Javalin;

/**
 * The benchmark's baseline: a bare Javalin app answering {@code GET /hello} with a short text, on loopback, with
 * Javalin's defaults (no request log, no filters). Javalin comes from the fat jar:
 *
 * <pre>java -cp chillproxy-server/target/chillproxy.jar scripts/HelloBaseline.java --port 9001</pre>
 */
public final class HelloBaseline {

    public static void main(String[] args) {
        int port = 9001;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].equals("--port")) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            port = Integer.parseInt(args[i + 1]);
        }
        Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/hello", ctx -> ctx.result("hello"));
        }).start("127.0.0.1", port);
    }
}
