package dev.chillproxy.store;

import dev.chillproxy.core.store.StoreName;
import java.util.Objects;

/** Base URLs of the five services; the server fills them from {@code TORBOX_API_URL} and friends. */
public record StoreEndpoints(String torbox, String realDebrid, String allDebrid, String premiumize,
                             String debridLink) {

    public static final String TORBOX = "https://api.torbox.app";
    public static final String REALDEBRID = "https://api.real-debrid.com/rest/1.0";
    public static final String ALLDEBRID = "https://api.alldebrid.com";
    public static final String PREMIUMIZE = "https://www.premiumize.me/api";
    public static final String DEBRIDLINK = "https://debrid-link.com/api/v2";

    public StoreEndpoints {
        Objects.requireNonNull(torbox, "torbox");
        Objects.requireNonNull(realDebrid, "realDebrid");
        Objects.requireNonNull(allDebrid, "allDebrid");
        Objects.requireNonNull(premiumize, "premiumize");
        Objects.requireNonNull(debridLink, "debridLink");
    }

    /** The services' public URLs. */
    public static StoreEndpoints defaults() {
        return new StoreEndpoints(TORBOX, REALDEBRID, ALLDEBRID, PREMIUMIZE, DEBRIDLINK);
    }

    public String forStore(StoreName name) {
        if (name == StoreName.TORBOX) {
            return torbox;
        }
        if (name == StoreName.REALDEBRID) {
            return realDebrid;
        }
        if (name == StoreName.ALLDEBRID) {
            return allDebrid;
        }
        if (name == StoreName.PREMIUMIZE) {
            return premiumize;
        }
        return debridLink;
    }
}
