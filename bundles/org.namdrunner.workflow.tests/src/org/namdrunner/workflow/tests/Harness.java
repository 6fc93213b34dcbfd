package org.namdrunner.workflow.tests;

import java.util.Properties;

import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.store.Store;
import org.namdrunner.testing.TestCluster;
import org.namdrunner.workflow.StageStep;
import org.namdrunner.workflow.Workflows;

/** Test-cluster access through {@link TestCluster} (FAILS clearly when the cluster properties are missing). */
final class Harness {
    static final String PRESET_ID = TestCluster.PRESET_ID;

    private Harness() {
    }

    static Properties props() {
        return TestCluster.properties();
    }

    static ProfileConfig profile() throws ClusterException {
        return TestCluster.slurmProfile("wf-test-");
    }

    static ClusterSession connect(ProfileConfig profile) throws ClusterException {
        return TestCluster.connect(profile, new CommandLog());
    }

    static Store newStore(String name) {
        return TestCluster.newStore(name);
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
