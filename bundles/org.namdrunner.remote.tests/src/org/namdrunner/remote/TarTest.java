package org.namdrunner.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

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
}
