package dev.orders.infra.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/**
 * A request body read through a check: each read goes to the container's stream, and {@link #afterRead} sees how
 * many bytes came and how many came in all. The body filters (size, deadline) differ only in that check.
 */
abstract class CountingBodyStream extends ServletInputStream {

    private final ServletInputStream in;
    private long count;

    CountingBodyStream(ServletInputStream in) {
        this.in = in;
    }

    /** Called before each read; may throw to refuse it. */
    void beforeRead() throws IOException {}

    /** Reads from the container's stream; a subclass may translate its failures. */
    int readFrom(ServletInputStream in, byte[] buf, int off, int len) throws IOException {
        return in.read(buf, off, len);
    }

    /** Called after each read with what it returned (-1 at the end) and the bytes read so far. */
    abstract void afterRead(int n, long total) throws IOException;

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        beforeRead();
        int n = readFrom(in, buf, off, len);
        if (n > 0) {
            count += n;
        }
        afterRead(n, count);
        return n;
    }

    @Override
    public boolean isFinished() {
        return in.isFinished();
    }

    @Override
    public boolean isReady() {
        return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }
}
