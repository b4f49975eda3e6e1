package dev.chillproxy.server.web;

import java.util.regex.Pattern;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request in logfmt ({@code request id=… method=GET route=… status=200 duration_ms=7}), easy to
 * grep and to parse. The route is the matched route template
 * ({@code /stremio/torz/{cfg}/manifest.json}) so a config segment, which may carry a legacy debrid token,
 * never reaches the log; unmatched paths have long segments masked for the same reason. Thread-safe.
 */
public final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final Pattern LONG_SEGMENT = Pattern.compile("(?<=/)[^/]{20,}");

    public void log(Context ctx, Float millis) {
        LOG.info("request id={} method={} route={} status={} duration_ms={}", RequestIds.of(ctx), ctx.method(),
                loggedPath(ctx), ctx.statusCode(), Math.round(millis));
    }

    /** The route template when a route matched, else the raw path with every long segment masked. */
    public static String loggedPath(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint != null && !endpoint.path.equals("*")) {
            return endpoint.path;
        }
        return mask(ctx.path());
    }

    static String mask(String path) {
        return LONG_SEGMENT.matcher(path).replaceAll("…");
    }
}
