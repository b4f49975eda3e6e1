package dev.chillproxy.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestLogTest {

    @Test
    void longSegmentsOfUnmatchedPathsAreMasked() {
        assertEquals("/a/…/b", RequestLog.mask("/a/" + "x".repeat(20) + "/b"));
        assertEquals("/short/path", RequestLog.mask("/short/path"));
    }
}
