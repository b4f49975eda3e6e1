package dev.chillproxy.core.store;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The debrid services Chillproxy talks to: the one list of store codes. Configs, playback URLs, the store
 * adapters, the configure page and the pool all name a store by this type, never by a string, so a key cannot
 * be sent to a service it does not belong to by a mistyped code. Native torrent streams ({@code p2p}) are not a
 * service and so not listed here: a config says so with {@code TorzConfig#p2p()}.
 */
public enum StoreName {
    TORBOX("tb", "torbox", "TorBox", true),
    REALDEBRID("rd", "realdebrid", "Real-Debrid", true),
    ALLDEBRID("ad", "alldebrid", "AllDebrid", true),
    PREMIUMIZE("pm", "premiumize", "Premiumize", true),
    DEBRIDLINK("dl", "debridlink", "Debrid-Link", true);

    private final String code;
    private final String id;
    private final String label;
    private final boolean pooled;

    StoreName(String code, String id, String label, boolean pooled) {
        this.code = code;
        this.id = id;
        this.label = label;
        this.pooled = pooled;
    }

    /** Lower-case two-letter code ("tb"), as in configs and playback URLs. */
    public String code() {
        return code;
    }

    /** Lower-case service id as StremThru and the pool spell it ("torbox"). */
    public String id() {
        return id;
    }

    /** The name a user reads ("Real-Debrid"). */
    public String label() {
        return label;
    }

    /**
     * Whether the key pool holds keys for this service. A pool key may only ever be sent to its own service, so
     * a config pairing a pool user with any other store is invalid and the configure page never offers it.
     */
    public boolean pooled() {
        return pooled;
    }

    /** The services the pool serves, in declaration order. */
    public static List<StoreName> pooledStores() {
        return Holder.POOLED;
    }

    /** The store with this code ("tb") or id ("torbox"), case-insensitively; empty for null or unknown text. */
    public static Optional<StoreName> find(String codeOrId) {
        if (codeOrId == null) {
            return Optional.empty();
        }
        for (StoreName name : Holder.ALL) { // exact text, the usual case (every grant checks its service): no copy
            if (name.code.equals(codeOrId) || name.id.equals(codeOrId)) {
                return Optional.of(name);
            }
        }
        String wanted = codeOrId.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(Holder.ALL).filter(name -> name.code.equals(wanted) || name.id.equals(wanted)).findFirst();
    }

    /** Built once (an enum's own static fields are set after its constants). */
    private static final class Holder {
        static final StoreName[] ALL = values();
        static final List<StoreName> POOLED = Arrays.stream(ALL).filter(StoreName::pooled).toList();
    }

    /**
     * Like {@link #find} for text that must name a store.
     *
     * @throws IllegalArgumentException for null or unknown text
     */
    public static StoreName fromCode(String codeOrId) {
        return find(codeOrId).orElseThrow(() -> new IllegalArgumentException("store: unknown code " + codeOrId));
    }
}
