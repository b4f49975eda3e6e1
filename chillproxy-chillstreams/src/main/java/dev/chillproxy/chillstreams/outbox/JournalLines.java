package dev.chillproxy.chillstreams.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.chillproxy.chillstreams.pool.UsageEvent;

/**
 * A usage event as one line of a journal segment: a JSON array of its fields, the instant as epoch seconds and
 * nanoseconds (exact, and cheaper to write than ISO-8601 text). A line that does not parse (one a crash cut short)
 * is skipped. Stateless.
 */
final class JournalLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JournalLines() {
    }

    static byte[] encode(UsageEvent event) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartArray();
            json.writeString(event.eventId());
            json.writeString(event.userId());
            json.writeString(event.poolKeyId());
            json.writeString(event.action());
            json.writeString(event.hash());
            json.writeBoolean(event.cached());
            json.writeNumber(event.bytes());
            json.writeNumber(event.at().getEpochSecond());
            json.writeNumber(event.at().getNano());
            json.writeString(event.outcome());
            json.writeString(event.reason());
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("a usage event cannot be written as JSON", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * Passes the segment's events to {@code store} in groups of at most {@code groupSize}; returns how many there were.
     * Lines end at a line end or at a zero byte: a segment's unused tail is zeros, and so is the rest of a line a crash
     * cut short.
     */
    static int read(Path segment, int groupSize, Consumer<List<UsageEvent>> store) throws IOException {
        int count = 0;
        List<UsageEvent> group = new ArrayList<>(groupSize);
        String text = new String(Files.readAllBytes(segment), StandardCharsets.UTF_8);
        for (String line : text.split("[\\n\\x00]+")) {
            UsageEvent event = line.isEmpty() ? null : decode(line);
            if (event == null) {
                continue;
            }
            group.add(event);
            count++;
            if (group.size() == groupSize) {
                store.accept(List.copyOf(group));
                group.clear();
            }
        }
        if (!group.isEmpty()) {
            store.accept(List.copyOf(group));
        }
        return count;
    }

    /** Complete lines in a segment (a torn last line has no line end). */
    static long count(Path segment) throws IOException {
        long lines = 0;
        for (byte b : Files.readAllBytes(segment)) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    static UsageEvent decode(String line) {
        try {
            JsonNode fields = JSON.readTree(line);
            if (fields == null || !fields.isArray() || fields.size() != 11) {
                return null;
            }
            return new UsageEvent(fields.get(0).asText(), fields.get(1).asText(), fields.get(2).asText(),
                    fields.get(3).asText(), fields.get(4).asText(), fields.get(5).asBoolean(), fields.get(6).asLong(),
                    Instant.ofEpochSecond(fields.get(7).asLong(), fields.get(8).asLong()), fields.get(9).asText(),
                    fields.get(10).asText());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
