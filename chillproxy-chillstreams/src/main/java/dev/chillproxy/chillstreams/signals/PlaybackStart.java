package dev.chillproxy.chillstreams.signals;

/** Whether a device may start a playback on a pool key ({@code POOL_MAX_PLAYBACKS_PER_KEY}). */
public sealed interface PlaybackStart {

    /** @param playing devices playing on the key, this one included */
    record Admitted(int playing) implements PlaybackStart {
    }

    /** @param playing other devices playing on the key; @param limit the key's limit */
    record Full(int playing, int limit) implements PlaybackStart {
    }
}
