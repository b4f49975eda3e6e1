package dev.chillproxy.server;

import java.util.function.Consumer;

import dev.chillproxy.server.web.BodilessJettyErrors;
import dev.chillproxy.server.web.ErrorResponses;
import dev.chillproxy.server.web.HeaderReadTimeout;
import dev.chillproxy.server.web.RequestIds;
import dev.chillproxy.server.web.RequestLog;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Builds the unstarted Javalin app from ready-made dependencies: cross-cutting handlers (request id,
 * request log, JSON errors, CORS on Stremio routes) plus every route of the {@link RouteTable}.
 * Starting, the stop timeout and the shutdown hook belong to {@code Main} (tests start on port 0 and stop
 * fast because no stop timeout is set here).
 */
public final class App {

    /**
     * Jetty's request threads (Javalin's default is 250). On two cores a warm list needs no more than a few threads
     * to keep both busy, and the database pool has 8-16 connections: hundreds of threads only queue on its locks
     * and the logger's, which turned a 1 ms answer into a 500 ms p99. 64 still leaves room for cold lists, whose
     * threads wait on upstream calls; further requests wait in Jetty's queue instead of on a lock.
     */
    static final int REQUEST_THREADS = 64;

    private App() {
    }

    public static Javalin create(AppDependencies deps) {
        return create(deps, config -> { });
    }

    /** @param customizer runs last, e.g. {@code Main}'s Jetty stop timeout */
    public static Javalin create(AppDependencies deps, Consumer<JavalinConfig> customizer) {
        RequestIds requestIds = new RequestIds();
        RequestLog requestLog = new RequestLog();
        ErrorResponses errors = new ErrorResponses();
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            QueuedThreadPool threads = new QueuedThreadPool(REQUEST_THREADS, 8, 60_000);
            threads.setName("JettyServerThreadPool");
            config.jetty.threadPool = threads;
            config.events.serverStopped(requestLog::close);
            // Jetty's header cache otherwise matches values case-insensitively on a kept-alive connection,
            // so "Bearer ABC…" could be taken for an earlier, correct "Bearer abc…".
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new BodilessJettyErrors());
                HeaderReadTimeout.install(server, HeaderReadTimeout.DEFAULT);
            });
            config.jsonMapper(new JavalinJackson(deps.objectMapper(), false));
            // Javalin keeps one request logger: the log line and the latency histogram share it
            config.requestLogger.http((ctx, ms) -> {
                requestLog.log(ctx, ms);
                deps.httpMetrics().record(ctx, ms);
            });
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                // Stremio clients (web included) call every addon route cross-origin.
                rule.path = "/stremio/*";
                rule.anyHost();
                rule.exposeHeader(RequestIds.HEADER);
            }));
            config.routes.before(requestIds::assign);
            errors.register(config.routes);
            deps.routes().accept(config.routes);
            customizer.accept(config);
        });
    }
}
