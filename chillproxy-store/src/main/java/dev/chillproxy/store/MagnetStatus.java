package dev.chillproxy.store;

/** StremThru's magnet states; {@link #DOWNLOADED} is the only one whose files can be linked. */
public enum MagnetStatus {
    CACHED, QUEUED, DOWNLOADING, PROCESSING, DOWNLOADED, UPLOADING, FAILED, INVALID, UNKNOWN;

    /** True when the store holds the files and links can be generated. */
    public boolean isReady() {
        return this == DOWNLOADED || this == CACHED;
    }

    /** True when waiting longer will not help. */
    public boolean isTerminalFailure() {
        return this == FAILED || this == INVALID;
    }
}
