package org.namdrunner.cli.tests;

import java.util.List;

import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.cli.CliEnvironment;
import org.namdrunner.cli.NamdCli;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ProfileRepository;
import org.namdrunner.cluster.slurm.SlurmProfileType;
import org.namdrunner.workflow.StageStep;

/**
 * {@code namdrunner ARGS} in a plain JVM with the Slurm profile type registered by hand (like {@link AutomationKillMain}
 * for the Local type): the command line's own code path against the test cluster. Started and killed by
 * {@link LifecycleKillTrialsTest}.
 */
public final class SlurmKillMain {
    private SlurmKillMain() {
    }

    static ClusterProfileRegistry registry(ProfileRepository repository) {
        ClusterProfileRegistry reg = new ClusterProfileRegistry(repository);
        reg.registerType(SlurmProfileType.TYPE_ID, "Slurm", new SlurmProfileType());
        return reg;
    }

    static final CliEnvironment SLURM = new CliEnvironment() {
        @Override
        public ClusterProfileRegistry profiles(ProfileRepository repository) {
            return registry(repository);
        }

        @Override
        public AutomationStepRegistry steps() {
            return StageStep.register(AutomationStepRegistry.builtIn());
        }
    };

    public static void main(String[] args) {
        int rc = new NamdCli(System.out, System.err, SLURM).run(List.of(args));
        System.out.flush();
        System.err.flush();
        System.exit(rc);
    }
}
