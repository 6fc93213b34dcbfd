package org.namdrunner.remote;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The tar streams of the many-small-files strategy, read and written with Apache Commons Compress: a local tree
 * is streamed as one tar through an exec channel into {@code tar -xf -} on the server, and {@code tar -cf -}
 * output is unpacked locally. Written: POSIX (pax) records for names over 100 bytes and sizes over 8 GiB, the
 * permission bits of every file and folder, no owner names. Only regular files and directories are carried;
 * symlinks, hard links and special files are skipped (and reported when reading). Extraction refuses absolute
 * paths, {@code ..}, and a path through a link already in the target folder that leads out of it.
 */
final class Tar {
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
    static void write(List<Entry> entries, OutputStream out, LongConsumer progress, BooleanSupplier cancelled)
            throws IOException {
        write(entries, out, progress, cancelled, null, null);
    }

    /**
     * Writes the entries as a tar stream. With {@code digests} non-null, the sha256 of every file is computed
     * while its bytes are read for the stream and put into {@code digests} (relative path &rarr; hex) as soon as
     * the file is written; then, if {@code manifestName} is non-null, a last member of that name carries the
     * digests in {@code sha256sum -c} format, so the receiving side can check every file. {@code out} is
     * flushed, not closed.
     */
    static void write(List<Entry> entries, OutputStream out, LongConsumer progress, BooleanSupplier cancelled,
            Map<String, String> digests, String manifestName) throws IOException {
        byte[] buf = new byte[64 * 1024];
        MessageDigest md = digests != null ? Transfers.sha256Digest() : null;
        @SuppressWarnings("resource") // closing it would close out, which the caller owns
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Entry e : entries) {
            if (cancelled.getAsBoolean()) {
                throw new InterruptedIOException("cancelled");
            }
            if (e.directory()) {
                tar.putArchiveEntry(header(e.relative() + "/", permissions(e.file(), 0755), 0, e.mtimeSeconds()));
                tar.closeArchiveEntry();
                continue;
            }
            tar.putArchiveEntry(header(e.relative(), permissions(e.file(), 0644), e.size(), e.mtimeSeconds()));
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
                    tar.write(buf, 0, n);
                    left -= n;
                    progress.accept(n);
                }
            }
            tar.closeArchiveEntry();
            if (md != null) {
                digests.put(e.relative(), HexFormat.of().formatHex(md.digest()));
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
            tar.putArchiveEntry(header(manifestName, 0600, data.length, System.currentTimeMillis() / 1000));
            tar.write(data);
            tar.closeArchiveEntry();
        }
        tar.finish();
        out.flush();
    }

    private static TarArchiveEntry header(String name, int permissions, long size, long mtimeSeconds) {
        TarArchiveEntry t = new TarArchiveEntry(name);
        t.setMode((name.endsWith("/") ? TarArchiveEntry.DEFAULT_DIR_MODE : TarArchiveEntry.DEFAULT_FILE_MODE)
                & ~0777 | permissions);
        t.setSize(size);
        t.setModTime(mtimeSeconds * 1000);
        t.setUserName(""); // as before: no local account names in the stream
        t.setGroupName("");
        return t;
    }

    /** The permission bits of a local file, or {@code fallback} where the file system has none (Windows). */
    static int permissions(Path file, int fallback) {
        try {
            int mode = 0;
            for (PosixFilePermission p : Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)) {
                mode |= 0400 >> p.ordinal();
            }
            return mode;
        } catch (UnsupportedOperationException | IOException e) {
            return fallback;
        }
    }

    private static void setPermissions(Path file, int mode) throws IOException {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (0400 >> p.ordinal())) != 0) {
                set.add(p);
            }
        }
        try {
            Files.setPosixFilePermissions(file, set);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): nothing to keep
        }
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

    /** Result of an extraction. */
    record Extracted(long files, long bytes, List<String> skipped) {
    }

    /**
     * Extracts a tar stream into {@code root}. Entries with absolute paths or {@code ..} are refused; links
     * and special files are skipped (reported).
     */
    static Extracted extract(InputStream in, Path root, LongConsumer progress, BooleanSupplier cancelled)
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
     * the one the sending side announced; a file that does not match is removed and reported. Permission bits
     * are kept as {@code tar} does for a user with umask 022 (no group/other write; the owner can always read
     * and write); folders get theirs at the end, so a read-only folder does not stop its own extraction.
     * {@code in} is read to its end, not closed.
     */
    static Extracted extract(InputStream in, Path root, LongConsumer progress, BooleanSupplier cancelled,
            Verifier verifier) throws IOException {
        MessageDigest md = verifier != null ? Transfers.sha256Digest() : null;
        byte[] buf = new byte[64 * 1024];
        long files = 0;
        long bytes = 0;
        List<String> skipped = new ArrayList<>();
        Path normRoot = root.toAbsolutePath().normalize();
        Files.createDirectories(normRoot);
        Path realRoot = normRoot.toRealPath();
        Set<Path> inside = new HashSet<>();
        List<Map.Entry<Path, Integer>> folderModes = new ArrayList<>();
        boolean[] ended = new boolean[1];
        InputStream source = new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                ended[0] |= n < 0;
                return n;
            }
        };
        @SuppressWarnings("resource") // closing it would close in, which the caller owns
        TarArchiveInputStream tar = new TarArchiveInputStream(source, StandardCharsets.UTF_8.name());
        TarArchiveEntry entry;
        while ((entry = nextEntry(tar)) != null) {
            if (cancelled.getAsBoolean()) {
                throw new InterruptedIOException("cancelled");
            }
            String name = entry.getName();
            String clean = name;
            while (clean.startsWith("./")) {
                clean = clean.substring(2);
            }
            if (clean.endsWith("/")) {
                clean = clean.substring(0, clean.length() - 1);
            }
            if (clean.isEmpty() || clean.equals(".")) {
                continue;
            }
            Path target = normRoot.resolve(clean).normalize();
            if (clean.startsWith("/") || !target.startsWith(normRoot) || target.equals(normRoot)) {
                throw new IOException("Refusing to extract '" + name + "': it points outside " + root);
            }
            byte type = entry.getLinkFlag();
            if (entry.isDirectory()) {
                requireInside(realRoot, target, inside, name, root);
                Files.createDirectories(target);
                folderModes.add(Map.entry(target, entry.getMode()));
                continue;
            }
            if (type != TarConstants.LF_NORMAL && type != TarConstants.LF_OLDNORM && type != TarConstants.LF_CONTIG
                    && type != TarConstants.LF_GNUTYPE_SPARSE) {
                skipped.add(clean); // symlink, hard link, device, fifo: never created
                continue;
            }
            requireInside(realRoot, target.getParent(), inside, name, root);
            Files.createDirectories(target.getParent());
            if (Files.isSymbolicLink(target)) {
                Files.delete(target);
            }
            String expected = verifier != null ? verifier.expected(clean) : null;
            if (verifier != null && expected == null) {
                verifier.failed(clean, "not announced by the sending side");
                continue;
            }
            Path dest = verifier != null ? target.resolveSibling(target.getFileName() + Transfers.PART_SUFFIX)
                    : target;
            if (Files.isSymbolicLink(dest)) {
                Files.delete(dest);
            }
            long size = entry.getRealSize(); // a sparse entry's real size; the library fills in the holes
            long written = 0;
            try (OutputStream out = Files.newOutputStream(dest)) {
                int n;
                while ((n = tar.read(buf)) > 0) {
                    if (md != null) {
                        md.update(buf, 0, n);
                    }
                    out.write(buf, 0, n);
                    written += n;
                    progress.accept(n);
                }
            } catch (IOException e) {
                if (!ended[0]) {
                    throw e;
                }
                throw new EOFException("truncated tar stream: '" + clean + "' declares " + size
                        + " bytes, the stream ended after " + written);
            }
            Files.setLastModifiedTime(dest, FileTime.from(entry.getLastModifiedTime().toInstant()));
            setPermissions(dest, entry.getMode() & 0755 | 0600);
            if (verifier != null) {
                String got = HexFormat.of().formatHex(md.digest());
                if (!got.equals(expected)) {
                    Files.deleteIfExists(dest);
                    verifier.failed(clean, "sha256 " + got + " here, " + expected + " on the sending side");
                    continue;
                }
                Files.move(dest, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                verifier.verified(clean);
            }
            files++;
            bytes += written;
        }
        for (int i = folderModes.size() - 1; i >= 0; i--) {
            setPermissions(folderModes.get(i).getKey(), folderModes.get(i).getValue() & 0755 | 0700);
        }
        // drain the rest (second end block, padding) so the remote tar does not see a broken pipe
        while (in.read(buf) >= 0) {
            // discard
        }
        return new Extracted(files, bytes, skipped);
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new IOException("Malformed tar header: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses {@code dir} if its deepest existing ancestor (itself included) is, links resolved, not inside
     * the target folder: a link already there must not lead the extraction out of it.
     */
    private static void requireInside(Path realRoot, Path dir, Set<Path> inside, String name, Path root)
            throws IOException {
        if (inside.contains(dir)) {
            return;
        }
        Path p = dir;
        while (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            p = p.getParent();
        }
        if (!p.toRealPath().startsWith(realRoot)) {
            throw new IOException("Refusing to extract '" + name + "': a link in " + root + " leads outside it");
        }
        if (p.equals(dir)) {
            inside.add(dir);
        }
    }
}
