package dev.chillproxy.server.web;

import java.util.regex.Pattern;

import io.javalin.http.Context;

/**
 * Gives every request an id, echoed in the {@code Request-ID} response header and used in logs and
 * error bodies. A caller's own id is kept when it is a sane token; anything else is replaced so that
 * log lines cannot be forged. Thread-safe.
 */
public final class RequestIds {

    public static final String HEADER = "Request-ID";
    private static final String ATTRIBUTE = "chillproxy.requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final FastIds ids = new FastIds();

    /** Before-handler: assigns the id and sets the response header. */
    public void assign(Context ctx) {
        String incoming = ctx.header(HEADER);
        String id = incoming != null && SANE.matcher(incoming).matches()
                ? incoming
                : ids.next();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    /** The id of this request ({@code -} if the before-handler did not run). */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
