package org.namdrunner.cluster.gridengine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.Resources;
import org.namdrunner.cluster.StatusReport;
import org.namdrunner.cluster.gridengine.GridEngineDiscovery;
import org.namdrunner.cluster.gridengine.GridEngineProfileType;
import org.namdrunner.cluster.gridengine.GridEngineSession;
import org.namdrunner.cluster.ssh.SshConnectionContext;
import org.namdrunner.core.JobState;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.UserInteraction;
import org.namdrunner.testing.TestCluster;

/**
 * End to end on a real Grid Engine cell (scripts/test-gridengine: qmaster + execd on loopback) through the test
 * cluster's sshd and user (scripts/test-cluster), through the plugin's ClusterSession API only: create → upload →
 * submit (and a retried submit) → track → download, after-success dependencies kept by the plugin, discovery, cancel.
 * The NAMD stand-in comes from the test cluster's namd/3.0 module.
 */
@Tag("cluster")
class GridEngineIntegrationTest {
    static final IProgressMonitor M = new NullProgressMonitor();
    static Properties ge;
    static ClusterSession session;
    static final List<String> dirs = new ArrayList<>();

    static final String GOOD = "structure ion.psf\ncoordinates ion.pdb\ntemperature 310\noutputName x_out\ndcdfreq 10\n"
            + "restartfreq 20\noutputEnergies 10\nminimize 20\nrun 40\n";
    static final String BAD = GOOD.replace("ion.pdb", "missing.pdb");

