package dev.chillproxy.core.torz;

/** The short static videos playback redirects to when it cannot play (files in the server's resources). */
public enum ErrorVideo {
    DOWNLOADING("downloading"),
    DOWNLOAD_FAILED("download_failed"),
    NO_MATCHING_FILE("no_matching_file"),
    UNAUTHORIZED("401"),
    FORBIDDEN("403"),
    /** The debrid service throttles the key (its 429). */
    TOO_MANY_REQUESTS("429"),
    /** Our own rate limit for this address or user: the debrid service is not involved. */
    RATE_LIMITED("rate_limited"),
    SERVER_ERROR("500"),
    PAYMENT_REQUIRED("payment_required"),
    STORE_LIMIT_EXCEEDED("store_limit_exceeded"),
    BAD_LINK("bad_link"),
    /** Our own limits for new downloads (per key or per user) are spent: nothing is wrong with any key. */
    BUSY("busy"),
    // one per pool refusal, so the video says what really happened (Access.Refusal)
    DEVICE_LIMIT("device_limit"),
    ACCESS_DISABLED("access_disabled"),
    UNKNOWN_USER("unknown_user"),
    SIGN_IN_REFUSED("sign_in_refused"),
    POOL_UNAVAILABLE("pool_unavailable"),
    NO_KEY_AVAILABLE("no_key_available"),
    /** The pool key already plays as many streams as the operator allows ({@code POOL_MAX_PLAYBACKS_PER_KEY}). */
    PLAYBACK_LIMIT("playback_limit");

    private final String fileName;

    ErrorVideo(String name) {
        this.fileName = name + ".mp4";
    }

    public String fileName() {
        return fileName;
    }
}
