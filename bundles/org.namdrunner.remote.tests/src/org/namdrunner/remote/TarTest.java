package org.namdrunner.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarTest {
    @TempDir
    Path tmp;

    static void makeTree(Path root, int files, long seed) throws IOException {
        Random rnd = new Random(seed);
        Files.createDirectories(root.resolve("sub dir/nested"));
        Files.createDirectories(root.resolve("empty"));
        String longDir = "d".repeat(80) + "/" + "e".repeat(80);
        Files.createDirectories(root.resolve(longDir));
        for (int i = 0; i < files; i++) {
            String dir = switch (i % 4) {
            case 0 -> "";
            case 1 -> "sub dir/";
            case 2 -> "sub dir/nested/";
            default -> longDir + "/";
            };
            String name = dir + "f" + i + (i % 5 == 0 ? " it's \u00e9 $x;" : "") + ".dat";
            byte[] data = new byte[rnd.nextInt(3000) + (i % 7 == 0 ? 0 : 1)];
            rnd.nextBytes(data);
            Files.write(root.resolve(name), data);
        }
    }

    static void assertSameTree(Path a, Path b) throws IOException {
        List<Tar.Entry> ea = Tar.scan(a);
        List<Tar.Entry> eb = Tar.scan(b);
        assertEquals(ea.stream().map(Tar.Entry::relative).sorted().toList(),
                eb.stream().map(Tar.Entry::relative).sorted().toList());
        for (Tar.Entry e : ea) {
            if (!e.directory()) {
                assertArrayEquals(Files.readAllBytes(e.file()), Files.readAllBytes(b.resolve(e.relative())), e.relative());
            }
        }
    }

    @Test
    void writeThenExtractGivesTheSameTree() throws Exception {
        Path src = tmp.resolve("src");
        makeTree(src, 60, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] progress = new long[1];
        Tar.write(Tar.scan(src), out, n -> progress[0] += n, () -> false);
        assertEquals(0, out.size() % 512);
        Path dst = tmp.resolve("dst");
        Tar.Extracted x = Tar.extract(new ByteArrayInputStream(out.toByteArray()), dst, n -> {
        }, () -> false);
        assertEquals(60, x.files());
        assertEquals(progress[0], x.bytes());
        assertSameTree(src, dst);
    }

    @Test
    void systemTarReadsOurStreamAndWeReadItsPaxStream() throws Exception {
        Path src = tmp.resolve("src");
        makeTree(src, 40, 2);
        Path archive = tmp.resolve("ours.tar");
        try (var os = Files.newOutputStream(archive)) {
            Tar.write(Tar.scan(src), os, n -> {
            }, () -> false);
        }
        Path bySystem = tmp.resolve("by-system");
        Files.createDirectories(bySystem);
        Process p = new ProcessBuilder("tar", "-C", bySystem.toString(), "-xf", archive.toString())
                .redirectErrorStream(true).start();
        String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), msg);
        assertSameTree(src, bySystem);

        Process c = new ProcessBuilder("tar", "--format=pax", "-C", src.toString(), "-cf", "-", ".").start();
        byte[] theirs = c.getInputStream().readAllBytes();
        assertEquals(0, c.waitFor());
        Path byUs = tmp.resolve("by-us");
        Tar.extract(new ByteArrayInputStream(theirs), byUs, n -> {
        }, () -> false);
        assertSameTree(src, byUs);
    }

    @Test
    void traversalIsRefused() throws Exception {
        for (String evil : new String[] { "../evil.txt", "/tmp/evil.txt", "a/../../evil.txt" }) {
            Path dir = tmp.resolve("x" + Math.abs(evil.hashCode()));
            Files.createDirectories(dir);
            Path f = dir.resolve("evil.txt");
            Files.writeString(f, "bad");
            Process c = new ProcessBuilder("tar", "--format=pax", "-P", "-C", dir.toString(), "-cf", "-",
                    "--transform=s,^evil.txt," + evil.replace(",", "\\,") + ",", "evil.txt").start();
            byte[] archive = c.getInputStream().readAllBytes();
            assertEquals(0, c.waitFor());
            Path out = tmp.resolve("out");
            IOException e = assertThrows(IOException.class,
                    () -> Tar.extract(new ByteArrayInputStream(archive), out, n -> {
                    }, () -> false), evil);
            assertTrue(e.getMessage().contains("outside"), e.getMessage());
            assertFalse(Files.exists(tmp.resolve("evil.txt")));
        }
    }

    static byte[] systemTar(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tar", "-C", dir.toString()));
        cmd.addAll(Arrays.asList(args));
        Process c = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = c.getInputStream().readAllBytes();
        assertEquals(0, c.waitFor(), String.join(" ", cmd));
        return out;
    }

    static void systemUntar(Path archive, Path into) throws Exception {
        Files.createDirectories(into);
        Process p = new ProcessBuilder("tar", "-C", into.toString(), "-xf", archive.toString())
                .redirectErrorStream(true).start();
        String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), msg);
    }

    static Tar.Extracted extract(byte[] archive, Path into) throws IOException {
        return Tar.extract(new ByteArrayInputStream(archive), into, n -> {
        }, () -> false);
    }

    static byte[] write(Path src) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Tar.write(Tar.scan(src), out, n -> {
        }, () -> false);
        return out.toByteArray();
    }

    @Test
    void namesOver100And255BytesBothWaysWithSystemTar() throws Exception {
        Path src = tmp.resolve("src");
        String over100 = "n".repeat(150) + ".dat";
        String over255 = "a".repeat(120) + "/" + "b\u00e9".repeat(60) + "/" + "c".repeat(120) + ".dat";
        assertTrue(over255.getBytes(StandardCharsets.UTF_8).length > 255);
        Files.createDirectories(src.resolve(over255).getParent());
        Files.writeString(src.resolve(over100), "over 100");
        Files.writeString(src.resolve(over255), "over 255");
        byte[] ours = write(src);
        try (TarArchiveInputStream t = new TarArchiveInputStream(new ByteArrayInputStream(ours), "UTF-8")) {
            List<String> names = new ArrayList<>();
            for (TarArchiveEntry e = t.getNextEntry(); e != null; e = t.getNextEntry()) {
                names.add(e.getName());
            }
            assertTrue(names.contains(over100) && names.contains(over255), names.toString());
        }
        assertSameTree(src, extractTo(ours, "by-us"));
        Path archive = tmp.resolve("ours.tar");
        Files.write(archive, ours);
        systemUntar(archive, tmp.resolve("by-system"));
        assertSameTree(src, tmp.resolve("by-system"));
        for (String format : new String[] { "posix", "gnu" }) {
            Path dst = tmp.resolve("from-" + format);
            extract(systemTar(src, "--format=" + format, "-cf", "-", "."), dst);
            assertSameTree(src, dst);
        }
    }

    private Path extractTo(byte[] archive, String dir) throws IOException {
        Path dst = tmp.resolve(dir);
        extract(archive, dst);
        return dst;
    }

    @Test
    void permissionBitsAreKept() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("bin"));
        Files.writeString(src.resolve("bin/run.sh"), "#!/bin/sh\necho hi\n");
        Files.writeString(src.resolve("secret.key"), "k");
        Files.writeString(src.resolve("plain.txt"), "p");
        Files.setPosixFilePermissions(src.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(src.resolve("secret.key"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(src.resolve("plain.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(src.resolve("bin"), PosixFilePermissions.fromString("rwx------"));
        byte[] ours = write(src);
        Path byUs = extractTo(ours, "by-us");
        Path archive = tmp.resolve("ours.tar");
        Files.write(archive, ours);
        Path bySystem = tmp.resolve("by-system");
        systemUntar(archive, bySystem);
        Path fromSystem = extractTo(systemTar(src, "--format=posix", "-cf", "-", "."), "from-system");
        for (Path dst : new Path[] { byUs, bySystem, fromSystem }) {
            assertEquals("rwxr-xr-x", perms(dst.resolve("bin/run.sh")), dst.toString());
            assertEquals("rw-------", perms(dst.resolve("secret.key")), dst.toString());
            assertEquals("rw-r--r--", perms(dst.resolve("plain.txt")), dst.toString());
            assertEquals("rwx------", perms(dst.resolve("bin")), dst.toString());
        }
    }

    static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void linksInTheStreamAreNotCreated() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        Files.writeString(src.resolve("data.txt"), "data");
        Files.createSymbolicLink(src.resolve("up"), Path.of("../../../.."));
        Files.createSymbolicLink(src.resolve("abs"), Path.of("/etc/passwd"));
        Files.createLink(src.resolve("hard.txt"), src.resolve("data.txt"));
        Path dst = tmp.resolve("dst");
        Tar.Extracted x = extract(
                systemTar(src, "--format=posix", "-cf", "-", "data.txt", "hard.txt", "up", "abs"), dst);
        assertEquals(List.of("abs", "hard.txt", "up"), x.skipped().stream().sorted().toList());
        assertEquals(1, x.files());
        assertEquals("data", Files.readString(dst.resolve("data.txt")));
        for (String link : new String[] { "up", "abs", "hard.txt" }) {
            assertFalse(Files.exists(dst.resolve(link), LinkOption.NOFOLLOW_LINKS), link);
        }
        // and the writer skips them
        assertEquals(List.of("data.txt", "hard.txt"), Tar.scan(src).stream().map(Tar.Entry::relative).sorted().toList());
    }

    @Test
    void aLinkAlreadyInTheTargetDoesNotLeadOut() throws Exception {
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Path dst = tmp.resolve("dst");
        Files.createDirectories(dst);
        Files.createSymbolicLink(dst.resolve("out"), outside);
        for (String name : new String[] { "out/evil.txt", "out/new/evil.txt", "out/" }) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (TarArchiveOutputStream t = new TarArchiveOutputStream(b)) {
                TarArchiveEntry e = new TarArchiveEntry(name);
                e.setSize(name.endsWith("/") ? 0 : 3);
                t.putArchiveEntry(e);
                if (!name.endsWith("/")) {
                    t.write("bad".getBytes(StandardCharsets.US_ASCII));
                }
                t.closeArchiveEntry();
            }
            IOException e = assertThrows(IOException.class, () -> extract(b.toByteArray(), dst), name);
            assertTrue(e.getMessage().contains("outside"), e.getMessage());
        }
        try (var s = Files.list(outside)) {
            assertEquals(List.of(), s.toList());
        }
    }

    @Test
    void dotDotInALongPaxNameIsRefused() throws Exception {
        String evil = "a/" + "x".repeat(150) + "/../../../evil.txt";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(b)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry e = new TarArchiveEntry(evil);
            e.setSize(3);
            t.putArchiveEntry(e);
            t.write("bad".getBytes(StandardCharsets.US_ASCII));
            t.closeArchiveEntry();
        }
        Path dst = tmp.resolve("out/dst");
        IOException e = assertThrows(IOException.class, () -> extract(b.toByteArray(), dst));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("out/evil.txt")));
    }

    @Test
    void sparseFilesFromSystemTarAreFilledIn() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        try (RandomAccessFile f = new RandomAccessFile(src.resolve("sparse.dat").toFile(), "rw")) {
            f.setLength(6 << 20);
            f.seek(1 << 20);
            f.write("in the middle".getBytes(StandardCharsets.US_ASCII));
            f.seek((6 << 20) - 3);
            f.write("end".getBytes(StandardCharsets.US_ASCII));
        }
        for (String format : new String[] { "posix", "gnu" }) {
            Path dst = tmp.resolve("from-" + format);
            Tar.Extracted x = extract(systemTar(src, "--format=" + format, "--sparse", "-cf", "-", "."), dst);
            assertEquals(6 << 20, x.bytes(), format);
            assertSameTree(src, dst);
        }
    }

    @Test
    void aDeclaredSizeOver8GiBIsReadAndATruncatedStreamIsAClearError() throws Exception {
        long huge = 9L << 30;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        TarArchiveOutputStream t = new TarArchiveOutputStream(b, 512); // 512-byte blocks: nothing held back
        t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        TarArchiveEntry e = new TarArchiveEntry("huge.dat");
        e.setSize(huge);
        t.putArchiveEntry(e);
        t.write(new byte[4096]);
        t.flush(); // the archive is cut here, 4096 bytes into the entry
        EOFException x = assertThrows(EOFException.class, () -> extract(b.toByteArray(), tmp.resolve("dst")));
        assertTrue(x.getMessage().contains("'huge.dat' declares " + huge + " bytes, the stream ended after 4096"),
                x.getMessage());
    }

    @Test
    void aFileOver8GiBIsWrittenWithItsSizeInAPaxRecord() throws Exception {
        long huge = 9L << 30;
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        try (RandomAccessFile f = new RandomAccessFile(src.resolve("huge.dat").toFile(), "rw")) {
            f.setLength(huge); // sparse: no disk used
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        class Cut extends IOException {
            private static final long serialVersionUID = 1L;
        }
        OutputStream first1M = new OutputStream() {
            @Override
            public void write(int x) throws IOException {
                write(new byte[] { (byte) x }, 0, 1);
            }

            @Override
            public void write(byte[] d, int off, int len) throws IOException {
                if (b.size() >= 1 << 20) {
                    throw new Cut();
                }
                b.write(d, off, len);
            }
        };
        assertThrows(Cut.class, () -> Tar.write(Tar.scan(src), first1M, n -> {
        }, () -> false));
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(b.toByteArray()))) {
            TarArchiveEntry e = in.getNextEntry();
            assertEquals("huge.dat", e.getName());
            assertEquals(huge, e.getSize());
        }
    }
}
