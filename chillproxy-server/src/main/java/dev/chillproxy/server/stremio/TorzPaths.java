package dev.chillproxy.server.stremio;

/** Route templates of the torz addon; {@code {cfg}} is redacted in request logs by template. */
final class TorzPaths {

    static final String PREFIX = "/stremio/torz";
    static final String MANIFEST = PREFIX + "/manifest.json";
    static final String CONFIGURED_MANIFEST = PREFIX + "/{cfg}/manifest.json";
    static final String CONFIGURE = PREFIX + "/configure";
    static final String CONFIGURED_CONFIGURE = PREFIX + "/{cfg}/configure";

    private TorzPaths() {
    }
}
