package org.namdrunner.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transfers, listing and confinement against the real test cluster. */
@Tag("cluster")
class TransferIntegrationTest {
    static final long MB = 1024 * 1024;

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    static RemoteConnection conn;
    static RemoteFiles files;
    static Transfers transfers;
    static String base;
    final NullProgressMonitor monitor = new NullProgressMonitor();

    @BeforeAll
    static void connect() throws Exception {
        ConnectionSettings s = TestCluster.settings(shared, AuthMethod.PUBLIC_KEY).commandsPerSecond(50).build();
        conn = TestCluster.connect(s, UserInteraction.NONE, null);
        files = new RemoteFiles(conn);
        transfers = new Transfers(conn, files);
        base = TestCluster.get("projectRoot") + "/it-transfer-" + UUID.randomUUID();
        files.mkdirs(base, new NullProgressMonitor());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (conn != null) {
            files.delete(base, new NullProgressMonitor());
            conn.close();
        }
    }

    static Path randomFile(Path p, long size, long seed) throws IOException {
        Random rnd = new Random(seed);
        byte[] buf = new byte[(int) MB];
        try (OutputStream out = Files.newOutputStream(p)) {
            long left = size;
            while (left > 0) {
                rnd.nextBytes(buf);
                int n = (int) Math.min(buf.length, left);
                out.write(buf, 0, n);
                left -= n;
            }
        }
        return p;
    }

    /** A connection through a loopback proxy the test can cut. */
    RemoteConnection viaProxy(TcpProxy proxy) throws IOException {
        Path known = tmp.resolve("known_hosts_proxy");
        Files.writeString(known, Files.readString(Path.of(TestCluster.get("knownHosts"))).replace(
                "[" + TestCluster.host() + "]:" + TestCluster.port(), "[" + TestCluster.host() + "]:" + proxy.port()));
        ConnectionSettings s = TestCluster.settings(tmp, AuthMethod.PUBLIC_KEY).port(proxy.port()).knownHostsFile(known)
                .commandsPerSecond(50).build();
        return TestCluster.connect(s, UserInteraction.NONE, null);
    }

    @Test
    void uploadAndDownload200MBWithChecksumMatch() throws Exception {
        Path local = randomFile(tmp.resolve("big.bin"), 200 * MB, 1);
        String localSha = Transfers.sha256Local(local, null);
        String remote = base + "/big.bin";
        Transfers.Result up = transfers.upload(local, remote, monitor);
        assertTrue(up.verified());
        assertEquals(localSha, up.sha256());
        assertEquals(200 * MB, up.bytes());
        assertEquals(localSha, files.sha256(remote, monitor), "remote sha256sum matches");
        assertEquals(null, files.stat(remote + Transfers.PART_SUFFIX, monitor), "part file renamed");
        Path back = tmp.resolve("back.bin");
        Transfers.Result down = transfers.download(remote, back, monitor);
        assertEquals(localSha, down.sha256());
        assertEquals(localSha, Transfers.sha256Local(back, null));
        assertFalse(Files.exists(tmp.resolve("back.bin" + Transfers.PART_SUFFIX)));
        files.delete(remote, monitor);
        assertEquals(null, files.stat(remote, monitor));
    }

    @Test
    void uploadKilledMidwayResumesFromTheRemoteSizeAndVerifies() throws Exception {
        long size = 48 * MB;
        Path local = randomFile(tmp.resolve("resume.bin"), size, 2);
        String remote = base + "/resume.bin";
        try (TcpProxy proxy = new TcpProxy(TestCluster.host(), TestCluster.port());
                RemoteConnection c = viaProxy(proxy)) {
            c.connect(monitor);
            proxy.killAfterUpstreamBytes(20 * MB);
            long before = System.nanoTime();
            Transfers.Result r = new Transfers(c).upload(local, remote, monitor);
            assertTrue(System.nanoTime() > before);
            assertEquals(1, proxy.kills(), "the proxy cut the connection once");
            assertTrue(r.resumes() >= 1, "resumed: " + r);
            assertTrue(r.resumedFrom() > 8 * MB, "continued from the remote size, not from zero: " + r.resumedFrom());
            assertEquals(Transfers.sha256Local(local, null), r.sha256());
            assertTrue(c.getLoginCount() >= 2, "reconnected");
            assertTrue(TestCluster.LOG.entries().stream().anyMatch(e -> e.kind() == CommandLogEntry.Kind.TRANSFER
                    && e.command().startsWith("resuming upload of " + remote)));
        }
        assertEquals(Transfers.sha256Local(local, null), files.sha256(remote, monitor));
    }

