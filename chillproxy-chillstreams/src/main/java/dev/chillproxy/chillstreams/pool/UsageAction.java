package dev.chillproxy.chillstreams.pool;

/** What a usage event or grant request is for (DESIGN §5). */
public enum UsageAction {
    STREAM_LIST("stream-list"),
    STREAM_SERVED("stream-served"),
    DENIED("denied");

    private final String wire;

    UsageAction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
