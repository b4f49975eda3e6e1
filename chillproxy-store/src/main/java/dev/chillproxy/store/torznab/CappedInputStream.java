package dev.chillproxy.store.torznab;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Ends the stream after {@code maxBytes}, remembering that it did, so a parser sees a cut document, not a huge one. */
final class CappedInputStream extends FilterInputStream {

    private final long maxBytes;
    private long read;
    private boolean capped;

    CappedInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
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