    @Test
    void downloadKilledMidwayResumesFromTheLocalSizeAndVerifies() throws Exception {
        long size = 48 * MB;
        Path local = randomFile(tmp.resolve("src.bin"), size, 3);
        String remote = base + "/down-resume.bin";
        transfers.upload(local, remote, monitor);
        try (TcpProxy proxy = new TcpProxy(TestCluster.host(), TestCluster.port());
                RemoteConnection c = viaProxy(proxy)) {
            c.connect(monitor);
            proxy.killAfterDownstreamBytes(20 * MB);
            Path dst = tmp.resolve("dst.bin");
            Transfers.Result r = new Transfers(c).download(remote, dst, monitor);
            assertEquals(1, proxy.kills());
            assertTrue(r.resumes() >= 1, r.toString());
            assertTrue(r.resumedFrom() > 8 * MB, "continued from the local size: " + r.resumedFrom());
            assertEquals(Transfers.sha256Local(local, null), Transfers.sha256Local(dst, null));
        }
    }

    @Test
    void cancelledUploadKeepsThePartAndTheNextUploadResumes() throws Exception {
        Path local = randomFile(tmp.resolve("cancel.bin"), 32 * MB, 4);
        String remote = base + "/cancel.bin";
        NullProgressMonitor cancelling = new NullProgressMonitor() {
            long worked;

            @Override
            public void worked(int work) {
                worked += work;
                if (worked >= 10) { // 10 of 100 ticks: a few MiB sent
                    setCanceled(true);
                }
            }
        };
        // the upload starts with a reconnect (JSch's connect reports on the monitor it gets: that must not
        // eat the transfer's progress share and cancel it before a byte is sent)
        conn.markBroken(conn.session(monitor));
        RemoteException e = assertThrows(RemoteException.class, () -> transfers.upload(local, remote, cancelling));
        assertEquals(RemoteErrorKind.CANCELLED, e.getKind(), e.getMessage());
        RemoteFileInfo part = files.stat(remote + Transfers.PART_SUFFIX, monitor);
        assertNotNull(part, "part file kept");
        assertTrue(part.size() > 0 && part.size() < 32 * MB, "partial: " + part.size());
        Transfers.Result r = transfers.upload(local, remote, monitor);
        assertTrue(r.resumedFrom() > 0, "resumed from the part: " + r);
        assertEquals(Transfers.sha256Local(local, null), r.sha256());
    }

    /** Flips the byte at stream position {@code at} of transfers in one direction (once per transfer). */
    static Transfers.TransitHook flipAt(boolean upload, long at) {
        long[] seen = { 0 };
        return (up, remote, buf, off, len) -> {
            if (up == upload && seen[0] <= at && at < seen[0] + len) {
                buf[off + (int) (at - seen[0])] ^= 0x01;
            }
            if (up == upload) {
                seen[0] += len;
            }
        };
    }

