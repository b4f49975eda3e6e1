package dev.chillproxy.server.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.javalin.http.Context;

/**
 * {@code /favicon.ico}: a 32-pixel icon from the jar, read once. Browsers ask for it on every page; without it each
 * visit to the configure page or dashboard logged a 404. Thread-safe (immutable).
 */
public final class Favicon {

    private final byte[] icon;

    public Favicon() {
        try (InputStream in = Favicon.class.getResourceAsStream("/favicon.ico")) {
            if (in == null) {
                throw new IllegalStateException("favicon.ico missing from the jar");
            }
            icon = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void serve(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=604800").contentType("image/x-icon").result(icon);
    }
}
