package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.JobLifecycle;
import org.namdrunner.automation.JobRecorder;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.slurm.SlurmProfileType;
import org.namdrunner.cluster.slurm.SshConnectionContext;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.UserInteraction;
import org.namdrunner.store.Store;

/**
 * Access to the project's test cluster for integration tests: reads the properties named by
 * {@code namdrunner.testcluster} and FAILS with a clear message when they are missing.
 */
final class TestClusterHarness {
    static final String PRESET_ID = "org.namdrunner.cluster.slurm.testcluster";
    static final CommandLog LOG = new CommandLog();

    private TestClusterHarness() {
    }

    static Properties props() {
        String path = System.getProperty("namdrunner.testcluster");
        if (path == null || path.isBlank()) {
            fail("System property namdrunner.testcluster is not set: run the tests with scripts/run-tests (it starts the "
                    + "test cluster) or pass -Dnamdrunner.testcluster=.../cluster.properties");
        }
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
            fail("Test cluster properties " + p + " not found: start the test cluster with `scripts/test-cluster start`");
        }
        Properties pr = new Properties();
        try (Reader r = Files.newBufferedReader(p)) {
            pr.load(r);
        } catch (IOException e) {
            fail("Cannot read " + p + ": " + e);
        }
        return pr;
    }

    /** The shipped preset for the test cluster, duplicated with this run's key/known_hosts and a 0 s status interval. */
    static ProfileConfig profile() throws ClusterException {
        Properties pr = props();
        ClusterProfileRegistry reg = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository());
        ProfileConfig preset = reg.get(PRESET_ID);
        return preset.toBuilder().id("test-" + UUID.randomUUID()).preset(false).host(pr.getProperty("host"))
                .port(Integer.parseInt(pr.getProperty("port"))).userRule(pr.getProperty("user"))
                .statusMinIntervalSeconds(0).property("keyFile", pr.getProperty("keyFile"))
                .property("knownHosts", pr.getProperty("knownHosts")).property("sshConfig", "none").build();
    }

    static ClusterSession connect(ProfileConfig profile) throws ClusterException {
        return new SlurmProfileType().connect(profile, new SshConnectionContext(UserInteraction.NONE, null, LOG),
                new NullProgressMonitor());
    }

    static Store newStore(String name) {
        Path dir = Path.of(System.getProperty("namdrunner.data", System.getProperty("java.io.tmpdir")), name + "-" + UUID.randomUUID());
        return Store.open(dir);
    }

    static JobLifecycle lifecycle() {
        return new JobLifecycle(AutomationStepRegistry.fromExtensions());
    }

    static JobRecorder recorder(Store store) {
        return new JobRecorder(store);
    }

    /** A NAMD config for the stand-in: {@code steps} steps, sleeping {@code sleep} s per step. */
    static String config(int steps, double sleep) {
        return String.join("\n", "#standin: sleepPerStep " + sleep, "structure <<structure>>", "outputName <<outputName>>",
                "temperature <<temperature>>", "langevinTemp <<temperature>>", "dcdfreq 2", "restartfreq 5", "outputEnergies 1",
                "minimize 2", "run " + steps, "");
    }

    static List<String> terminalNames() {
        return List.of("COMPLETED", "FAILED", "CANCELLED", "TIMEOUT");
    }
}