    @Test
    void aByteFlippedInTransitIsCaughtOnUploadAndOnDownload() throws Exception {
        // 20 MB: above Transfers.PYTHON_FROM_BYTES (the one-process hasher); the part test below uses 6 MB (tee)
        Path local = randomFile(tmp.resolve("flip.bin"), 20 * MB, 11);
        String remote = base + "/flip.bin";
        Transfers corruptUp = new Transfers(conn, files).transitHookForTests(flipAt(true, 3 * MB + 7));
        RemoteException up = assertThrows(RemoteException.class, () -> corruptUp.upload(local, remote, monitor));
        assertEquals(RemoteErrorKind.CHECKSUM_MISMATCH, up.getKind(), up.getMessage());
        assertEquals(null, files.stat(remote, monitor), "nothing under the final name");
        assertEquals(null, files.stat(remote + Transfers.PART_SUFFIX, monitor), "the corrupt part was removed");

        assertEquals(Transfers.sha256Local(local, null), transfers.upload(local, remote, monitor).sha256());
        Path back = tmp.resolve("flip.back");
        Transfers corruptDown = new Transfers(conn, files).transitHookForTests(flipAt(false, 5 * MB + 1));
        RemoteException down = assertThrows(RemoteException.class, () -> corruptDown.download(remote, back, monitor));
        assertEquals(RemoteErrorKind.CHECKSUM_MISMATCH, down.getKind(), down.getMessage());
        assertFalse(Files.exists(back), "nothing under the final name");
        assertFalse(Files.exists(tmp.resolve("flip.back" + Transfers.PART_SUFFIX)), "the corrupt part was removed");
        // the same transfers without the flip verify (the hook is what broke them)
        assertEquals(Transfers.sha256Local(local, null), transfers.download(remote, back, monitor).sha256());
    }

    /** 6 MB: below Transfers.PYTHON_FROM_BYTES, so the server side is the tee pipeline. */
    @Test
    void aByteFlippedInAPartOnEitherSideIsCaughtWhenResuming() throws Exception {
        Path local = randomFile(tmp.resolve("part.bin"), 6 * MB, 12);
        byte[] all = Files.readAllBytes(local);
        // download: a local part whose prefix differs in one byte from the server's file
        String remote = base + "/part-down.bin";
        transfers.upload(local, remote, monitor);
        Path dst = tmp.resolve("part.back");
        byte[] prefix = java.util.Arrays.copyOf(all, (int) (2 * MB));
        prefix[12345] ^= 0x40;
        Files.write(tmp.resolve("part.back" + Transfers.PART_SUFFIX), prefix);
        RemoteException down = assertThrows(RemoteException.class, () -> transfers.download(remote, dst, monitor));
        assertEquals(RemoteErrorKind.CHECKSUM_MISMATCH, down.getKind(), down.getMessage());
        assertFalse(Files.exists(dst));

        // upload: a part on the server whose prefix differs in one byte from the local file
        String target = base + "/part-up.bin";
        Path prefixFile = Files.write(tmp.resolve("prefix.bin"), prefix);
        Transfers raw = new Transfers(conn, files).setVerify(false);
        raw.upload(prefixFile, target + Transfers.PART_SUFFIX, monitor);
        RemoteException up = assertThrows(RemoteException.class, () -> transfers.upload(local, target, monitor));
        assertEquals(RemoteErrorKind.CHECKSUM_MISMATCH, up.getKind(), up.getMessage());
        assertTrue(TestCluster.LOG.entries().stream().anyMatch(e -> e.kind() == CommandLogEntry.Kind.TRANSFER
                && e.command().startsWith("resuming upload of " + target)), "it did resume from the part");
        assertEquals(null, files.stat(target, monitor));
        // with the part gone, the upload starts over and verifies
        assertEquals(Transfers.sha256Local(local, null), transfers.upload(local, target, monitor).sha256());
    }

    static Path filesTree(Path root, int count, int size, long seed) throws IOException {
        Files.createDirectories(root);
        for (int i = 0; i < count; i++) {
            randomFile(root.resolve("f" + i + ".bin"), size, seed + i);
        }
        return root;
    }

