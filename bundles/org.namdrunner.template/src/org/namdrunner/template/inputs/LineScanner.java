package org.namdrunner.template.inputs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a text file line by line through a fixed buffer, never the whole file: a line is handed out as bytes of the
 * buffer ({@link #start()}, {@link #length()}), a String only when asked ({@link #line()}). Lines longer than the
 * buffer are cut (their first 256 bytes are kept, their length is still counted). Used by the input readers so that a 1 GB PDB costs one pass and
 * constant memory.
 */
final class LineScanner implements AutoCloseable {

    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final byte[] buf = new byte[BUFFER];
    /** the first bytes of a line longer than the buffer */
    private final byte[] head = new byte[256];
    /** the array the current line is in: {@code buf}, or {@code head} for a cut line */
    private byte[] cur = buf;
    private int pos;
    private int limit;
    private boolean eof;
    private int start;
    private int length;
    private long fullLength;
    private long number;

    LineScanner(Path file) throws IOException {
        in = Files.newInputStream(file);
    }

    /** Advances to the next line; false at the end of the file. */
    boolean next() throws IOException {
        fullLength = 0;
        cur = buf;
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    start = pos;
                    length = i - pos;
                    fullLength += length;
                    pos = i + 1;
                    if (length > 0 && buf[start + length - 1] == '\r') {
                        length--;
                        fullLength--;
                    }
                    number++;
                    return true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    start = pos;
                    length = limit - pos;
                    fullLength += length;
                    pos = limit;
                    number++;
                    return true;
                }
                return false;
            }
            if (pos == 0 && limit == buf.length) {
                // a line longer than the buffer: keep its first part, skip the rest
                fullLength += limit;
                System.arraycopy(buf, 0, head, 0, head.length);
                skipRestOfLine();
                cur = head;
                start = 0;
                length = head.length;
                number++;
                return true;
            }
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                limit += n;
            }
        }
    }

    private void skipRestOfLine() throws IOException {
        // the buffer holds the first part of the line; drop it and read until the newline
        pos = 0;
        limit = 0;
        while (true) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                return;
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    fullLength += i;
                    // keep what follows the newline; the kept part of the long line is gone, so hand out an empty one
                    System.arraycopy(buf, i + 1, buf, 0, n - i - 1);
                    limit = n - i - 1;
                    pos = 0;
                    return;
                }
            }
            fullLength += n;
        }
    }

    /** 1-based number of the current line. */
    long number() {
        return number;
    }

    /** Length of the current line in bytes without its line end (also when the line was cut). */
    long fullLength() {
        return fullLength;
    }

    boolean startsWith(String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (cur[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The byte at {@code i} of the current line, or -1 past its end. */
    int at(int i) {
        return i < length ? cur[start + i] : -1;
    }

    /** The current line (its first 256 bytes when it was longer than the buffer). */
    String line() {
        return new String(cur, start, length, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
