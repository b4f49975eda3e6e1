package dev.chillproxy.core.torz;

/** The short static videos playback redirects to when it cannot play (files in the server's resources). */
public enum ErrorVideo {
    DOWNLOADING("downloading"),
    DOWNLOAD_FAILED("download_failed"),
    NO_MATCHING_FILE("no_matching_file"),
    UNAUTHORIZED("401"),
    FORBIDDEN("403"),
    TOO_MANY_REQUESTS("429"),
    SERVER_ERROR("500"),
    PAYMENT_REQUIRED("payment_required"),
    STORE_LIMIT_EXCEEDED("store_limit_exceeded"),
    BAD_LINK("bad_link"),
    /** Our own limits for new downloads (per key or per user) are spent: nothing is wrong with any key. */
    BUSY("busy");

    private final String fileName;

    ErrorVideo(String name) {
        this.fileName = name + ".mp4";
    }

    public String fileName() {
        return fileName;
    }
}
