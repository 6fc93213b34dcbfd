package org.namdrunner.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.LocalShell;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.SharedInputs;
import org.namdrunner.cluster.ShellJobFiles;

/**
 * Inputs shared on the cluster (issue 18): the decision logic of {@link SharedInputs} (what to send, what to link,
 * which store), and {@link ShellJobFiles#uploadInputs} over this machine's shell (sh, realpath, ln, sha256sum): the
 * second job with the same inputs sends nothing, its inputs are hard links of the first job's, a corrupt upload never
 * gets a digest name, and deleting one job leaves the other's inputs intact.
 */
class SharedInputsTest {
    static final IProgressMonitor M = new NullProgressMonitor();
    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);
    static final String C = "c".repeat(64);

    @Test
    void eachMissingContentIsSentOnceAndEveryInputIsLinked() {
        Map<Path, String> d = new LinkedHashMap<>();
        d.put(Path.of("/in/mol.psf"), A);
        d.put(Path.of("/in/copy-of-mol.psf"), A);
        d.put(Path.of("/in/par.prm"), B);
        d.put(Path.of("/in/mol.pdb"), C);
        SharedInputs.Plan p = SharedInputs.plan(d, "/r/job/input", Set.of(B));
        assertEquals(Map.of(A, Path.of("/in/mol.psf"), C, Path.of("/in/mol.pdb")), p.toSend(), "A once, B exists already");
        assertEquals(List.of("/r/job/input/mol.psf", "/r/job/input/copy-of-mol.psf", "/r/job/input/par.prm", "/r/job/input/mol.pdb"),
                List.copyOf(p.links().keySet()));
        assertEquals(List.of(A, A, B, C), List.copyOf(p.links().values()));
        assertTrue(SharedInputs.plan(d, "/r/job/input", Set.of(A, B, C)).toSend().isEmpty(), "all on the server: nothing to send");
    }

    @Test
    void ofTwoInputsWithOneNameTheLastIsLinkedAndOnlyItIsSent() {
        Map<Path, String> d = new LinkedHashMap<>();
        d.put(Path.of("/one/mol.pdb"), A);
        d.put(Path.of("/two/mol.pdb"), B);
        SharedInputs.Plan p = SharedInputs.plan(d, "/r/j/input", Set.of());
        assertEquals(Map.of("/r/j/input/mol.pdb", B), p.links());
        assertEquals(Map.of(B, Path.of("/two/mol.pdb")), p.toSend());
    }

    @Test
    void theStoreIsInTheRootHoldingTheJobAndNothingOutsideTheRoots() throws ClusterException {
        List<String> roots = List.of("/projects/u/jobs", "/scratch/u/jobs", "/projects/u/jobs/nested");
        assertEquals("/projects/u/jobs/.namdrunner/inputs", SharedInputs.storeDir("/projects/u/jobs/j1/input", roots));
        assertEquals("/scratch/u/jobs/.namdrunner/inputs", SharedInputs.storeDir("/scratch/u/jobs/j1/input", roots));
        assertEquals("/projects/u/jobs/nested/.namdrunner/inputs", SharedInputs.storeDir("/projects/u/jobs/nested/j/input", roots),
                "the innermost root");
        assertThrows(ClusterException.class, () -> SharedInputs.storeDir("/home/u/j1/input", roots));
        assertThrows(ClusterException.class, () -> SharedInputs.storeDir("/projects/u/jobs/../../etc", roots));
    }

    @Test
    void theServersAnswerIsReadAsDigestsOnly() {
        assertEquals(Set.of(A, B), SharedInputs.parseExisting(A + "\n" + B + "\r\nnot a digest\n" + "A".repeat(64) + "\n\n"));
        assertThrows(IllegalArgumentException.class, () -> SharedInputs.plan(Map.of(Path.of("/x"), "../../x"), "/r/j", Set.of()));
    }

    /** A shell on this machine that counts uploads and can flip a byte of what it uploads. */
    static final class Shell extends LocalShell {
        final List<String> uploads = new ArrayList<>();
        boolean corrupt;

        @Override
        public void upload(Path local, String remotePath, IProgressMonitor monitor) throws ClusterException {
            uploads.add(remotePath);
            super.upload(local, remotePath, monitor);
            if (corrupt) {
                try {
                    byte[] b = Files.readAllBytes(Path.of(remotePath));
                    b[0] ^= 1;
                    Files.write(Path.of(remotePath), b);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Test
    void theSecondJobSendsNothingAndGetsHardLinks(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("local"));
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.write(in.resolve("mol.psf"), new byte[] {1, 2, 3});
        Files.writeString(in.resolve("mol.pdb"), "ATOM\n");
        Files.writeString(in.resolve("same.pdb"), "ATOM\n");
        List<Path> files = List.of(in.resolve("mol.psf"), in.resolve("mol.pdb"), in.resolve("same.pdb"));
        Shell shell = new Shell();
        ShellJobFiles f = new ShellJobFiles(shell, List.of(root.toString()));
        for (String j : List.of("j1", "j2")) {
            Files.createDirectories(root.resolve(j).resolve("input"));
        }
        SharedInputs.Outcome first = f.uploadInputs(files, root.resolve("j1/input").toString(), M);
        assertEquals(new SharedInputs.Outcome(3, 2, 3 + 5, 0), first, "two distinct contents sent, 8 bytes");
        assertEquals(2, shell.uploads.size());
        SharedInputs.Outcome second = f.uploadInputs(files, root.resolve("j2/input").toString(), M);
        assertEquals(new SharedInputs.Outcome(3, 0, 0, 0), second);
        assertEquals(2, shell.uploads.size(), "nothing uploaded for the second job");
        for (Path p : files) {
            Path a = root.resolve("j1/input").resolve(p.getFileName());
            Path b = root.resolve("j2/input").resolve(p.getFileName());
            assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(b));
            assertEquals(Files.getAttribute(a, "unix:ino"), Files.getAttribute(b, "unix:ino"), p + " is one file on the cluster");
        }
        Path store = root.resolve(SharedInputs.STORE_DIR);
        try (Stream<Path> s = Files.list(store)) {
            assertEquals(2, s.count(), "two objects, no temporary names left");
        }
        // again into j1 (a retried step): nothing sent, nothing changed
        assertEquals(new SharedInputs.Outcome(3, 0, 0, 0), f.uploadInputs(files, root.resolve("j1/input").toString(), M));
        try (Stream<Path> s = Files.list(root.resolve("j1/input"))) {
            assertEquals(3, s.count(), "no temporary link names left");
        }
        // deleting job 1 removes its links, not the data job 2 links
        f.deleteTree(root.resolve("j1").toString(), M);
        assertFalse(Files.exists(root.resolve("j1")));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(root.resolve("j2/input/mol.psf")));
    }

    @Test
    void aCorruptUploadNeverGetsItsDigestNameNorReachesTheJob(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("local"));
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(in.resolve("mol.pdb"), "ATOM 1\n");
        Files.createDirectories(root.resolve("j1/input"));
        Shell shell = new Shell();
        shell.corrupt = true;
        ShellJobFiles f = new ShellJobFiles(shell, List.of(root.toString()));
        ClusterException e = assertThrows(ClusterException.class,
                () -> f.uploadInputs(List.of(in.resolve("mol.pdb")), root.resolve("j1/input").toString(), M));
        assertTrue(e.getMessage().contains("expected"), e.getMessage());
        try (Stream<Path> s = Files.list(root.resolve(SharedInputs.STORE_DIR))) {
            assertEquals(List.of(), s.toList(), "neither the object nor its temporary upload is left");
        }
        assertFalse(Files.exists(root.resolve("j1/input/mol.pdb")));
        // a good upload afterwards works
        shell.corrupt = false;
        assertEquals(1, f.uploadInputs(List.of(in.resolve("mol.pdb")), root.resolve("j1/input").toString(), M).sent());
        assertEquals("ATOM 1\n", Files.readString(root.resolve("j1/input/mol.pdb")));
    }

    @Test
    void aStoreThatIsASymlinkOutOfTheRootIsRefused(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(root.resolve(".namdrunner"), elsewhere);
        Files.createDirectories(root.resolve("j1/input"));
        Path in = Files.writeString(tmp.resolve("mol.pdb"), "x");
        ShellJobFiles f = new ShellJobFiles(new Shell(), List.of(root.toString()));
        ClusterException e = assertThrows(ClusterException.class,
                () -> f.uploadInputs(List.of(in), RemotePaths.join(root.toString(), "j1/input"), M));
        assertTrue(e.getMessage().contains("outside the job roots"), e.getMessage());
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertEquals(List.of(), s.toList(), "nothing created outside the root");
        }
    }
}
