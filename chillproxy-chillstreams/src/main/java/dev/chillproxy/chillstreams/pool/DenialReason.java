package dev.chillproxy.chillstreams.pool;

/** Why a grant was refused; also the label of the denial metric. */
public enum DenialReason {
    UNKNOWN_USER,
    USER_DISABLED,
    DEVICE_LIMIT,
    NO_KEY_AVAILABLE,
    POOL_UNREACHABLE,
    INVALID_REQUEST
}
