package dev.chillproxy.server.stremio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.chillproxy.core.store.StoreName;

/**
 * Renders {@code configure.html}: {@code {{name}}} placeholders are replaced with HTML-escaped values,
 * except the few fragments built here from escaped parts. The pool-user choice is offered only for the stores the pool
 * serves ({@link StoreName#pooled()}; those options carry {@code data-pool} for the page's script). The template is read
 * once; thread-safe.
 */
final class ConfigurePage {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");

    private final String template;

    ConfigurePage() {
        try (InputStream in = ConfigurePage.class.getResourceAsStream("configure.html")) {
            if (in == null) {
                throw new IllegalStateException("configure.html missing from the classpath");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String render(ConfigureForm form, List<String> problems, Optional<InstallLinks> links, String nonce) {
        InstallLinks shown = links.orElse(new InstallLinks("", "#", "#", ""));
        Map<String, String> raw = Map.of(
                "problems", problemItems(problems),
                "storeOptions", storeOptions(form.store()),
                // a pool user only on a store the pool serves: the pool's keys never go to another service
                "authSelected", form.poolOffered() && ConfigureForm.AUTH.equals(form.kind()) ? " selected" : "",
                "authDisabled", form.poolOffered() ? "" : " disabled",
                "tokenSelected", !form.poolOffered() || ConfigureForm.TOKEN.equals(form.kind()) ? " selected" : "",
                "cachedChecked", form.cached() ? " checked" : "",
                "installHidden", links.isPresent() ? "" : " hidden");
        Map<String, String> escaped = Map.of(
                "nonce", nonce,
                "formAction", TorzPaths.CONFIGURE,
                "credential", form.credential(),
                "sort", form.sort(),
                "manifestUrl", shown.manifestUrl(),
                "stremioUrl", shown.stremioUrl(),
                "webUrl", shown.webUrl());
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 512);
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = raw.containsKey(name) ? raw.get(name) : escape(escaped.get(name));
            if (value == null) {
                throw new IllegalStateException("configure.html uses an unknown placeholder " + name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String problemItems(List<String> problems) {
        StringBuilder items = new StringBuilder();
        problems.forEach(problem -> items.append("<li>").append(escape(problem)).append("</li>"));
        return items.toString();
    }

    private static String storeOptions(String selected) {
        StringBuilder options = new StringBuilder();
        for (StoreName store : StoreName.values()) {
            options.append("<option value=\"").append(store.code()).append('"')
                    .append(store.pooled() ? " data-pool" : "")
                    .append(store.code().equals(selected) ? " selected" : "")
                    .append('>').append(store.label()).append(" (").append(store.code()).append(")</option>");
        }
        return options.toString();
    }

    static String escape(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }
}
