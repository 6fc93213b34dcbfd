package org.namdrunner.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.CountingShell;
import org.namdrunner.cluster.JobFiles;
import org.namdrunner.cluster.LocalShell;
import org.namdrunner.cluster.ShellJobFiles;

/**
 * {@link JobFiles#tails} over this machine's shell: the ends of many files in one round trip, each with its own byte
 * count, missing files left out, a record-separator byte inside a file kept as its text, paths outside the job roots
 * refused.
 */
class FileTailsTest {

    @Test
    void endsOfManyFilesInOneRoundTrip(@TempDir Path root) throws Exception {
        Path a = Files.writeString(root.resolve("a.log"), "line 1\nline 2\nENERGY: 500 1 2\n");
        Path b = Files.writeString(root.resolve("b b.namd"), "run 1000\n");
        Path c = Files.writeString(root.resolve("c.log"), "x\u001e/not/a/path\nstill c\n");
        AtomicLong trips = new AtomicLong();
        ShellJobFiles f = new ShellJobFiles(new CountingShell(new LocalShell(), trips), List.of(root.toString()));
        Map<String, Integer> ask = new LinkedHashMap<>();
        ask.put(a.toString(), 16);
        ask.put(root.resolve("missing.log").toString(), 100);
        ask.put(b.toString(), 1000);
        ask.put(c.toString(), 1000);
        Map<String, String> got = f.tails(ask, new NullProgressMonitor());
        assertEquals(1, trips.get(), "one round trip");
        assertEquals(Map.of(a.toString(), "ENERGY: 500 1 2\n", b.toString(), "run 1000\n", c.toString(), "x\u001e/not/a/path\nstill c\n"),
                got);
        assertEquals(List.of(a.toString(), b.toString(), c.toString()), List.copyOf(got.keySet()), "in the order asked");
        assertEquals(Map.of(), f.tails(Map.of(), new NullProgressMonitor()));
        assertEquals(1, trips.get(), "nothing asked, nothing sent");
        assertThrows(ClusterException.class, () -> f.tails(Map.of("/etc/passwd", 10), new NullProgressMonitor()));
    }
}
