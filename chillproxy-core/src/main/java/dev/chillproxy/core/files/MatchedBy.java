package dev.chillproxy.core.files;

/** Why a file was chosen, in the order {@link FileSelector} tries the rules. */
public enum MatchedBy {
    /** A previously recorded mapping says this path plays the requested id. */
    KNOWN,
    /** The file name (or its folders) names the requested season and episode. */
    EPISODE,
    /** The file name equals the name sent in the stream link. */
    NAME,
    /** The file index sent in the stream link, trusted for this store. */
    INDEX,
    /** The largest video of a movie torrent. */
    LARGEST,
    /** The only video in the torrent. */
    SINGLE_VIDEO
}
