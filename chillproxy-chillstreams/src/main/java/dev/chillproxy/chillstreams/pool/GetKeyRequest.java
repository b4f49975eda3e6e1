package dev.chillproxy.chillstreams.pool;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chillproxy.core.store.StoreName;

/**
 * Which user on which device wants a key for what; also the wire body of {@code POST /api/v1/internal/pool/get-key}
 * ({@code {userId,deviceId,action,hash,service}}), written by the remote client and read by the internal routes.
 *
 * @param action  one of {@link UsageAction#wire()} values
 * @param hash    the info hash concerned, "" when none
 * @param service the debrid service the key is for, as the pool names it ({@link StoreName#id()}: {@code torbox},
 *                {@code realdebrid}, …); a key of another service is never the answer
 */
public record GetKeyRequest(String userId, String deviceId, String action, String hash, String service) {

    public GetKeyRequest {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(action, "action");
        hash = Objects.requireNonNullElse(hash, "");
        service = Wire.service(service == null ? Grant.DEFAULT_SERVICE : service);
    }

    /** A request for a key of the {@link Grant#DEFAULT_SERVICE} (TorBox). */
    public GetKeyRequest(String userId, String deviceId, String action, String hash) {
        this(userId, deviceId, action, hash, Grant.DEFAULT_SERVICE);
    }

    /** The service as a type. */
    @JsonIgnore
    public StoreName store() {
        return StoreName.fromCode(service);
    }

    /** Whether this asks for a key to play one torrent (its grant may differ from the user's listing key). */
    @JsonIgnore
    public boolean isPlayback() {
        return UsageAction.STREAM_SERVED.wire().equals(action) && !hash.isEmpty();
    }

    /**
     * A request as it comes off the wire: user and device are required, {@code action} defaults to
     * {@code stream-list}, {@code service} to {@code torbox} (callers from before other services were pooled); other
     * fields are ignored.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    @JsonCreator
    public static GetKeyRequest fromWire(@JsonProperty("userId") String userId, @JsonProperty("deviceId") String deviceId,
                                         @JsonProperty("action") String action, @JsonProperty("hash") String hash,
                                         @JsonProperty("service") String service) {
        return new GetKeyRequest(Wire.required(userId, "userId"), Wire.required(deviceId, "deviceId"),
                Wire.action(action == null ? UsageAction.STREAM_LIST.wire() : action), hash, service);
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

        /** A pooled service's id ({@code torbox}), case-insensitively; codes ({@code tb}) are not service names. */
        static String service(String wire) {
            for (StoreName store : StoreName.pooledStores()) {
                if (store.id().equals(wire)) {
                    return wire; // exactly as named, the usual case (every grant asks)
                }
            }
            String id = wire.strip().toLowerCase(Locale.ROOT);
            boolean known = StoreName.pooledStores().stream().anyMatch(store -> store.id().equals(id));
            if (!known || id.length() > 32) {
                throw new IllegalArgumentException("service: must be one of " + StoreName.pooledStores().stream()
                        .map(StoreName::id).collect(Collectors.joining(", ")));
            }
            return id;
        }

        static String action(String wire) {
            if (Arrays.stream(UsageAction.values()).noneMatch(a -> a.wire().equals(wire))) {
                throw new IllegalArgumentException("action: must be stream-list, stream-served or denied");
            }
            return wire;
        }
    }
}
