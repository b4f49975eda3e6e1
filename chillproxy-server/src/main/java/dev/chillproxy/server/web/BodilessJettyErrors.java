package dev.chillproxy.server.web;

import java.nio.ByteBuffer;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own answers to requests Javalin never sees (a URI it cannot parse, say): the status line only. Jetty's
 * HTML page was sent even for a HEAD, and a keep-alive client then read it as the next response. Thread-safe.
 */
public final class BodilessJettyErrors extends ErrorHandler {

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONNECTION, "close");
        return null;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
        response.write(true, null, callback);
    }
}
