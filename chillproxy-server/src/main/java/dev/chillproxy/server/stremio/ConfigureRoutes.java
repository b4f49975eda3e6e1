package dev.chillproxy.server.stremio;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.ConfigException;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.server.web.ErrorResponses;
import io.javalin.http.Context;

/**
 * The configure page. {@code GET} shows the form (pre-filled and with install links for a valid
 * {@code {cfg}}, with the codec's problems for a bad one). {@code POST /stremio/torz/configure} takes the
 * form: the page's script asks for JSON ({@code 200} links or {@code 400 bad_config} problems); without
 * script the browser gets a 303 to the configured page or the form again with its problems. Thread-safe.
 */
public final class ConfigureRoutes {

    private final URI baseUrl;
    private final ConfigurePage page = new ConfigurePage();
    private final SecureRandom random = new SecureRandom();

    public ConfigureRoutes(URI baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }


    /** {@code /stremio/torz} alone: the configure page is where a visitor starts. */
    public void toConfigure(Context ctx) {
        ctx.redirect(TorzPaths.CONFIGURE);
    }

    public void showEmpty(Context ctx) {
        html(ctx, 200, ConfigureForm.empty(), List.of(), Optional.empty());
    }

    public void showConfigured(Context ctx) {
        String cfg = ctx.pathParam("cfg");
        try {
            TorzConfig config = ConfigCodec.decode(cfg);
            String canonical = ConfigCodec.encode(config);
            html(ctx, 200, ConfigureForm.of(config), List.of(), Optional.of(InstallLinks.of(baseUrl, canonical)));
        } catch (ConfigException e) {
            // keep what the link said, so the visitor sees the bad value next to what is wrong with it
            html(ctx, 400, ConfigureForm.salvaged(cfg), ProblemWords.sentences(e), Optional.empty());
        }
    }

    public void submit(Context ctx) {
        ConfigureForm form = new ConfigureForm(ctx.formParam("store"), ctx.formParam("kind"),
                ctx.formParam("credential"), ctx.formParam("cached") != null, ctx.formParam("sort"));
        boolean wantsJson = Optional.ofNullable(ctx.header("Accept")).orElse("").contains("application/json");
        try {
            // encode then decode: the codec is the single judge of what a valid config is
            String cfg = ConfigCodec.encode(ConfigCodec.decode(ConfigCodec.encode(form.toConfig())));
            InstallLinks links = InstallLinks.of(baseUrl, cfg);
            if (wantsJson) {
                ctx.header("Cache-Control", "no-store").json(links);
            } else {
                ctx.status(303).header("Location", TorzPaths.PREFIX + "/" + cfg + "/configure");
            }
        } catch (ConfigException e) {
            if (wantsJson) {
                ErrorResponses.badConfig(ctx, ProblemWords.reworded(e));
            } else {
                html(ctx, 400, form, ProblemWords.sentences(e), Optional.empty());
            }
        }
    }

    private void html(Context ctx, int status, ConfigureForm form, List<String> problems,
                      Optional<InstallLinks> links) {
        String nonce = nonce();
        ctx.status(status)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'nonce-" + nonce + "'; script-src 'nonce-"
                        + nonce + "'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
                // the URL and page may hold a legacy token: keep them out of caches and Referer headers
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .html(page.render(form, problems, links, nonce));
    }

    private String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
