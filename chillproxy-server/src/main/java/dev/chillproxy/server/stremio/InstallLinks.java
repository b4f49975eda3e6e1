package dev.chillproxy.server.stremio;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The links a configured addon is installed with, built on the public base URL ({@code STREMTHRU_BASE_URL}).
 *
 * @param manifestUrl  {@code https://host/stremio/torz/{cfg}/manifest.json}
 * @param stremioUrl   the manifest URL with its scheme replaced by {@code stremio://} (desktop/mobile apps)
 * @param webUrl       Stremio Web's install page for the manifest URL
 * @param configureUrl this config's configure page
 */
record InstallLinks(String manifestUrl, String stremioUrl, String webUrl, String configureUrl) {

    public InstallLinks {
        Objects.requireNonNull(manifestUrl, "manifestUrl");
        Objects.requireNonNull(stremioUrl, "stremioUrl");
        Objects.requireNonNull(webUrl, "webUrl");
        Objects.requireNonNull(configureUrl, "configureUrl");
    }

    /** @param cfg an encoded config (URL-safe base64, so it needs no escaping in a path) */
    public static InstallLinks of(URI baseUrl, String cfg) {
        String base = baseUrl.toString().replaceAll("/+$", "") + TorzPaths.PREFIX + "/" + cfg;
        String manifest = base + "/manifest.json";
        String stremio = "stremio://" + manifest.substring(manifest.indexOf("://") + 3);
        String web = "https://web.stremio.com/#/addons?addon=" + URLEncoder.encode(manifest, StandardCharsets.UTF_8);
        return new InstallLinks(manifest, stremio, web, base + "/configure");
    }
}
