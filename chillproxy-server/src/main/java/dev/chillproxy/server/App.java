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

/**
 * Builds the unstarted Javalin app from ready-made dependencies: cross-cutting handlers (request id,
 * request log, JSON errors, CORS on Stremio routes) plus every route of the {@link RouteTable}.
 * Starting, the stop timeout and the shutdown hook belong to {@code Main} (tests start on port 0 and stop
 * fast because no stop timeout is set here).
 */
public final class App {

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
