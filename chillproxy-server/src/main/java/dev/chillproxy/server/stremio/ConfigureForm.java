package dev.chillproxy.server.stremio;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.chillproxy.core.config.PooledStores;
import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.config.TorzConfig;

/**
 * The configure page's fields: one store with either a pool user UUID ({@code kind=auth}) or a legacy
 * token ({@code kind=token}), cached-only and sort. Values are kept as typed so a rejected form is shown
 * again as the user left it; validation is the codec's.
 */
record ConfigureForm(String store, String kind, String credential, boolean cached, String sort) {

    static final List<String> STORES = List.of("tb", "rd", "ad", "pm", "dl");
    static final String AUTH = "auth";
    static final String TOKEN = "token";

    ConfigureForm {
        store = Objects.requireNonNullElse(store, "tb").trim().toLowerCase(Locale.ROOT);
        kind = TOKEN.equals(kind) ? TOKEN : AUTH;
        credential = Objects.requireNonNullElse(credential, "").trim();
        sort = Objects.requireNonNullElse(sort, "").trim();
    }

    static ConfigureForm empty() {
        return new ConfigureForm("tb", AUTH, "", false, "");
    }

    /** Pre-fills from a decoded config (its first store; the form edits one store). */
    static ConfigureForm of(TorzConfig config) {
        StoreConfig first = config.stores().isEmpty() ? new StoreConfig("tb", "", "") : config.stores().get(0);
        boolean pool = first.usesPool() || first.token().isEmpty();
        return new ConfigureForm(first.code(), pool ? AUTH : TOKEN, pool ? first.auth() : first.token(),
                config.cached(), config.sort());
    }

    /** Whether this form's store may take a pool user: only stores the pool has keys for. */
    boolean poolOffered() {
        return PooledStores.serves(store);
    }

    /** The config this form describes, not yet validated. */
    TorzConfig toConfig() {
        StoreConfig storeConfig = AUTH.equals(kind)
                ? new StoreConfig(store, "", credential)
                : new StoreConfig(store, credential, "");
        return new TorzConfig(List.of(storeConfig), List.of(), cached, false, sort, "");
    }
}