    @Test
    void folderTarStreamsAreVerifiedPerFileAndAFlippedByteIsCaught() throws Exception {
        // only files of 64 KiB at the top: byte 512 + 40,000 of the stream is inside the first file's data
        Path src = filesTree(tmp.resolve("flipdir"), 30, 64 * 1024, 20);
        String remote = base + "/flipdir";
        Transfers corruptUp = new Transfers(conn, files).transitHookForTests(flipAt(true, 512 + 40_000));
        RemoteException up = assertThrows(RemoteException.class,
                () -> corruptUp.uploadDirectory(src, remote, Transfers.Strategy.TAR, monitor));
        assertEquals(RemoteErrorKind.CHECKSUM_MISMATCH, up.getKind(), up.getMessage());
        assertTrue(up.getMessage().contains("1 file(s) differ"), up.getMessage());
        assertEquals(29, files.list(remote, monitor).size(), "the corrupt file was removed, the 29 others kept");

        Transfers.Result ok = transfers.uploadDirectory(src, remote, Transfers.Strategy.TAR, monitor);
        assertEquals(30, ok.files());
        Path back = tmp.resolve("flipback");
        Transfers corruptDown = new Transfers(conn, files).transitHookForTests(flipAt(false, 512 + 40_000));
        RemoteException down = assertThrows(RemoteException.class,
                () -> corruptDown.downloadDirectory(remote, back, Transfers.Strategy.TAR, monitor));
        assertEquals(RemoteErrorKind.CHECKSUM_MISMATCH, down.getKind(), down.getMessage());
        assertTrue(down.getMessage().contains("1 file(s) differ"), down.getMessage());
        try (var l = Files.list(back)) {
            assertEquals(29, l.count(), "the corrupt file is not kept (nor its part)");
        }
        // the next attempt fetches only the missing file and verifies
        Transfers.Result again = transfers.downloadDirectory(remote, back, Transfers.Strategy.TAR, monitor);
        assertEquals(30, again.files());
        TarTest.assertSameTree(src, back);
    }

    @Test
    void folderDownloadCutMidwayResumesAtTheFileWhereItStopped() throws Exception {
        Path src = filesTree(tmp.resolve("cutdown"), 200, 128 * 1024, 30);
        String remote = base + "/cutdown";
        transfers.uploadDirectory(src, remote, Transfers.Strategy.TAR, monitor);
        try (TcpProxy proxy = new TcpProxy(TestCluster.host(), TestCluster.port());
                RemoteConnection c = viaProxy(proxy)) {
            c.connect(monitor);
            proxy.killAfterDownstreamBytes(10 * MB);
            Path back = tmp.resolve("cutdown-back");
            Transfers.Result r = new Transfers(c).downloadDirectory(remote, back, Transfers.Strategy.TAR, monitor);
            assertEquals(1, proxy.kills(), "the proxy cut the connection once");
            assertTrue(r.resumes() >= 1, r.toString());
            assertTrue(r.resumedFrom() >= 40 && r.resumedFrom() < 200,
                    "resumed after the files already verified, not from zero: " + r.resumedFrom());
            assertEquals(200, r.files());
            TarTest.assertSameTree(src, back);
        }
    }

