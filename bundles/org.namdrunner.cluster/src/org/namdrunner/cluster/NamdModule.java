package org.namdrunner.cluster;

import java.util.List;
import java.util.Objects;

/**
 * A NAMD installation reachable through an environment module.
 *
 * @param module        module name as given to {@code module load}, e.g. {@code namd/3.0}; empty when NAMD is on
 *                      PATH without a module
 * @param version       NAMD version, e.g. {@code 3.0}
 * @param executable    {@code namd2} or {@code namd3} (or a path); null to detect at run time
 * @param prerequisites modules that must be loaded first, in load order (an Lmod hierarchy's compiler and MPI
 *                      modules, e.g. {@code gcc/12}, {@code openmpi/4}); empty for a Core module
 * @param launcher      how this build is started (multicore {@code +p}, MPI {@code srun}/{@code mpirun},
 *                      {@code charmrun}); null: the profile's launcher
 */
public record NamdModule(String module, String version, String executable, List<String> prerequisites,
        LauncherMode launcher) {
    public NamdModule {
        module = module == null ? "" : module.trim();
        version = version == null ? "" : version.trim();
        executable = executable == null || executable.isBlank() ? null : executable.trim();
        prerequisites = prerequisites == null ? List.of()
                : prerequisites.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    /** A module without prerequisites, started with the profile's launcher. */
    public NamdModule(String module, String version, String executable) {
        this(module, version, executable, List.of(), null);
    }

    /** namd3 for NAMD 3.x, namd2 for older versions, the declared executable when given. */
    public String executableOrGuess() {
        if (executable != null) {
            return executable;
        }
        return version.startsWith("2") || module.contains("/2.") ? "namd2" : "namd3";
    }

    /** This module's launcher, or {@code profileLauncher} when it has none of its own. */
    public LauncherMode launcherOr(LauncherMode profileLauncher) {
        return launcher != null ? launcher : profileLauncher;
    }

    @Override
    public String toString() {
        return module.isEmpty() ? Objects.requireNonNullElse(executable, "namd") : module;
    }
}
