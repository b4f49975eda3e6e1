package dev.chillproxy.chillstreams.remote;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

import okio.BufferedSource;

/**
 * Reads Server-Sent Events (the WHATWG line protocol: {@code event:}, {@code data:}, {@code id:}, {@code retry:},
 * {@code :comment}; a blank line dispatches). Bounded: a line longer than {@link #MAX_LINE} bytes is skipped without
 * being buffered and an event whose data exceeds {@link #MAX_DATA} comes out {@code oversized}, its data dropped.
 * Not thread-safe: one reader per stream.
 */
final class SseReader {

    static final int MAX_LINE = 8 * 1024;
    static final int MAX_DATA = 16 * 1024;
    private static final int MAX_ID = 256;

    /** One dispatched event; {@code type} is {@code message} when the stream named none. */
    record Message(String type, String data, boolean oversized) {
    }

    private final BufferedSource source;
    private Optional<String> lastEventId = Optional.empty();
    private OptionalLong retryMillis = OptionalLong.empty();
    private String type = "";
    private final StringBuilder data = new StringBuilder();
    private boolean oversized;

    SseReader(BufferedSource source) {
        this.source = source;
    }

    /** The next event, or empty at the end of the stream. */
    Optional<Message> next() throws IOException {
        while (true) {
            long newline = source.indexOf((byte) '\n', 0, MAX_LINE + 1);
            if (newline < 0) {
                if (!source.request(MAX_LINE + 1)) {
                    return Optional.empty(); // ended (a last line without newline is no complete event)
                }
                skipLongLine();
                continue;
            }
            String line = source.readUtf8(newline);
            source.skip(1);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                Optional<Message> message = dispatch();
                if (message.isPresent()) {
                    return message;
                }
            } else if (!line.startsWith(":")) {
                field(line);
            }
        }
    }

    private void skipLongLine() throws IOException {
        oversized = true;
        while (true) {
            long newline = source.indexOf((byte) '\n', 0, MAX_LINE);
            if (newline >= 0) {
                source.skip(newline + 1);
                return;
            }
            // the first MAX_LINE bytes hold no newline; bytes after them may (the next event), so skip no further
            long scanned = Math.min(source.getBuffer().size(), MAX_LINE);
            if (scanned == 0) {
                return; // the stream ended inside the line
            }
            source.skip(scanned);
        }
    }

    private void field(String line) {
        int colon = line.indexOf(':');
        String name = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (name) {
            case "event" -> type = value;
            case "data" -> {
                if (data.length() + value.length() + 1 > MAX_DATA) {
                    oversized = true;
                } else {
                    data.append(value).append('\n');
                }
            }
            case "id" -> {
                if (value.indexOf('\0') < 0 && value.length() <= MAX_ID) {
                    lastEventId = Optional.of(value);
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.length() <= 9 && value.chars().allMatch(Character::isDigit)) {
                    retryMillis = OptionalLong.of(Long.parseLong(value));
                }
            }
            default -> {
                // unknown fields are ignored, as the protocol says
            }
        }
    }

    private Optional<Message> dispatch() {
        try {
            if (data.isEmpty() && !oversized) {
                return Optional.empty();
            }
            String text = data.isEmpty() ? "" : data.substring(0, data.length() - 1);
            return Optional.of(new Message(type.isEmpty() ? "message" : type, oversized ? "" : text, oversized));
        } finally {
            type = "";
            data.setLength(0);
            oversized = false;
        }
    }

    /** The last {@code id:} seen, to send as {@code Last-Event-ID} when reconnecting. */
    Optional<String> lastEventId() {
        return lastEventId;
    }

    /** The server's {@code retry:} hint, in milliseconds. */
    OptionalLong retryMillis() {
        return retryMillis;
    }
}
