package dev.chillproxy.store.torznab;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict bencode reader: integers become {@link Long}, byte strings {@code byte[]}, lists {@link List},
 * dictionaries {@link Map} with UTF-8 keys. It remembers where the top-level {@code info} value starts and ends,
 * because the info hash is the SHA-1 of exactly those bytes. Not thread-safe; one instance per document.
 */
final class BencodeReader {

    private static final int MAX_DEPTH = 64;

    private final byte[] data;
    private int pos;
    private int infoStart = -1;
    private int infoEnd = -1;

    BencodeReader(byte[] data) {
        this.data = data;
    }

    /** Reads the whole document; trailing bytes are an error. */
    Object readDocument() {
        Object value = read(0);
        if (pos != data.length) {
            throw malformed("trailing bytes");
        }
        return value;
    }

    int infoStart() {
        return infoStart;
    }

    int infoEnd() {
        return infoEnd;
    }

    private Object read(int depth) {
        if (depth > MAX_DEPTH) {
            throw malformed("nested too deeply");
        }
        byte type = peek();
        if (type == 'i') {
            pos++;
            long value = readNumber('e');
            return value;
        }
        if (type == 'l') {
            pos++;
            List<Object> list = new ArrayList<>();
            while (peek() != 'e') {
                list.add(read(depth + 1));
            }
            pos++;
            return list;
        }
        if (type == 'd') {
            pos++;
            Map<String, Object> dict = new LinkedHashMap<>();
            while (peek() != 'e') {
                String key = new String(readBytes(), StandardCharsets.UTF_8);
                boolean isInfo = depth == 0 && key.equals("info");
                int start = pos;
                dict.put(key, read(depth + 1));
                if (isInfo) {
                    infoStart = start;
                    infoEnd = pos;
                }
            }
            pos++;
            return dict;
        }
        if (type >= '0' && type <= '9') {
            return readBytes();
        }
        throw malformed("unexpected byte " + (char) type);
    }

    private byte[] readBytes() {
        long length = readNumber(':');
        if (length < 0 || length > data.length - pos) {
            throw malformed("string length out of range");
        }
        byte[] bytes = new byte[(int) length];
        System.arraycopy(data, pos, bytes, 0, bytes.length);
        pos += bytes.length;
        return bytes;
    }

    private long readNumber(char terminator) {
        int start = pos;
        while (peek() != terminator) {
            pos++;
        }
        String digits = new String(data, start, pos - start, StandardCharsets.US_ASCII);
        pos++;
        if (digits.isEmpty() || digits.length() > 19 || !digits.matches("-?\\d+")) {
            throw malformed("bad number");
        }
        return Long.parseLong(digits);
    }

    private byte peek() {
        if (pos >= data.length) {
            throw malformed("truncated");
        }
        return data[pos];
    }

    private IllegalArgumentException malformed(String why) {
        return new IllegalArgumentException("torrent: malformed bencode at byte " + pos + ": " + why);
    }
}
