package org.namdrunner.cluster.slurm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.DiscoveryResult;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.Resources;
import org.namdrunner.cluster.slurm.SlurmDiscovery;
import org.namdrunner.cluster.slurm.SlurmScriptGenerator;

/** Discovery of a site environment's missing Slurm commands and of an Lmod hierarchy; the script that follows. */
class SiteEnvironmentAndHierarchyTest {

    /** The discovery output of the test cluster's site-environment user without site-environment lines (abridged). */
    static final String WITHOUT_SLURM = String.join("\n",
            "#sinfo", "bash: line 2: sinfo: command not found",
            "#scontrol", "bash: line 3: scontrol: command not found",
            "#qos",
            "#slurmmissing", "sbatch", "squeue", "sacct", "scancel", "sinfo", "scontrol",
            "#slurmmodules", "----", "  slurm: slurm/22.05", "----", "    This module can be loaded directly: module load slurm/22.05",
            "#modules", "/var/tmp/namdrunner-test-cluster/modulefiles:", "gcc/", "gcc/12", "namd/", "namd/2.14", "namd/3.0",
            "slurm/", "slurm/22.05",
            "#spiderjson",
            "[{\"package\":\"namd\",\"versions\":[{\"full\":\"namd\\/2.14\",\"versionName\":\"2.14\"},{\"full\":\"namd\\/3.0-mpi\","
                    + "\"versionName\":\"3.0-mpi\",\"parent\":[[\"gcc\\/12\",\"openmpi\\/4\"]],\"help\":\"NAMD 3.0 MPI build "
                    + "stand-in\"},{\"full\":\"namd\\/3.0\",\"versionName\":\"3.0\"}]},{\"package\":\"gcc\",\"versions\":"
                    + "[{\"full\":\"gcc\\/12\"}]}]",
            "#namd",
            "namd/2.14|namd2|2.14||",
            "namd/3.0-mpi|namd3|3.0-mpi|gcc/12 openmpi/4|",
            "namd/3.0|namd3|3.0||",
            "#end", "");

    @Test
    void discoveryNamesTheModuleThatProvidesMissingSlurmCommands() {
        DiscoveryResult d = SlurmDiscovery.parse(WITHOUT_SLURM);
        String w = d.warnings().stream().filter(x -> x.startsWith("Slurm commands not found on PATH")).findFirst().orElseThrow();
        assertEquals("Slurm commands not found on PATH: sbatch, squeue, sacct, scancel, sinfo, scontrol. The module slurm/22.05 "
                + "provides them: add 'source /etc/profile' and 'module load slurm/22.05' to the profile's site environment.", w);
        assertTrue(d.partitions().isEmpty());
    }

    @Test
    void discoveryRecordsPrerequisitesInLoadOrderAndTheLauncherOfEachBuild() {
        DiscoveryResult d = SlurmDiscovery.parse(WITHOUT_SLURM);
        assertEquals(List.of("namd/2.14", "namd/3.0-mpi", "namd/3.0"), d.namd().stream().map(NamdModule::module).toList());
        NamdModule mpi = d.namd().get(1);
        assertEquals(List.of("gcc/12", "openmpi/4"), mpi.prerequisites());
        assertEquals(LauncherMode.SRUN, mpi.launcher());
        assertEquals("namd3", mpi.executable());
        assertEquals(List.of(), d.namd().get(2).prerequisites());
        assertNull(d.namd().get(2).launcher(), "nothing tells: the profile's launcher");
        assertEquals("namd/3.0", d.applyTo(org.namdrunner.cluster.ProfileConfig.builder("p", "t").build()).defaultModule(),
                "the MPI build (sorted below 3.0) does not become the default");
        // without spider's JSON (older Lmod), the probe's prerequisites count
        DiscoveryResult old = SlurmDiscovery.parse(WITHOUT_SLURM.replaceAll("(?m)^\\[\\{.*$", ""));
        assertEquals(List.of("gcc/12", "openmpi/4"), old.namd().get(1).prerequisites());
    }

