package dev.chillproxy.store.torznab;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A tiny bencode writer for building test torrents by hand (keys sorted, as the spec requires). */
final class Bencode {

    private Bencode() {
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, out);
        return out.toByteArray();
    }

    private static void write(Object value, ByteArrayOutputStream out) {
        if (value instanceof Integer || value instanceof Long) {
            out.writeBytes(("i" + value + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof String text) {
            writeBytes(text.getBytes(StandardCharsets.UTF_8), out);
        } else if (value instanceof byte[] bytes) {
            writeBytes(bytes, out);
        } else if (value instanceof List<?> list) {
            out.write('l');
            list.forEach(item -> write(item, out));
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            out.write('d');
            new TreeMap<>(map).forEach((k, v) -> {
                write(k, out);
                write(v, out);
            });
            out.write('e');
        } else {
            throw new IllegalArgumentException("cannot encode " + value);
        }
    }

    private static void writeBytes(byte[] bytes, ByteArrayOutputStream out) {
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
    }

    /** Splices already-encoded info bytes into a torrent, so the test's SHA-1 covers exactly those bytes. */
    static byte[] torrent(byte[] encodedInfo, String announce) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('d');
        out.writeBytes(encode("announce"));
        out.writeBytes(encode(announce));
        out.writeBytes(encode("info"));
        out.writeBytes(encodedInfo);
        out.write('e');
        return out.toByteArray();
    }
}
