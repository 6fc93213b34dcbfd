package org.namdrunner.cli.tests;

import java.util.List;

import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.cli.CliEnvironment;
import org.namdrunner.cli.NamdCli;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ProfileRepository;
import org.namdrunner.workflow.StageStep;

/**
 * {@code namdrunner ARGS} in a plain JVM (no OSGi): the real command line ({@link NamdCli}, so {@code automation run}
 * is the product's code path) with the Local profile type and the built-in + stage steps registered by hand instead
 * of read from the extension registry. Started as a child process by {@link AutomationKillTest}; the exit status is
 * the command's.
 */
public final class AutomationKillMain {
    private AutomationKillMain() {
    }

    static final CliEnvironment PLAIN = new CliEnvironment() {
        @Override
        public ClusterProfileRegistry profiles(ProfileRepository repository) {
            return LocalAutomation.registry(repository);
        }

        @Override
        public AutomationStepRegistry steps() {
            return StageStep.register(AutomationStepRegistry.builtIn());
        }
    };

    public static void main(String[] args) {
        int rc = new NamdCli(System.out, System.err, PLAIN).run(List.of(args));
        System.out.flush();
        System.err.flush();
        System.exit(rc);
    }
}
