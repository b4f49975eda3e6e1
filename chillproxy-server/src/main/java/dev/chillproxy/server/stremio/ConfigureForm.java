package dev.chillproxy.server.stremio;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chillproxy.core.config.ConfigCodec;
import dev.chillproxy.core.config.ConfigException;
import dev.chillproxy.core.config.ConfigProblem;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.store.StoreName;

/**
 * The configure page's fields: one store with either a pool user UUID ({@code kind=auth}) or a legacy
 * token ({@code kind=token}), cached-only and sort. Values are kept as typed so a rejected form is shown
 * again as the user left it; validation is the codec's.
 */
record ConfigureForm(String store, String kind, String credential, boolean cached, String sort) {

    static final String AUTH = "auth";
    static final String TOKEN = "token";
    private static final String DEFAULT_STORE = StoreName.TORBOX.code();
    private static final String P2P = "p2p";
    // as the codec: only short identifier-like values are echoed, so a misplaced key is never repeated
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ECHOABLE = Pattern.compile("[a-z0-9_-]{1,12}");

    ConfigureForm {
        store = Objects.requireNonNullElse(store, DEFAULT_STORE).trim().toLowerCase(Locale.ROOT);
        kind = TOKEN.equals(kind) ? TOKEN : AUTH;
        credential = Objects.requireNonNullElse(credential, "").trim();
        sort = Objects.requireNonNullElse(sort, "").trim();
    }

    static ConfigureForm empty() {
        return new ConfigureForm(DEFAULT_STORE, AUTH, "", false, "");
    }

    /**
     * The fields a config that failed to decode still shows (its first store, cached, sort), so a bad value is
     * shown where it was instead of being blanked; empty when the text is not even base64 JSON.
     */
    static ConfigureForm salvaged(String cfg) {
        if (cfg == null || cfg.length() > ConfigCodec.MAX_CFG_LENGTH) {
            return empty();
        }
        try {
            String standard = cfg.strip().replace('-', '+').replace('_', '/').replaceAll("=+$", "");
            JsonNode root = JSON.readTree(Base64.getDecoder().decode(standard));
            JsonNode store = root.path("stores").path(0);
            String token = store.path("t").asText("");
            return new ConfigureForm(store.path("c").asText(DEFAULT_STORE), token.isEmpty() ? AUTH : TOKEN,
                    token.isEmpty() ? store.path("auth").asText("") : token, root.path("cached").asBoolean(false),
                    root.path("sort").asText(""));
        } catch (IOException | IllegalArgumentException e) {
            return empty();
        }
    }

    /** Pre-fills from a decoded config (its first store; the form edits one store). */
    static ConfigureForm of(TorzConfig config) {
        if (config.stores().isEmpty()) {
            return new ConfigureForm(DEFAULT_STORE, AUTH, "", config.cached(), config.sort());
        }
        StoreConfig first = config.stores().get(0);
        boolean pool = first.usesPool() || first.token().isEmpty();
        String credential = pool ? first.poolUser().orElse("") : first.token().get().reveal();
        return new ConfigureForm(first.store().code(), pool ? AUTH : TOKEN, credential, config.cached(), config.sort());
    }

    /** The service the form names, when it names one by its code. */
    Optional<StoreName> storeName() {
        return StoreName.find(store).filter(name -> name.code().equals(store));
    }

    /** Whether this form's store may take a pool user: only stores the pool has keys for. */
    boolean poolOffered() {
        return storeName().map(StoreName::pooled).orElse(false);
    }

    /**
     * The config this form describes, not yet validated.
     *
     * @throws ConfigException when the form names no known store, with the codec's words
     */
    TorzConfig toConfig() throws ConfigException {
        if (P2P.equals(store)) {
            // not offered by the page, but a hand-made form may ask for it: the codec judges it as before
            return TorzConfig.p2p(List.of(), cached, false, sort, "");
        }
        StoreName name = storeName().orElseThrow(() -> new ConfigException(List.of(new ConfigProblem("stores[0].c",
                "unknown store code" + (ECHOABLE.matcher(store).matches() ? " \"" + store + "\"" : "")))));
        Optional<String> given = Optional.of(credential).filter(value -> !value.isEmpty());
        StoreConfig storeConfig = AUTH.equals(kind)
                ? new StoreConfig(name, Optional.empty(), given)
                : new StoreConfig(name, given.map(ApiKey::of), Optional.empty());
        return new TorzConfig(List.of(storeConfig), List.of(), cached, false, sort, "");
    }
}
