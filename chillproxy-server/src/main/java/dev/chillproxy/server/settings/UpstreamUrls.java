package dev.chillproxy.server.settings;

import java.net.URI;
import java.util.Objects;

/** Base URLs of the debrid services; tests and operators point them at fakes or mirrors. */
public record UpstreamUrls(URI torbox, URI realDebrid, URI allDebrid, URI premiumize, URI debridLink) {

    public static final String TORBOX_DEFAULT = "https://api.torbox.app";
    public static final String REALDEBRID_DEFAULT = "https://api.real-debrid.com/rest/1.0";
    public static final String ALLDEBRID_DEFAULT = "https://api.alldebrid.com";
    public static final String PREMIUMIZE_DEFAULT = "https://www.premiumize.me/api";
    public static final String DEBRIDLINK_DEFAULT = "https://debrid-link.com/api/v2";

    public UpstreamUrls {
        Objects.requireNonNull(torbox, "torbox");
        Objects.requireNonNull(realDebrid, "realDebrid");
        Objects.requireNonNull(allDebrid, "allDebrid");
        Objects.requireNonNull(premiumize, "premiumize");
        Objects.requireNonNull(debridLink, "debridLink");
    }
}
