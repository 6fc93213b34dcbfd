package org.namdrunner.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.LmodSpider;
import org.namdrunner.cluster.LocalShell;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.RemoteShell;
import org.namdrunner.cluster.Resources;
import org.namdrunner.cluster.ShellResult;
import org.namdrunner.cluster.SiteEnvironment;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.core.model.ClusterProfileRecord;

/** Site-environment lines in front of scheduler commands; Lmod spider JSON; prerequisites of NAMD modules. */
class SiteEnvironmentTest {
    static final IProgressMonitor M = new NullProgressMonitor();

    /** A shell that records what it is asked to run. */
    static final class Recording implements RemoteShell {
        final List<String> scripts = new ArrayList<>();
        final List<List<String>> args = new ArrayList<>();

        @Override
        public ShellResult run(String script, List<String> a, byte[] stdin, IProgressMonitor monitor) {
            scripts.add(script);
            args.add(a);
            return new ShellResult(0, "", "");
        }

        @Override
        public String user() {
            return "alice";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void linesAreKeptInOrderBlankOnesDroppedAndLineBreaksRefused() {
        assertEquals(List.of("source /etc/profile", "module load slurm/alpine"),
                SiteEnvironment.parse("source /etc/profile  \n\n  \r\nmodule load slurm/alpine\n"));
        assertEquals(List.of(), SiteEnvironment.normalize(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SiteEnvironment.normalize(List.of("module load a\nrm -rf x")));
        assertTrue(e.getMessage().contains("one line"), e.getMessage());
        ProfileConfig p = ProfileConfig.builder("p", "t").siteEnvironment(List.of("source /etc/profile", " ", "module load x")).build();
        assertEquals(List.of("source /etc/profile", "module load x"), p.siteEnvironment());
    }

    @Test
    void withoutLinesTheShellIsUnchangedWithLinesTheCommandKeepsItsArgumentsApart() throws Exception {
        Recording rec = new Recording();
        assertSame(rec, SiteEnvironment.wrap(rec, List.of()));
        RemoteShell wrapped = SiteEnvironment.wrap(rec, List.of("source /etc/profile", "module load slurm/alpine"));
        wrapped.run("sbatch --job-name=\"$2\" -- \"$1/job.sbatch\"", List.of("/p/j", "x'; rm -rf ~; '"), null, M);
        assertEquals(List.of(SiteEnvironment.RUNNER), rec.scripts, "one command, the constant runner");
        List<String> a = rec.args.get(0);
        assertEquals(3, a.size());
        assertEquals("exec 3>&1 1>&2\nsource /etc/profile\nmodule load slurm/alpine\nexec 1>&3 3>&-\n"
                + "sbatch --job-name=\"$2\" -- \"$1/job.sbatch\"", a.get(0));
        assertEquals(List.of("/p/j", "x'; rm -rf ~; '"), a.subList(1, 3), "user values stay positional arguments");
    }

    /** The runner for real (bash on this machine): lines run first, their output goes to stderr, arguments arrive intact. */
    @Test
    void theRunnerRunsTheLinesThenTheCommandUnderBash() throws Exception {
        Path tmp = Files.createTempDirectory("nr-site-env");
        try (LocalShell local = new LocalShell()) {
            RemoteShell s = SiteEnvironment.wrap(local, List.of("echo chatter from the site", "source \"" + tmp + "/no-such-file\" 2>/dev/null || SITE=ok"));
            ShellResult r = s.run("printf '%s|%s|%s\\n' \"$SITE\" \"$1\" \"$2\"", List.of("a b", "$(touch " + tmp.resolve("pwned") + ")"), null, M);
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("ok|a b|$(touch " + tmp.resolve("pwned") + ")\n", r.stdout(), "only the command's output on stdout");
            assertTrue(r.stderr().contains("chatter from the site"), r.stderr());
            assertTrue(!Files.exists(tmp.resolve("pwned")), "an argument is never run");
        }
    }

    @Test
    void missingCommandsAreRecognisedFromBashAndDashAndTheErrorNamesTheModule() {
        List<String> slurm = List.of("sbatch", "squeue");
        assertEquals("sbatch", SiteEnvironment.commandNotFound(new ShellResult(127, "", "bash: line 1: sbatch: command not found\n"), slurm));
        assertEquals("squeue", SiteEnvironment.commandNotFound(new ShellResult(0, "#squeue 127\n", "sh: 1: squeue: not found\n"), slurm));
        assertNull(SiteEnvironment.commandNotFound(new ShellResult(1, "", "sbatch: error: invalid partition\n"), slurm));
        assertNull(SiteEnvironment.commandNotFound(new ShellResult(127, "", "sh: 1: foo: not found\n"), slurm));
        String spider = "Lmod has detected\nslurm/22.05\nslurm/23.02(default)\nslurmctl\n";
        assertEquals(List.of("slurm/22.05", "slurm/23.02"), SiteEnvironment.spiderModules(spider, "slurm"));
        // one version: Lmod prints the module's page, also with -t (Lmod 8.6 on the test cluster)
        String page = "\n------\n  slurm: slurm/22.05\n------\n    Description:\n      Slurm client commands\n\n"
                + "    This module can be loaded directly: module load slurm/22.05\n\n    Help:\n      (sbatch, squeue, ...)\n";
        assertEquals(List.of("slurm/22.05"), SiteEnvironment.spiderModules(page, "slurm"));
        assertEquals(List.of(), SiteEnvironment.spiderModules("Lmod has detected the following error: Unable to find: \"slurm\".", "slurm"));
        ClusterException e = SiteEnvironment.missingCommands("Slurm", "sbatch", List.of("slurm/22.05"), List.of());
        assertEquals(ClusterException.Kind.CONFIGURATION, e.getKind());
        assertEquals("Slurm commands are not found on the cluster (sbatch: command not found). The module slurm/22.05 provides "
                + "them: add the lines 'source /etc/profile' and 'module load slurm/22.05' to the profile's site environment.", e.getMessage());
        assertTrue(SiteEnvironment.missingCommands("Slurm", "squeue", List.of(), List.of("module load slurm/x")).getMessage()
                .contains("even after the profile's site environment (module load slurm/x)"));
    }

    /** Output of Lmod 8.6's spider tool on the test cluster (abridged: fewer keys, the same shape). */
    static final String SPIDER_JSON = "[{\"package\":\"namd\",\"versions\":[{\"full\":\"namd\\/2.14\",\"versionName\":\"2.14\","
            + "\"help\":\"NAMD 2.14\",\"family\":\"namd\"},{\"full\":\"namd\\/3.0-mpi\",\"versionName\":\"3.0-mpi\","
            + "\"parent\":[[\"gcc\\/12\",\"openmpi\\/4\"]],\"help\":\"MPI build; start it with srun\",\"family\":\"namd\"}]},"
            + "{\"package\":\"openmpi\",\"versions\":[{\"full\":\"openmpi\\/4\",\"parent\":[[\"gcc\\/12\"]]}]},"
            + "{\"package\":\"namd\",\"versions\":[{\"full\":\"namd\\/3.0-mpi\",\"parent\":[[\"gcc\\/13\",\"openmpi\\/4\"]]}]}]";

    @Test
    void spiderJsonGivesPrerequisitesInLoadOrderPerModule() {
        Map<String, LmodSpider.Entry> m = LmodSpider.parse(SPIDER_JSON);
        assertEquals(List.of(), m.get("namd/2.14").prerequisites());
        LmodSpider.Entry mpi = m.get("namd/3.0-mpi");
        assertEquals(List.of("gcc/12", "openmpi/4"), mpi.prerequisites());
        assertEquals(List.of(List.of("gcc/12", "openmpi/4"), List.of("gcc/13", "openmpi/4")), mpi.parents(), "both ways kept");
        assertEquals("MPI build; start it with srun", mpi.help());
        assertEquals(List.of("gcc/12"), m.get("openmpi/4").prerequisites());
        assertTrue(LmodSpider.parse("Lmod: unknown option -o").isEmpty());
        assertTrue(LmodSpider.parse("[{\"package\":").isEmpty());
    }

    @Test
    void theJobLoadsPrerequisitesInOrderOnceEach() throws ClusterException {
        NamdModule namd = new NamdModule("namd/3.0-mpi", "3.0-mpi", "namd3", List.of("gcc/12", "openmpi/4"), LauncherMode.SRUN);
        JobScriptSpec spec = new JobScriptSpec("id", "n", null, new Resources("compute", null, null, 1, 1, null, 10), namd,
                "run.namd", "/p/j", null, Map.of(), List.of("gcc/12", "cuda/12"));
        assertEquals(List.of("gcc/12", "cuda/12", "openmpi/4", "namd/3.0-mpi"), spec.checkedModules());
        // a prerequisite is checked like every module name: no white space or control characters
        ClusterException e = assertThrows(ClusterException.class, () -> new JobScriptSpec("id", "n", null, spec.resources(),
                new NamdModule("namd/3", "3", null, List.of("gcc 12"), null), "run.namd", "/p/j", null, Map.of(), List.of())
                .checkedModules());
        assertTrue(e.getMessage().contains("gcc 12"), e.getMessage());
        assertEquals(LauncherMode.SRUN, namd.launcherOr(LauncherMode.PLUS_P));
        assertEquals(LauncherMode.MPIRUN, new NamdModule("namd/3.0", "3.0", null).launcherOr(LauncherMode.MPIRUN));
    }

    @Test
    void storedProfilesKeepTheSiteEnvironmentAndEachModulesPrerequisitesAndLauncher() {
        ProfileConfig p = ProfileConfig.builder("p1", "org.example.t").name("Alpine-like")
                .siteEnvironment(List.of("source /etc/profile", "module load slurm/alpine"))
                .module(new NamdModule("namd/3.0-mpi", "3.0", "namd3", List.of("gcc/12", "openmpi/4"), LauncherMode.CHARMRUN))
                .module(new NamdModule("namd/3.0", "3.0", "namd3")).build();
        ProfileConfig back = StoreProfileRepository.fromRecord(new ClusterProfileRecord("p1", "Alpine-like", "org.example.t",
                StoreProfileRepository.toJson(p), null));
        assertEquals(p.siteEnvironment(), back.siteEnvironment());
        assertEquals(p.modules(), back.modules());
        assertEquals(LauncherMode.CHARMRUN, LauncherMode.parse("charmrun"));
        // a document written before site environments existed still reads
        ProfileConfig old = StoreProfileRepository.fromRecord(new ClusterProfileRecord("p2", "old", "org.example.t",
                "{\"modules\":[{\"module\":\"namd/2.14\",\"version\":\"2.14\",\"executable\":\"namd2\"}]}", null));
        assertEquals(List.of(), old.siteEnvironment());
        assertEquals(List.of(), old.modules().get(0).prerequisites());
        assertNull(old.modules().get(0).launcher());
    }
}
