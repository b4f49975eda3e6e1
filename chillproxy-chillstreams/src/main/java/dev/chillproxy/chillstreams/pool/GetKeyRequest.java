package dev.chillproxy.chillstreams.pool;

import java.util.Arrays;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which user on which device wants a key for what; also the wire body of {@code POST /api/v1/internal/pool/get-key}
 * ({@code {userId,deviceId,action,hash}}), written by the remote client and read by the internal routes.
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

    /**
     * A request as it comes off the wire: user and device are required, {@code action} defaults to
     * {@code stream-list}; other fields ({@code service}) are ignored.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    @JsonCreator
    public static GetKeyRequest fromWire(@JsonProperty("userId") String userId, @JsonProperty("deviceId") String deviceId,
                                         @JsonProperty("action") String action, @JsonProperty("hash") String hash) {
        return new GetKeyRequest(Wire.required(userId, "userId"), Wire.required(deviceId, "deviceId"),
                Wire.action(action == null ? UsageAction.STREAM_LIST.wire() : action), hash);
    }

    /** Checks of wire values shared by the wire records; every failure names its field. */
    static final class Wire {
        private Wire() {
        }

        static String required(String value, String field) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + ": required");
            }
            return value;
        }

        static String action(String wire) {
            if (Arrays.stream(UsageAction.values()).noneMatch(a -> a.wire().equals(wire))) {
                throw new IllegalArgumentException("action: must be stream-list, stream-served or denied");
            }
            return wire;
        }
    }
}
