package dev.chillproxy.core.config;

import java.util.Objects;

import dev.chillproxy.core.secret.ApiKey;

/**
 * One debrid store of a torz config ({@code {"c":"tb","auth":"<user uuid>"}} or {@code {"c":"tb","t":"<key>"}}).
 *
 * @param code  store code: {@code tb rd ad pm dl} or {@code p2p}
 * @param token the user's own store API key (legacy mode), "" when absent
 * @param auth  the Chillstreams user UUID that draws a pool key, "" when absent
 */
public record StoreConfig(String code, String token, String auth) {

    public static final String P2P = "p2p";

    public StoreConfig {
        code = Objects.requireNonNullElse(code, "");
        token = Objects.requireNonNullElse(token, "");
        auth = Objects.requireNonNullElse(auth, "");
    }

    /** The store key comes from the pool for the user {@link #auth()}; {@link #token()} is then not used. */
    public boolean usesPool() {
        return !auth.isEmpty();
    }

    /** Native torrent streams: no debrid store and no token. */
    public boolean isP2p() {
        return P2P.equals(code);
    }

    /** Token and user UUID masked: the UUID alone is enough to stream on the user's pool key. */
    @Override
    public String toString() {
        return "StoreConfig[code=" + code
                + ", token=" + (token.isEmpty() ? "" : ApiKey.mask(token))
                + ", auth=" + (auth.isEmpty() ? "" : ApiKey.mask(auth)) + "]";
    }
}
