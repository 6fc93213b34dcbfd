package org.namdrunner.cluster.gridengine.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.Resources;
import org.namdrunner.cluster.gridengine.GridEngineScriptGenerator;
import org.namdrunner.cluster.gridengine.GridEngineScriptGenerator.Options;

/** The Grid Engine job script with a profile's site environment and a NAMD module behind a module hierarchy. */
class GridEngineSiteEnvironmentTest {

    @Test
    void siteLinesRunAfterTheProfileAndPrerequisitesLoadInOrder() throws ClusterException {
        JobScriptSpec spec = new JobScriptSpec("0f8c2a1e-1111", "hier", "tok", new Resources("all.q", null, null, 2, 1, null, 60),
                new NamdModule("namd/3.0-mpi", "3.0", "namd3", List.of("gcc/12", "openmpi/4"), LauncherMode.MPIRUN), "run.namd",
                "/projects/alice/jobs/hier-0f8c2a1e", null, Map.of(), List.of());
        String s = GridEngineScriptGenerator.generate(spec, new Options(LauncherMode.MPIRUN, "smp", null, "/p/m",
                List.of("source /etc/profile", "module load sge/8.1")));
        int profile = s.indexOf("source /etc/profile >/dev/null 2>&1 || true\n");
        int site = s.indexOf("\nsource /etc/profile\nmodule load sge/8.1\n");
        int gcc = s.indexOf("module load gcc/12 ||");
        int ompi = s.indexOf("module load openmpi/4 ||");
        int namd = s.indexOf("module load namd/3.0-mpi ||");
        assertTrue(profile > 0 && profile < site && site < gcc && gcc < ompi && ompi < namd, s);
        assertTrue(s.contains("mpirun -np \"${NSLOTS:-$NTASKS}\" \"$NAMD_BIN\""), s);
        String plain = GridEngineScriptGenerator.generate(spec, new Options(LauncherMode.PLUS_P, "smp", null, "/p/m"));
        assertFalse(plain.contains("site environment"), plain);
    }
}
