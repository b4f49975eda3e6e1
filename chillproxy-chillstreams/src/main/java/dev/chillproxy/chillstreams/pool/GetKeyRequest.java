package dev.chillproxy.chillstreams.pool;

import java.util.Objects;

/**
 * Wire body of {@code POST /api/v1/internal/pool/get-key}: which user on which device wants a key for what.
 *
 * @param action one of {@link UsageAction#wire()} values
 * @param hash   the info hash concerned, "" when none
 */
public record GetKeyRequest(String userId, String deviceId, String action, String hash) {

    public GetKeyRequest {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(action, "action");
        hash = Objects.requireNonNullElse(hash, "");
    }
}