    /** Issue 18's fault trials found partial logs under their names after a cut per-file folder download. */
    @Test
    void perFileFolderDownloadCutMidFileLeavesNoPartialFileUnderItsName() throws Exception {
        Path src = filesTree(tmp.resolve("cutsftp"), 8, (int) (2 * MB), 50);
        String remote = base + "/cutsftp";
        transfers.uploadDirectory(src, remote, Transfers.Strategy.TAR, monitor);
        Path back = tmp.resolve("cutsftp-back");
        try (TcpProxy proxy = new TcpProxy(TestCluster.host(), TestCluster.port());
                RemoteConnection c = viaProxy(proxy)) {
            c.connect(monitor);
            proxy.killAfterDownstreamBytes(5 * MB); // inside the third of eight files
            assertThrows(RemoteException.class, () -> new Transfers(c).downloadDirectory(remote, back, Transfers.Strategy.SFTP, monitor));
            assertEquals(1, proxy.kills(), "the proxy cut the connection once");
        }
        int whole = 0;
        try (var files = Files.list(back)) {
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(Transfers.PART_SUFFIX)) {
                    continue;
                }
                assertEquals(Transfers.sha256Local(src.resolve(n), null), Transfers.sha256Local(p, null), n + " is whole or absent");
                whole++;
            }
        }
        assertTrue(whole < 8, "the cut came before the end: " + whole + " files");
        // and again without a cut: everything, nothing left over
        transfers.downloadDirectory(remote, back, Transfers.Strategy.SFTP, monitor);
        TarTest.assertSameTree(src, back);
    }

    @Test
    void folderUploadCutMidwayResumesAtTheFileWhereItStopped() throws Exception {
        Path src = filesTree(tmp.resolve("cutup"), 200, 128 * 1024, 40);
        String remote = base + "/cutup";
        try (TcpProxy proxy = new TcpProxy(TestCluster.host(), TestCluster.port());
                RemoteConnection c = viaProxy(proxy)) {
            c.connect(monitor);
            proxy.killAfterUpstreamBytes(10 * MB);
            Transfers.Result r = new Transfers(c).uploadDirectory(src, remote, Transfers.Strategy.TAR, monitor);
            assertEquals(1, proxy.kills(), "the proxy cut the connection once");
            assertTrue(r.resumes() >= 1, r.toString());
            assertTrue(r.resumedFrom() >= 40 && r.resumedFrom() < 200,
                    "resumed after the files already verified there: " + r.resumedFrom());
        }
        Path back = tmp.resolve("cutup-back");
        transfers.downloadDirectory(remote, back, Transfers.Strategy.TAR, monitor);
        TarTest.assertSameTree(src, back);
        assertEquals(List.of(), files.list(remote, monitor).stream().map(RemoteFileInfo::name)
                .filter(n -> n.startsWith(".nrverify") || n.endsWith(Transfers.PART_SUFFIX)).toList(),
                "no manifest or part left behind");
    }

    @Test
    void directoriesBothStrategiesBothDirections() throws Exception {
        Path src = tmp.resolve("tree");
        TarTest.makeTree(src, 150, 5);
        for (Transfers.Strategy s : List.of(Transfers.Strategy.TAR, Transfers.Strategy.SFTP)) {
            String remote = base + "/tree-" + s;
            Transfers.Result up = transfers.uploadDirectory(src, remote, s, monitor);
            assertEquals(150, up.files());
            assertTrue(up.verified());
            Path back = tmp.resolve("back-" + s);
            Transfers.Result down = transfers.downloadDirectory(remote, back, s, monitor);
            assertEquals(150, down.files());
            TarTest.assertSameTree(src, back);
        }
        // listing for browsing
        List<RemoteFileInfo> list = files.list(base + "/tree-TAR", monitor);
        assertTrue(list.get(0).isDirectory(), "directories first: " + list);
        RemoteFileInfo f0 = list.stream().filter(x -> x.name().startsWith("f0 ")).findFirst().orElseThrow();
        assertEquals(RemoteFileInfo.Type.FILE, f0.type());
        assertEquals(Files.size(src.resolve(f0.name())), f0.size());
        assertTrue(f0.modified().getEpochSecond() > 0);
        assertTrue(f0.permissions().startsWith("-rw"), f0.permissions());
    }

    /** The test cluster mounts a 2 MiB tmpfs inside the job root (scripts/test-cluster: fullDiskDir). */
    @Test
    void uploadsIntoAFullFileSystemFailAsDiskFullAndLoseNothing() throws Exception {
        String full = TestCluster.get("fullDiskDir") + "/it-" + UUID.randomUUID();
        files.mkdirs(full, monitor);
        try {
            Path local = randomFile(tmp.resolve("big.bin"), 6 * MB, 8);
            String sha = Transfers.sha256Local(local, null);
            RemoteException e = assertThrows(RemoteException.class, () -> transfers.upload(local, full + "/big.bin", monitor));
            assertEquals(RemoteErrorKind.DISK_FULL, e.getKind(), e.getMessage());
            assertTrue(e.getMessage().contains("big.bin") && e.getMessage().toLowerCase().contains("no space left"),
                    "names the file and the cause: " + e.getMessage());
            assertEquals(sha, Transfers.sha256Local(local, null), "the local file is untouched");
            assertEquals(null, files.stat(full + "/big.bin", monitor), "no truncated file under the final name");

            Path tree = tmp.resolve("tree");
            TarTest.makeTree(tree, 40, 9);
            Files.write(tree.resolve("filler.bin"), new byte[(int) (3 * MB)]);
            RemoteException t = assertThrows(RemoteException.class,
                    () -> transfers.uploadDirectory(tree, full + "/tree", Transfers.Strategy.TAR, monitor));
            assertEquals(RemoteErrorKind.DISK_FULL, t.getKind(), t.getMessage());
        } finally {
            files.delete(full, monitor);
        }
        // once space is back, uploads work again
        Path small = randomFile(tmp.resolve("small.bin"), 100 * 1024, 10);
        String again = TestCluster.get("fullDiskDir") + "/it-again-" + UUID.randomUUID() + ".bin";
        assertEquals(Transfers.sha256Local(small, null), transfers.upload(small, again, monitor).sha256());
        files.delete(again, monitor);
    }

    @Test
    void uploadsOutsideTheJobRootsAreRefused() throws Exception {
        Path local = randomFile(tmp.resolve("x.bin"), 10, 6);
        for (String bad : List.of("/tmp/x.bin", base + "/../../../../tmp/x.bin")) {
            RemoteException e = assertThrows(RemoteException.class, () -> transfers.upload(local, bad, monitor));
            assertEquals(RemoteErrorKind.PATH_NOT_ALLOWED, e.getKind());
        }
    }

    @Test
    void deleteIsConfinedAgainstDotDotAndSymlinkEscapes() throws Exception {
        String outside = "/tmp/nr-outside-" + UUID.randomUUID();
        String dir = base + "/confine";
        conn.exec(CommandLine.of("mkdir").arg("-p").endOfOptions().arg(outside).arg(dir + "/inner")
                .and(CommandLine.of("touch").endOfOptions().arg(outside + "/precious").arg(dir + "/inner/ok"))
                .and(CommandLine.of("ln").arg("-s").endOfOptions().arg(outside).arg(dir + "/escape"))
                .and(CommandLine.of("ln").arg("-s").endOfOptions().arg(dir + "/inner").arg(dir + "/innerlink")),
                monitor).requireSuccess("setup");
        try {
            for (String bad : List.of(dir + "/escape", dir + "/escape/precious", dir + "/escape/",
                    dir + "/../../../../.." + outside, outside, dir + "/../../../../tmp",
                    TestCluster.get("projectRoot"), TestCluster.get("scratchRoot"))) {
                RemoteException e = assertThrows(RemoteException.class, () -> files.delete(bad, monitor), bad);
                assertEquals(RemoteErrorKind.PATH_NOT_ALLOWED, e.getKind(), bad + ": " + e.getMessage());
            }
            RemoteException e = assertThrows(RemoteException.class, () -> files.delete(dir + "/escape", monitor));
            assertTrue(e.getMessage().contains(outside), "names where it resolves: " + e.getMessage());
            assertNotNull(files.stat(outside + "/precious", monitor), "nothing outside was touched");
            // a link inside the roots that points inside is removed as a link, its target is kept
            files.delete(dir + "/innerlink", monitor);
            assertEquals(null, files.stat(dir + "/innerlink", monitor));
            assertNotNull(files.stat(dir + "/inner/ok", monitor));
            // a normal directory inside the roots is deleted
            files.delete(dir, monitor);
            assertEquals(null, files.stat(dir, monitor));
            assertNotNull(files.stat(outside + "/precious", monitor), "still nothing outside was touched");
            assertEquals(RemoteErrorKind.NOT_FOUND,
                    assertThrows(RemoteException.class, () -> files.delete(dir, monitor)).getKind());
        } finally {
            conn.exec(CommandLine.of("rm").arg("-rf").endOfOptions().arg(outside), monitor);
        }
    }
}
