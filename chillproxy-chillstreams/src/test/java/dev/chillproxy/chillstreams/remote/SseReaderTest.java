package dev.chillproxy.chillstreams.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

import okio.Buffer;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static SseReader reader(String text) {
        return new SseReader(new Buffer().writeUtf8(text));
    }

    @Test
    void fieldsCrLfLinesAndMultiLineDataAreReadAsTheProtocolSays() throws IOException {
        SseReader reader = reader("retry: 2500\r\n: comment\r\nid: 9\r\nevent: revoke\r\ndata: {\"a\":\r\ndata:1}\r\n\r\n"
                + "data: plain\n\n" + "id: 10\n\n" + "data: cut off at the end");
        assertEquals(Optional.of(new SseReader.Message("revoke", "{\"a\":\n1}", false)), reader.next());
        assertEquals(Optional.of("9"), reader.lastEventId());
        assertEquals(OptionalLong.of(2500), reader.retryMillis());
        assertEquals(Optional.of(new SseReader.Message("message", "plain", false)), reader.next());
        assertEquals(Optional.empty(), reader.next(), "an event without a blank line after it is not dispatched");
        assertEquals(Optional.of("10"), reader.lastEventId());
    }

    @Test
    void anOverlongLineOrOversizedDataMarksTheEventAndTheStreamGoesOn() throws IOException {
        SseReader reader = reader("data: " + "x".repeat(SseReader.MAX_LINE * 20) + "\n\n"
                + ("data: " + "y".repeat(1_000) + "\n").repeat(20) + "\n"
                + "event: revoke\ndata: ok\n\n");
        assertEquals(Optional.of(new SseReader.Message("message", "", true)), reader.next());
        assertEquals(Optional.of(new SseReader.Message("message", "", true)), reader.next());
        assertEquals(Optional.of(new SseReader.Message("revoke", "ok", false)), reader.next());
    }
}
