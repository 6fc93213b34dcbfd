package org.namdrunner.automation.tests;

import java.util.List;
import java.util.Properties;

import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.JobLifecycle;
import org.namdrunner.automation.JobRecorder;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.store.Store;
import org.namdrunner.testing.TestCluster;

/**
 * Access to the project's test cluster for integration tests (through {@link TestCluster}, which FAILS with a clear
 * message when the cluster properties are missing), plus this fragment's lifecycle helpers.
 */
final class TestClusterHarness {
    static final String PRESET_ID = TestCluster.PRESET_ID;
    static final CommandLog LOG = new CommandLog();

    private TestClusterHarness() {
    }

    static Properties props() {
        return TestCluster.properties();
    }

    /** The shipped preset for the test cluster, duplicated with this run's key/known_hosts and a 0 s status interval. */
    static ProfileConfig profile() throws ClusterException {
        return TestCluster.slurmProfile("test-");
    }

    static ClusterSession connect(ProfileConfig profile) throws ClusterException {
        return TestCluster.connect(profile, LOG);
    }

    static Store newStore(String name) {
        return TestCluster.newStore(name);
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
