package dev.chillproxy.server.stremio;

import java.util.Objects;

import dev.chillproxy.core.client.TrustedProxies;
import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.ConfigException;
import dev.chillproxy.core.stremio.TorzManifest;
import dev.chillproxy.server.web.ErrorResponses;
import io.javalin.http.Context;

/**
 * The torz manifest: unconfigured ({@code configurationRequired}) or for a {@code {cfg}}, whose problems
 * give a 400 {@code bad_config} naming the field. Thread-safe.
 */
public final class ManifestRoutes {

    private final String version;
    private final AddonId addonId;
    private final boolean anime;

    /** @param anime whether anime ids are mapped ({@code ANIME_MAPPING_URL} set): the manifest then asks for them */
    public ManifestRoutes(String version, TrustedProxies trustedProxies, boolean anime) {
        this.version = Objects.requireNonNull(version, "version");
        this.addonId = new AddonId(Objects.requireNonNull(trustedProxies, "trustedProxies"));
        this.anime = anime;
    }

    public void unconfigured(Context ctx) {
        ctx.json(TorzManifest.create(addonId.of(ctx), version, null, anime));
    }

    public void configured(Context ctx) {
        try {
            ctx.json(TorzManifest.create(addonId.of(ctx), version, ConfigCodec.decode(ctx.pathParam("cfg")), anime));
        } catch (ConfigException e) {
            ErrorResponses.badConfig(ctx, e);
        }
    }
}
