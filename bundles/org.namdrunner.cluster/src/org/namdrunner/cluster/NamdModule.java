package org.namdrunner.cluster;

import java.util.Objects;

/**
 * A NAMD installation reachable through an environment module.
 *
 * @param module     module name as given to {@code module load}, e.g. {@code namd/3.0}; empty when NAMD is on
 *                   PATH without a module
 * @param version    NAMD version, e.g. {@code 3.0}
 * @param executable {@code namd2} or {@code namd3} (or a path); null to detect at run time
 */
public record NamdModule(String module, String version, String executable) {
    public NamdModule {
        module = module == null ? "" : module.trim();
        version = version == null ? "" : version.trim();
        executable = executable == null || executable.isBlank() ? null : executable.trim();
    }

    /** namd3 for NAMD 3.x, namd2 for older versions, the declared executable when given. */
    public String executableOrGuess() {
        if (executable != null) {
            return executable;
        }
        return version.startsWith("2") || module.contains("/2.") ? "namd2" : "namd3";
    }

    @Override
    public String toString() {
        return module.isEmpty() ? Objects.requireNonNullElse(executable, "namd") : module;
    }
}
