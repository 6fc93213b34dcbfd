package org.namdrunner.workflow.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.namdrunner.automation.AutomationStepRegistry;
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
import org.namdrunner.workflow.StageStep;
import org.namdrunner.workflow.Workflows;

/** Test-cluster access (FAILS clearly when the cluster properties are missing). */
final class Harness {
    static final String PRESET_ID = "org.namdrunner.cluster.slurm.testcluster";

    private Harness() {
    }

    static Properties props() {
        String path = System.getProperty("namdrunner.testcluster");
        if (path == null || path.isBlank()) {
            fail("System property namdrunner.testcluster is not set: run the tests with scripts/run-tests (it starts the test cluster)");
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

    static ProfileConfig profile() throws ClusterException {
        Properties pr = props();
        ProfileConfig preset = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository()).get(PRESET_ID);
        return preset.toBuilder().id("wf-test-" + UUID.randomUUID()).preset(false).host(pr.getProperty("host"))
                .port(Integer.parseInt(pr.getProperty("port"))).userRule(pr.getProperty("user")).statusMinIntervalSeconds(0)
                .property("keyFile", pr.getProperty("keyFile")).property("knownHosts", pr.getProperty("knownHosts"))
                .property("sshConfig", "none").build();
    }

    static ClusterSession connect(ProfileConfig profile) throws ClusterException {
        return new SlurmProfileType().connect(profile, new SshConnectionContext(UserInteraction.NONE, null, new CommandLog()),
                new NullProgressMonitor());
    }

    static Store newStore(String name) {
        Path dir = Path.of(System.getProperty("namdrunner.data", System.getProperty("java.io.tmpdir")), name + "-" + UUID.randomUUID());
        return Store.open(dir);
    }

    static Workflows workflows(Store store) {
        return new Workflows(store, StageStep.register(AutomationStepRegistry.fromExtensions()), null);
    }

    /** A stand-in NAMD config template: values sleep, out, steps. */
    static String template(String extra) {
        return String.join("\n", "#standin: sleepPerStep <<sleep>>", "# stage config", "structure mol.psf", "coordinates mol.pdb",
                "outputName <<out>>", "temperature 300", "cellBasisVector1 40 0 0", "cellBasisVector2 0 40 0", "cellBasisVector3 0 0 40",
                "restartfreq 5", "outputEnergies 1", extra, "run <<steps>>", "");
    }
}
