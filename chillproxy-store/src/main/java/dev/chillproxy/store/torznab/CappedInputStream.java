package dev.chillproxy.store.torznab;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Ends the stream after {@code maxBytes}, or where more than {@code maxRun} bytes come without a {@code '<'},
 * remembering that it did, so a parser sees a cut document, not a huge one. The run limit bounds what an XML
 * parser holds at once: it reads text in chunks but an attribute value whole, and {@code '<'} cannot occur in one.
 */
final class CappedInputStream extends FilterInputStream {

    /** No Torznab text or attribute comes near this; a longer run is an attack or garbage. */
    static final int DEFAULT_MAX_RUN = 256 * 1024;

    private final long maxBytes;
    private final int maxRun;
    private long read;
    private int run;
    private boolean capped;

    CappedInputStream(InputStream in, long maxBytes) {
        this(in, maxBytes, DEFAULT_MAX_RUN);
    }

    CappedInputStream(InputStream in, long maxBytes, int maxRun) {
        super(in);
        this.maxBytes = maxBytes;
        this.maxRun = maxRun;
    }

    /** True when the stream was cut at the cap (there was more to read). */
    boolean capped() {
        return capped;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (read >= maxBytes) {
            // one byte more tells a body of exactly maxBytes from a longer one
            if (!capped && super.read() >= 0) {
                capped = true;
            }
            return -1;
        }
        int n = super.read(buffer, offset, (int) Math.min(length, maxBytes - read));
        for (int i = 0; i < n; i++) {
            run = buffer[offset + i] == '<' ? 0 : run + 1;
            if (run > maxRun) {
                capped = true;
                read = maxBytes; // nothing more is read
                return i == 0 ? -1 : i;
            }
        }
        if (n > 0) {
            read += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        int chunk = (int) Math.max(0, Math.min(n, 8192));
        return Math.max(0, read(new byte[chunk], 0, chunk));
    }

    @Override
    public int available() {
        return 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
