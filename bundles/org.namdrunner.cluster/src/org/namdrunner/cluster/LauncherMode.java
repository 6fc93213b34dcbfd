package org.namdrunner.cluster;

import java.util.Locale;

/** How the job script starts NAMD. */
public enum LauncherMode {
    /** {@code mpirun -np $SLURM_NTASKS namd3 config} (MPI builds of NAMD). */
    MPIRUN("mpirun"),
    /** {@code srun namd3 config} (MPI builds launched by Slurm). */
    SRUN("srun"),
    /** {@code namd3 +pN config} (multicore builds, one node). */
    PLUS_P("+p"),
    /**
     * {@code charmrun ++mpiexec ++remote-shell srun +pN namd3 config} (Charm++ network builds: netlrts, verbs), on
     * Slurm; other schedulers start it with {@code charmrun +pN} and their host list.
     */
    CHARMRUN("charmrun");

    private final String label;

    LauncherMode(String label) {
        this.label = label;
    }

    /** The form used in profiles and preset XML: {@code mpirun}, {@code srun} or {@code +p}. */
    public String label() {
        return label;
    }

    /** Parses {@code mpirun}, {@code srun}, {@code +p} (or the enum name). */
    public static LauncherMode parse(String s) {
        if (s == null || s.isBlank()) {
            return PLUS_P;
        }
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (LauncherMode m : values()) {
            if (m.label.equals(t) || m.name().toLowerCase(Locale.ROOT).equals(t)) {
                return m;
            }
        }
        if (t.equals("p") || t.equals("multicore")) {
            return PLUS_P;
        }
        throw new IllegalArgumentException("Unknown NAMD launcher '" + s + "': use mpirun, srun, charmrun or +p");
    }
}
