package dev.chillproxy.store;

import java.util.Locale;

/** The debrid services Chillproxy talks to, with the two-letter codes used in configs and URLs. */
public enum StoreName {
    TORBOX("tb", "torbox"),
    REALDEBRID("rd", "realdebrid"),
    ALLDEBRID("ad", "alldebrid"),
    PREMIUMIZE("pm", "premiumize"),
    DEBRIDLINK("dl", "debridlink");

    private final String code;
    private final String id;

    StoreName(String code, String id) {
        this.code = code;
        this.id = id;
    }

    /** Lower-case two-letter code ("tb"). */
    public String code() {
        return code;
    }

    /** Lower-case service id as StremThru spells it ("torbox"). */
    public String id() {
        return id;
    }

    /** Looks a store up by code ("tb") or id ("torbox"), case-insensitively. */
    public static StoreName fromCode(String codeOrId) {
        if (codeOrId != null) {
            String wanted = codeOrId.trim().toLowerCase(Locale.ROOT);
            for (StoreName name : values()) {
                if (name.code.equals(wanted) || name.id.equals(wanted)) {
                    return name;
                }
            }
        }
        throw new IllegalArgumentException("store: unknown code " + codeOrId);
    }
}
