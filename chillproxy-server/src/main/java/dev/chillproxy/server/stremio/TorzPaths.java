package dev.chillproxy.server.stremio;

/** Paths the torz pages link to (the routes themselves are in {@code RouteTable}). */
final class TorzPaths {

    static final String PREFIX = "/stremio/torz";
    static final String CONFIGURE = PREFIX + "/configure";

    private TorzPaths() {
    }
}