    @Test
    void launcherFollowsTheCharmBuildInTheBinaryThenTheModule() {
        assertEquals(LauncherMode.PLUS_P, SlurmDiscovery.launcher("multicore-linux-x86_64", "namd/3.0", "", List.of("openmpi/4")));
        assertEquals(LauncherMode.CHARMRUN, SlurmDiscovery.launcher("netlrts-linux-x86_64", "namd/3.0", "", List.of()));
        assertEquals(LauncherMode.CHARMRUN, SlurmDiscovery.launcher("verbs-linux-x86_64", "namd/3.0", "", List.of()));
        assertEquals(LauncherMode.SRUN, SlurmDiscovery.launcher("ucx-linux-x86_64", "namd/3.0", "", List.of()));
        assertEquals(LauncherMode.SRUN, SlurmDiscovery.launcher("mpi-linux-x86_64", "namd/3.0", "", List.of()));
        assertEquals(LauncherMode.SRUN, SlurmDiscovery.launcher("", "namd/3.0", "", List.of("gcc/12", "openmpi/4")));
        assertEquals(LauncherMode.SRUN, SlurmDiscovery.launcher("", "namd/2.14-mpi", "", List.of()));
        assertEquals(LauncherMode.CHARMRUN, SlurmDiscovery.launcher("", "namd/2.14", "NAMD 2.14 ibverbs build", List.of()));
        assertEquals(LauncherMode.PLUS_P, SlurmDiscovery.launcher("", "namd/3.0-cuda", "", List.of("cuda/12")));
        assertNull(SlurmDiscovery.launcher("", "namd/3.0", "NAMD 3.0", List.of("gcc/12")));
        assertNull(SlurmDiscovery.launcher("", "namd/3.0", "", List.of("impish/1")), "'mpi' must be a word of an MPI module");
    }

    static JobScriptSpec spec(NamdModule module) {
        return new JobScriptSpec("0f8c2a1e-1111-4222-8333-444455556666", "site run", "tok",
                new Resources("compute", null, null, 4, 1, null, 60), module, "run.namd",
                "/projects/alice/namdrunner_jobs/site-0f8c2a1e", null, Map.of(), List.of());
    }

    @Test
    void theScriptRunsTheSiteLinesThenLoadsPrerequisitesInOrderAndUsesTheBuildsLauncher() throws Exception {
        NamdModule mpi = new NamdModule("namd/3.0-mpi", "3.0-mpi", "namd3", List.of("gcc/12", "openmpi/4"), LauncherMode.SRUN);
        String s = SlurmScriptGenerator.generate(spec(mpi), LauncherMode.PLUS_P, List.of("source /etc/profile", "module load slurm/alpine"));
        int profile = s.indexOf("source /etc/profile >/dev/null 2>&1 || true\n");
        int site = s.indexOf("\nsource /etc/profile\nmodule load slurm/alpine\n");
        int keep = s.indexOf("PATH=$PATH:$NAMDRUNNER_PATH");
        int gcc = s.indexOf("\nmodule load gcc/12 ||");
        int ompi = s.indexOf("\nmodule load openmpi/4 ||");
        int namd = s.indexOf("\nmodule load namd/3.0-mpi ||");
        assertTrue(profile > 0 && profile < site && site < keep && keep < gcc && gcc < ompi && ompi < namd, s);
        assertTrue(s.contains("\nsrun \"$NAMD_BIN\" \"./$CONFIG\""), "the module's launcher wins over the profile's +p:\n" + s);

        String plain = SlurmScriptGenerator.generate(spec(new NamdModule("namd/3.0", "3.0", "namd3")), LauncherMode.PLUS_P, List.of());
        assertTrue(plain.contains("\"$NAMD_BIN\" +p\"${SLURM_NTASKS:-$NTASKS}\""), plain);
        assertTrue(!plain.contains("site environment"), "no site lines, no comment");
        assertEquals(plain, SlurmScriptGenerator.generate(spec(new NamdModule("namd/3.0", "3.0", "namd3")), LauncherMode.PLUS_P));

        String charm = SlurmScriptGenerator.generate(spec(new NamdModule("namd/2.14-verbs", "2.14", "namd2", List.of(),
                LauncherMode.CHARMRUN)), LauncherMode.PLUS_P, List.of());
        assertTrue(charm.contains("charmrun ++mpiexec ++remote-shell srun +p\"${SLURM_NTASKS:-$NTASKS}\" \"$(command -v \"$NAMD_BIN\")\""), charm);
    }
}
