package org.namdrunner.remote;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Minimal tar (POSIX ustar + pax extended headers) writer and reader for the many-small-files strategy: a
 * local tree is streamed as one tar through an exec channel into {@code tar -xf -} on the server, and
 * {@code tar -cf -} output is unpacked locally. Only regular files and directories are carried; symlinks and
 * special files are skipped. Extraction refuses absolute paths and {@code ..}.
 */
final class Tar {
    private static final int BLOCK = 512;

    private Tar() {
    }

    /** A regular file or directory of a local tree, relative to its root ("/" separated). */
    record Entry(String relative, Path file, boolean directory, long size, long mtimeSeconds) {
    }

    /** Lists a local tree (directories before their contents). Symlinks are not followed. */
    static List<Entry> scan(Path root) throws IOException {
        List<Entry> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root)) {
                    out.add(new Entry(rel(root, dir), dir, true, 0, attrs.lastModifiedTime().toMillis() / 1000));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    out.add(new Entry(rel(root, file), file, false, attrs.size(),
                            attrs.lastModifiedTime().toMillis() / 1000));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    static String rel(Path root, Path p) {
        StringBuilder sb = new StringBuilder();
        for (Path part : root.relativize(p)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part.toString());
        }
        return sb.toString();
    }

    /** Writes the entries as a tar stream; {@code progress} gets the number of file bytes written. */
    static void write(List<Entry> entries, OutputStream out, LongConsumer progress, java.util.function.BooleanSupplier cancelled)
            throws IOException {
        write(entries, out, progress, cancelled, null, null);
    }

    /**
     * Writes the entries as a tar stream. With {@code digests} non-null, the sha256 of every file is computed
     * while its bytes are read for the stream and put into {@code digests} (relative path &rarr; hex) as soon as
     * the file is written; then, if {@code manifestName} is non-null, a last member of that name carries the
     * digests in {@code sha256sum -c} format, so the receiving side can check every file.
     */
    static void write(List<Entry> entries, OutputStream out, LongConsumer progress,
            java.util.function.BooleanSupplier cancelled, java.util.Map<String, String> digests, String manifestName)
            throws IOException {
        byte[] buf = new byte[64 * 1024];
        java.security.MessageDigest md = digests != null ? Transfers.sha256Digest() : null;
        for (Entry e : entries) {
            if (cancelled.getAsBoolean()) {
                throw new java.io.InterruptedIOException("cancelled");
            }
            String name = e.directory() ? e.relative() + "/" : e.relative();
            writeHeader(out, name, e.directory() ? 0755 : 0644, e.directory() ? 0 : e.size(), e.mtimeSeconds(),
                    e.directory() ? '5' : '0');
            if (!e.directory()) {
                long left = e.size();
                try (InputStream in = Files.newInputStream(e.file())) {
                    while (left > 0) {
                        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                        if (n < 0) {
                            throw new IOException("File " + e.file() + " shrank while it was being sent");
                        }
                        if (md != null) {
                            md.update(buf, 0, n);
                        }
                        out.write(buf, 0, n);
                        left -= n;
                        progress.accept(n);
                    }
                }
                pad(out, e.size());
                if (md != null) {
                    digests.put(e.relative(), java.util.HexFormat.of().formatHex(md.digest()));
                }
            }
        }
        if (digests != null && manifestName != null) {
            StringBuilder m = new StringBuilder();
            for (Entry e : entries) {
                if (!e.directory()) {
                    m.append(manifestLine(digests.get(e.relative()), e.relative()));
                }
            }
            byte[] data = m.toString().getBytes(StandardCharsets.UTF_8);
            writeHeader(out, manifestName, 0600, data.length, System.currentTimeMillis() / 1000, '0');
            out.write(data);
            pad(out, data.length);
        }
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    /**
     * One line of a {@code sha256sum -c} file: names with a backslash or newline are escaped the way coreutils
     * writes them (line starts with a backslash, {@code \\} and {@code \n} in the name).
     */
    static String manifestLine(String sha, String name) {
        if (name.indexOf('\\') >= 0 || name.indexOf('\n') >= 0) {
            return "\\" + sha + "  " + name.replace("\\", "\\\\").replace("\n", "\\n") + "\n";
        }
        return sha + "  " + name + "\n";
    }

    /** Reverses the escaping of {@link #manifestLine} for a name reported by {@code sha256sum -c}. */
    static String unescapeName(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 1 < name.length()) {
                char d = name.charAt(++i);
                sb.append(d == 'n' ? '\n' : d);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void writeHeader(OutputStream out, String name, int mode, long size, long mtime, char type)
            throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > 100) {
            // pax extended header with the full path
            byte[] rec = paxRecord("path", name);
            writeRawHeader(out, "PaxHeaders/" + Math.abs(name.hashCode()), 0644, rec.length, mtime, 'x');
            out.write(rec);
            pad(out, rec.length);
            nameBytes = ("long/" + Math.abs(name.hashCode())).getBytes(StandardCharsets.UTF_8);
            name = new String(nameBytes, StandardCharsets.UTF_8);
        }
        writeRawHeader(out, name, mode, size, mtime, type);
    }

    private static byte[] paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int len = body.getBytes(StandardCharsets.UTF_8).length;
        int total = len + String.valueOf(len).length();
        if (String.valueOf(total).length() != String.valueOf(len).length()) {
            total = len + String.valueOf(total).length();
        }
        return (total + body).getBytes(StandardCharsets.UTF_8);
    }

    private static void writeRawHeader(OutputStream out, String name, int mode, long size, long mtime, char type)
            throws IOException {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        h[156] = (byte) type;
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        String cs = String.format("%06o", sum);
        put(h, 148, 6, cs.getBytes(StandardCharsets.US_ASCII));
        h[154] = 0;
        h[155] = ' ';
        out.write(h);
    }

    private static void put(byte[] h, int off, int len, byte[] v) {
        System.arraycopy(v, 0, h, off, Math.min(len, v.length));
    }

    private static void octal(byte[] h, int off, int len, long v) {
        String s = Long.toOctalString(v);
        if (s.length() > len - 1) {
            // base-256 for big sizes (GNU extension)
            h[off] = (byte) 0x80;
            for (int i = len - 1; i > 0; i--) {
                h[off + i] = (byte) (v & 0xff);
                v >>>= 8;
            }
            return;
        }
        while (s.length() < len - 1) {
            s = "0" + s;
        }
        put(h, off, len - 1, s.getBytes(StandardCharsets.US_ASCII));
        h[off + len - 1] = 0;
    }

    private static void pad(OutputStream out, long size) throws IOException {
        int rem = (int) (size % BLOCK);
        if (rem != 0) {
            out.write(new byte[BLOCK - rem]);
        }
    }

    /** Result of an extraction. */
    record Extracted(long files, long bytes, List<String> skipped) {
    }

    /**
     * Extracts a tar stream into {@code root}. Entries with absolute paths or {@code ..} are refused; links
     * and special files are skipped (reported).
     */
    static Extracted extract(InputStream in, Path root, LongConsumer progress, java.util.function.BooleanSupplier cancelled)
            throws IOException {
        return extract(in, root, progress, cancelled, null);
    }

    /** Checks each extracted file against the sending side's digest. */
    interface Verifier {
        /** The sha256 the sending side computed for this file, or null if it did not announce it. */
        String expected(String relative);

        /** The file matched and is now under its final name. */
        void verified(String relative);

        /** The file did not match (or was not announced) and was not kept. */
        void failed(String relative, String why);
    }

    /**
     * Extracts a tar stream into {@code root}. With a {@link Verifier}, each regular file is written to
     * {@code <name>.nrpart} while its sha256 is computed, and only moved to its name when the digest equals
     * the one the sending side announced; a file that does not match is removed and reported.
     */
    static Extracted extract(InputStream in, Path root, LongConsumer progress,
            java.util.function.BooleanSupplier cancelled, Verifier verifier) throws IOException {
        java.security.MessageDigest md = verifier != null ? Transfers.sha256Digest() : null;
        byte[] h = new byte[BLOCK];
        byte[] buf = new byte[64 * 1024];
        long files = 0;
        long bytes = 0;
        List<String> skipped = new ArrayList<>();
        String paxPath = null;
        String longName = null;
        Path normRoot = root.toAbsolutePath().normalize();
        Files.createDirectories(normRoot);
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new java.io.InterruptedIOException("cancelled");
            }
            if (!readFully(in, h)) {
                break;
            }
            if (isZero(h)) {
                break;
            }
            char type = (char) h[156];
            long size = parseNumber(h, 124, 12);
            long mtime = parseNumber(h, 136, 12);
            String name = string(h, 0, 100);
            String prefix = string(h, 345, 155);
            if (!prefix.isEmpty() && string(h, 257, 5).equals("ustar")) {
                name = prefix + "/" + name;
            }
            if (type == 'x' || type == 'g' || type == 'L') {
                byte[] data = new byte[(int) size];
                if (!readFully(in, data)) {
                    throw new EOFException("truncated tar stream");
                }
                skipPad(in, size);
                if (type == 'x') {
                    paxPath = parsePaxPath(data);
                } else if (type == 'L') {
                    longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
                }
                continue;
            }
            if (paxPath != null) {
                name = paxPath;
            } else if (longName != null) {
                name = longName;
            }
            paxPath = null;
            longName = null;
            String clean = name;
            while (clean.startsWith("./")) {
                clean = clean.substring(2);
            }
            if (clean.endsWith("/")) {
                clean = clean.substring(0, clean.length() - 1);
            }
            if (clean.isEmpty() || clean.equals(".")) {
                skip(in, size);
                continue;
            }
            Path target = normRoot.resolve(clean).normalize();
            if (clean.startsWith("/") || !target.startsWith(normRoot) || target.equals(normRoot)) {
                throw new IOException("Refusing to extract '" + name + "': it points outside " + root);
            }
            if (type == '5') {
                Files.createDirectories(target);
                skip(in, size);
            } else if (type == '0' || type == '\0' || type == '7') {
                Files.createDirectories(target.getParent());
                if (Files.isSymbolicLink(target)) {
                    Files.delete(target);
                }
                String expected = verifier != null ? verifier.expected(clean) : null;
                if (verifier != null && expected == null) {
                    verifier.failed(clean, "not announced by the sending side");
                    skip(in, size);
                    continue;
                }
                Path dest = verifier != null ? target.resolveSibling(target.getFileName() + Transfers.PART_SUFFIX)
                        : target;
                try (OutputStream out = Files.newOutputStream(dest)) {
                    long left = size;
                    while (left > 0) {
                        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                        if (n < 0) {
                            throw new EOFException("truncated tar stream");
                        }
                        if (md != null) {
                            md.update(buf, 0, n);
                        }
                        out.write(buf, 0, n);
                        left -= n;
                        progress.accept(n);
                    }
                }
                skipPad(in, size);
                Files.setLastModifiedTime(dest, FileTime.fromMillis(mtime * 1000));
                if (verifier != null) {
                    String got = java.util.HexFormat.of().formatHex(md.digest());
                    if (!got.equals(expected)) {
                        Files.deleteIfExists(dest);
                        verifier.failed(clean, "sha256 " + got + " here, " + expected + " on the sending side");
                        continue;
                    }
                    Files.move(dest, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    verifier.verified(clean);
                }
                files++;
                bytes += size;
            } else {
                skipped.add(clean);
                skip(in, size);
            }
        }
        // drain the rest (second end block, padding) so the remote tar does not see a broken pipe
        while (in.read(buf) >= 0) {
            // discard
        }
        return new Extracted(files, bytes, skipped);
    }

    private static String parsePaxPath(byte[] data) {
        String path = null;
        int i = 0;
        while (i < data.length) {
            int sp = i;
            while (sp < data.length && data[sp] != ' ') {
                sp++;
            }
            if (sp >= data.length) {
                break;
            }
            int len;
            try {
                len = Integer.parseInt(new String(data, i, sp - i, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                break;
            }
            if (len <= sp - i + 1 || i + len > data.length) {
                break;
            }
            String rec = new String(data, sp + 1, i + len - sp - 2, StandardCharsets.UTF_8);
            int eq = rec.indexOf('=');
            if (eq > 0 && rec.substring(0, eq).equals("path")) {
                path = rec.substring(eq + 1);
            }
            i += len;
        }
        return path;
    }

    private static boolean readFully(InputStream in, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = in.read(b, off, b.length - off);
            if (n < 0) {
                if (off == 0) {
                    return false;
                }
                throw new EOFException("truncated tar stream");
            }
            off += n;
        }
        return true;
    }

    private static void skip(InputStream in, long size) throws IOException {
        long total = size + padding(size);
        byte[] b = new byte[8192];
        while (total > 0) {
            int n = in.read(b, 0, (int) Math.min(b.length, total));
            if (n < 0) {
                throw new EOFException("truncated tar stream");
            }
            total -= n;
        }
    }

    private static void skipPad(InputStream in, long size) throws IOException {
        long p = padding(size);
        if (p > 0) {
            byte[] b = new byte[(int) p];
            if (!readFully(in, b)) {
                throw new EOFException("truncated tar stream");
            }
        }
    }

    private static long padding(long size) {
        long rem = size % BLOCK;
        return rem == 0 ? 0 : BLOCK - rem;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long parseNumber(byte[] h, int off, int len) {
        if ((h[off] & 0x80) != 0) {
            long v = 0;
            for (int i = 1; i < len; i++) {
                v = (v << 8) | (h[off + i] & 0xff);
            }
            return v;
        }
        String s = string(h, off, len).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }
}