    static Properties gridEngineProperties() {
        String path = System.getProperty("namdrunner.testgridengine");
        String hint = "start the Grid Engine test cell with `scripts/test-gridengine start` (as root; scripts/run-tests does this "
                + "together with `scripts/test-cluster start`, whose sshd and user the test logs in with)";
        if (path == null || path.isBlank()) {
            throw new AssertionError("System property namdrunner.testgridengine is not set: " + hint);
        }
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("Grid Engine test cell properties " + p + " not found: " + hint);
        }
        Properties pr = new Properties();
        try (Reader r = Files.newBufferedReader(p)) {
            pr.load(r);
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + p + ": " + e, e);
        }
        return pr;
    }

    /** A Grid Engine profile for the test cell: the test cluster's host, port, user, key and known_hosts. */
    static ProfileConfig profile() {
        Properties tc = TestCluster.properties();
        return ProfileConfig.builder("ge-it-" + UUID.randomUUID(), GridEngineProfileType.TYPE_ID).name("Grid Engine test cell")
                .host(tc.getProperty("host")).port(Integer.parseInt(tc.getProperty("port"))).userRule(tc.getProperty("user"))
                .projectRoot(tc.getProperty("projectRoot")).launcher(LauncherMode.PLUS_P).statusMinIntervalSeconds(0)
                .partition(new PartitionSpec(ge.getProperty("queue"), true, 1, 2, 2, 1, null, null, 5, 60, List.of()))
                .module(new NamdModule("namd/3.0", "3.0", "namd3")).defaultModule("namd/3.0")
                .property(GridEngineProfileType.PROP_PE, ge.getProperty("pe"))
                .property("keyFile", tc.getProperty("keyFile")).property("knownHosts", tc.getProperty("knownHosts"))
                .property("sshConfig", "none").build();
    }

    @BeforeAll
    static void connect() throws Exception {
        ge = gridEngineProperties();
        ProfileConfig p = profile();
        // the type is contributed by the plugin's plugin.xml, found through the registry like any installed plugin
        ClusterProfileRegistry registry = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository());
        try {
            session = registry.type(GridEngineProfileType.TYPE_ID).connect(p, new SshConnectionContext(UserInteraction.NONE, null, new CommandLog()), M);
        } catch (ClusterException e) {
            throw new AssertionError("Cannot log in to the test cluster's sshd (" + p.host() + ":" + p.port() + "): " + e.getMessage()
                    + " — start it with `scripts/test-cluster start` (as root)", e);
        }
        try {
            session.status(List.of("1"), true, M); // qstat answers
        } catch (ClusterException e) {
            throw new AssertionError("The Grid Engine test cell does not answer: " + e.getMessage()
                    + " — start it with `scripts/test-gridengine start` (as root)", e);
        }
    }

    @AfterAll
    static void cleanUp() {
        if (session != null) {
            for (String d : dirs) {
                try {
                    session.files().deleteTree(d, M);
                } catch (Exception e) {
                    // best effort
                }
            }
            session.close();
        }
    }

    /** Creates a job directory with input/ uploaded from {@code local}; returns it. */
    static String createJob(String name, Path local, String config) throws Exception {
        Files.createDirectories(local);
        Files.writeString(local.resolve("run.namd"), config);
        Files.writeString(local.resolve("ion.psf"), "PSF\n");
        Files.writeString(local.resolve("ion.pdb"), "ATOM\nEND\n");
        String dir = RemotePaths.join(session.projectRoot(), name + "-" + UUID.randomUUID());
        dirs.add(dir);
        session.files().mkdirs(M, RemotePaths.join(dir, JobScriptSpec.INPUT_DIR));
        for (String f : List.of("run.namd", "ion.psf", "ion.pdb")) {
            session.files().upload(local.resolve(f), RemotePaths.join(dir, JobScriptSpec.INPUT_DIR + "/" + f), M);
        }
        return dir;
    }

    static JobScriptSpec spec(String name, String dir, String token, String dependency) {
        return new JobScriptSpec(UUID.randomUUID().toString(), name, token,
                new Resources(ge.getProperty("queue"), null, null, 2, 1, null, 5), new NamdModule("namd/3.0", "3.0", "namd3"),
                "run.namd", dir, null, Map.of(), List.of(), dependency);
    }

    /** Polls the batched status of {@code ids} until all are terminal (a guard of 5 minutes against a hung cell). */
    static Map<String, JobStatus> track(List<String> ids) throws Exception {
        long end = System.nanoTime() + 300_000_000_000L;
        Map<String, JobStatus> last = new LinkedHashMap<>();
        while (System.nanoTime() < end) {
            StatusReport r = session.status(ids, true, M);
            last.putAll(r.statuses());
            if (ids.stream().allMatch(id -> last.containsKey(id) && last.get(id).state().isTerminal())) {
                return last;
            }
            Thread.sleep(1000);
        }
        fail("Grid Engine jobs did not all end within 5 minutes: " + last + " (is `scripts/test-gridengine status` fine?)");
        return last;
    }

    @Test
    void createUploadSubmitTrackDownloadWithDependencies(@TempDir Path tmp) throws Exception {
        GridEngineDiscovery.Found found = ((GridEngineSession) session).discoverAll(M);
        assertTrue(found.parallelEnvironments().contains(ge.getProperty("pe")), found.toString());
        assertTrue(found.result().partitions().stream().anyMatch(q -> q.name().equals(ge.getProperty("queue"))), found.toString());
        assertTrue(found.result().namd().stream().anyMatch(m -> m.module().equals("namd/3.0")), found.toString());

        String dirA = createJob("ge-ok", tmp.resolve("a"), GOOD);
        String dirF = createJob("ge-fail", tmp.resolve("f"), BAD);
        String dirB = createJob("ge-after-ok", tmp.resolve("b"), GOOD);
        String dirC = createJob("ge-after-failed", tmp.resolve("c"), GOOD);

        String token = "tok" + UUID.randomUUID().toString().replace("-", "");
        JobScriptSpec specA = spec("GE ok 'job' $(x)", dirA, token, null);
        String a = session.submit(specA, M);
        assertEquals(a, session.submit(specA, M), "a retried submit with the same token returns the first id, no second job");
        assertEquals(a, session.findBySubmitToken(token, M).orElseThrow());
        String f = session.submit(spec("GE failing job", dirF, "tokF" + UUID.randomUUID().toString().replace("-", ""), null), M);
        String b = session.submit(spec("GE after ok", dirB, null, "afterok:" + a), M);
        String c = session.submit(spec("GE after failed", dirC, null, "afterok:" + f), M);
        assertEquals(4, List.of(a, f, b, c).stream().distinct().count());

        long before = session.roundTrips();
        StatusReport first = session.status(List.of(a, f, b, c), true, M);
        assertEquals(before + 1, session.roundTrips(), "status of four jobs in one round trip");
        assertTrue(first.statuses().size() + first.missing().size() == 4, first.toString());

        Map<String, JobStatus> end = track(List.of(a, f, b, c));
        assertEquals(JobState.COMPLETED, end.get(a).state(), end.toString());
        assertEquals(JobState.FAILED, end.get(f).state(), end.toString());
        assertEquals(1, end.get(f).exitCode(), end.toString());
        assertEquals(JobState.COMPLETED, end.get(b).state(), "afterok of a successful job runs: " + end);
        assertEquals(JobState.CANCELLED, end.get(c).state(), "afterok of a failed job must not run NAMD: " + end);
        assertTrue(end.get(c).reason().contains("DependencyNeverSatisfied") && end.get(c).reason().contains("dependency " + f),
                end.get(c).reason());
        assertFalse(session.files().exists(RemotePaths.join(dirC, "output/x_out.coor"), M), "NAMD did not run after the failed job");

        Path down = tmp.resolve("download");
        List<String> files = session.files().list(dirA, M);
        assertTrue(files.contains("output/x_out.coor") && files.contains("logs/namd.log") && files.contains("logs/slurm-" + a + ".out"),
                files.toString());
        for (String rel : files) {
            session.files().download(RemotePaths.join(dirA, rel), down.resolve(rel), M);
        }
        String log = Files.readString(down.resolve("logs/namd.log"));
        assertTrue(log.contains("ENERGY:") && log.contains("WallClock:"), log);
        assertEquals("0", Files.readString(down.resolve("logs/namd.exitcode")).strip());
        assertTrue(Files.readString(down.resolve(JobScriptSpec.INPUT_DIR + "/run.namd")).equals(GOOD));
        assertTrue(Files.readString(down.resolve("job.sge")).contains("#$ -pe " + ge.getProperty("pe") + " 2"));
    }

    @Test
    void cancelStopsRunningAndHeldJobsAndUnknownIdsAreNoError(@TempDir Path tmp) throws Exception {
        String dir = createJob("ge-cancel", tmp.resolve("d"), "#standin: sleepPerStep 1\n" + GOOD.replace("run 40", "run 100000"));
        String d = session.submit(spec("GE long job", dir, null, null), M);
        long end = System.nanoTime() + 120_000_000_000L;
        JobStatus s = null;
        while (System.nanoTime() < end) {
            s = session.status(List.of(d), true, M).statuses().get(d);
            if (s != null && s.state() == JobState.RUNNING) {
                break;
            }
            Thread.sleep(500);
        }
        assertEquals(JobState.RUNNING, s == null ? null : s.state(), "the long job should start: " + s);
        String held = session.submit(spec("GE held job", createJob("ge-held", tmp.resolve("e"), GOOD), null, "afterok:" + d), M);
        assertEquals(JobState.PENDING, session.status(List.of(held), true, M).statuses().get(held).state());
        session.cancel(List.of(d, held, "999999"), M);
        Map<String, JobStatus> after = track(List.of(d, held));
        assertEquals(JobState.CANCELLED, after.get(d).state(), after.toString());
        assertEquals(JobState.CANCELLED, after.get(held).state(), "deleted while held: no accounting record, still CANCELLED: " + after);
        assertEquals("cancelled before it started", after.get(held).reason());
    }
}
