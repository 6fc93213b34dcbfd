package org.namdrunner.cli;

import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ProfileRepository;
import org.namdrunner.workflow.StageStep;

/**
 * Where the command line finds cluster profile types/presets and automation steps. In the product both come from
 * the extension registry ({@link #EXTENSIONS}); tests and embedders can register them by hand (e.g. a plain JVM
 * without OSGi).
 */
public interface CliEnvironment {
    /** Profile types and presets over the user's profiles in {@code repository}. */
    ClusterProfileRegistry profiles(ProfileRepository repository);

    /** The installed automation steps, including the workflow's stage step. */
    AutomationStepRegistry steps();

    /** Everything contributed to the extension points (the product). */
    CliEnvironment EXTENSIONS = new CliEnvironment() {
        @Override
        public ClusterProfileRegistry profiles(ProfileRepository repository) {
            return ClusterProfileRegistry.fromExtensions(repository);
        }

        @Override
        public AutomationStepRegistry steps() {
            return StageStep.register(AutomationStepRegistry.fromExtensions());
        }
    };
}
