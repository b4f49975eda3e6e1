package dev.chillproxy.store.torznab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CappedInputStreamTest {

    static CappedInputStream of(String text, long maxBytes) {
        return new CappedInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), maxBytes);
    }

    @Test
    void aBodyOfExactlyTheCapIsNotCut() throws Exception {
        CappedInputStream in = of("<a/>", 4);
        assertEquals(4, in.readAllBytes().length);
        assertFalse(in.capped());
    }

    @Test
    void aLongerBodyIsCutAtTheCap() throws Exception {
        CappedInputStream in = of("<a></a>", 4);
        assertEquals(4, in.readAllBytes().length);
        assertTrue(in.capped());
    }

    @Test
    void aHugeAttributeValueIsCutLongBeforeTheByteCap() throws Exception {
        // an XML parser holds a whole attribute value in memory: a 3 MB one must not reach it
        String feed = TorznabClientTest.feed(TorznabLimitsTest.hashItem(1)
                + "<item><title>x</title><enclosure url=\"" + "A".repeat(3 * 1024 * 1024) + "\"/></item>");
        CappedInputStream in = of(feed, TorznabClient.MAX_ANSWER_BYTES);
        TorznabXml.Feed parsed = TorznabXml.feed(in, TorznabXml.MAX_ITEMS);
        assertTrue(in.capped());
        assertEquals(1, parsed.items().size(), "the item before the cut is kept");
        assertTrue(parsed.truncation().contains("size limit"), parsed.truncation());
        CappedInputStream raw = of(feed, TorznabClient.MAX_ANSWER_BYTES);
        assertTrue(raw.readAllBytes().length < feed.length() / 10, "read up to the run limit only");
    }
}
