package org.namdrunner.cluster.slurm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.LocalShell;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.Resources;
import org.namdrunner.cluster.Sh;
import org.namdrunner.cluster.ShellResult;
import org.namdrunner.cluster.slurm.SlurmScriptGenerator;

class ScriptGenerationTest {

    static JobScriptSpec spec(String name, String config, Map<String, String> env, String module) {
        return new JobScriptSpec("0f8c2a1e-1111-4222-8333-444455556666", name, "tok123",
                new Resources("compute", "normal", "chem", 130, 3, 64L * 1024, 36 * 60), new NamdModule(module, "3.0", "namd3"),
                config, "/projects/alice/namdrunner_jobs/my_run-0f8c2a1e", "/scratch/alice/namdrunner_jobs/my_run-0f8c2a1e",
                env, List.of("gcc/12.2"));
    }

    @Test
    void goldenScriptForEachLauncher() throws Exception {
        List<String> missing = new java.util.ArrayList<>();
        for (LauncherMode mode : LauncherMode.values()) {
            String script = SlurmScriptGenerator.generate(spec("my run", "run.namd", Map.of("OMP_NUM_THREADS", "1"), "namd/3.0"), mode);
            Path golden = Path.of("golden", "namd3-" + mode.name().toLowerCase() + ".sbatch");
            if (!Files.exists(golden)) {
                Path actual = Path.of("target", golden.getFileName() + ".actual");
                Files.createDirectories(actual.getParent());
                Files.writeString(actual, script);
                missing.add(golden + " (actual output in " + actual.toAbsolutePath() + ")");
                continue;
            }
            assertEquals(Files.readString(golden), script, "script for " + mode + " differs from " + golden);
        }
        if (!missing.isEmpty()) {
            fail("Golden files missing: " + missing);
        }
    }

    @Test
    void directivesCarryResourcesWithUnitsAndComputedNodes() throws ClusterException {
        String s = SlurmScriptGenerator.generate(spec("my run", "run.namd", Map.of(), "namd/3.0"), LauncherMode.SRUN);
        assertTrue(s.startsWith("#!/bin/bash\n"));
        for (String line : List.of("#SBATCH --job-name=my_run", "#SBATCH --partition=compute", "#SBATCH --qos=normal",
                "#SBATCH --account=chem", "#SBATCH --time=1-12:00:00", "#SBATCH --nodes=3", "#SBATCH --ntasks=130",
                "#SBATCH --mem=64GB", "#SBATCH --output=/projects/alice/namdrunner_jobs/my_run-0f8c2a1e/logs/slurm-%j.out",
                "#SBATCH --error=/projects/alice/namdrunner_jobs/my_run-0f8c2a1e/logs/slurm-%j.err",
                "#SBATCH --comment=namdrunner:tok123", "export SLURM_EXPORT_ENV=ALL", "source /etc/profile",
                "module load gcc/12.2 ", "module load namd/3.0 ", "srun \"$NAMD_BIN\" \"./$CONFIG\"")) {
            assertTrue(s.contains(line), "missing: " + line + "\n" + s);
        }
        assertTrue(s.indexOf("module load gcc/12.2") < s.indexOf("module load namd/3.0"));
    }

    @Test
    void userStringsAreQuotedAndNeverInDirectives() throws ClusterException {
        String evil = "x'; touch /tmp/pwned; echo '$(id)`id`";
        String s = SlurmScriptGenerator.generate(spec(evil, "in $(id).namd", Map.of("MY_VAR", evil), "namd/3.0;id"), LauncherMode.PLUS_P);
        assertTrue(s.contains("NAMDRUNNER_JOB_NAME=" + Sh.quote(evil) + "\n"));
        assertTrue(s.contains("CONFIG=" + Sh.quote("in $(id).namd") + "\n"));
        assertTrue(s.contains("export MY_VAR=" + Sh.quote(evil) + "\n"));
        assertTrue(s.contains("module load " + Sh.quote("namd/3.0;id") + " "));
        for (String line : s.split("\n")) {
            if (line.startsWith("#SBATCH")) {
                assertTrue(line.matches("#SBATCH --[a-z-]+=[A-Za-z0-9_./%:+\\-]+"), "unsafe directive: " + line);
            }
        }
        assertTrue(SlurmScriptGenerator.SUBMIT_SCRIPT.contains("sbatch --parsable --job-name=\"$2\" -- \"$1/job.sbatch\""),
                "the job name reaches sbatch only as a positional parameter");
    }

    @Test
    void invalidInputsAreRefusedWithReadableMessages() {
        ClusterException e = assertThrows(ClusterException.class,
                () -> SlurmScriptGenerator.generate(spec("ok", "../../etc/passwd", Map.of(), "m"), LauncherMode.PLUS_P));
        assertTrue(e.getMessage().contains("must not contain '/'"), e.getMessage());
        e = assertThrows(ClusterException.class,
                () -> SlurmScriptGenerator.generate(spec("a\nb", "x.namd", Map.of(), "m"), LauncherMode.PLUS_P));
        assertTrue(e.getMessage().contains("control character"), e.getMessage());
        e = assertThrows(ClusterException.class,
                () -> SlurmScriptGenerator.generate(spec("ok", "x.namd", Map.of("BAD-NAME", "v"), "m"), LauncherMode.PLUS_P));
        assertTrue(e.getMessage().contains("environment variable name"), e.getMessage());
        e = assertThrows(ClusterException.class,
                () -> SlurmScriptGenerator.generate(spec("ok", "x.namd", Map.of(), "namd 3"), LauncherMode.PLUS_P));
        assertTrue(e.getMessage().contains("module name"), e.getMessage());
        JobScriptSpec badDir = new JobScriptSpec("id1", "n", null, new Resources(null, null, null, 1, 1, null, null), null,
                "c.namd", "/projects/my jobs/x", null, Map.of(), List.of());
        e = assertThrows(ClusterException.class, () -> SlurmScriptGenerator.generate(badDir, LauncherMode.PLUS_P));
        assertTrue(e.getMessage().contains("job directory"), e.getMessage());
    }

    /**
     * Runs generated scripts for real in bash on this machine with a fake namd3 that records its arguments and
     * the environment: every hostile value arrives byte for byte, and the sentinel file is never created.
     */
    @Test
    void generatedScriptRunsInBashAndHostileValuesArriveVerbatim(@TempDir Path tmp) throws Exception {
        Path sentinel = tmp.resolve("SENTINEL");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path fake = bin.resolve("namd3");
        Files.writeString(fake, "#!/bin/bash\nprintf '%s\\0' \"$@\" > args.bin\nprintf '%s' \"$NAMDRUNNER_JOB_NAME\" > name.bin\n"
                + "printf '%s' \"$MY_VALUE\" > value.bin\necho 'ENERGY: 1'\necho 'WallClock: 1.0'\n");
        fake.toFile().setExecutable(true);
        String s = sentinel.toString();
        List<String> hostile = List.of("$(touch " + s + ")", "`touch " + s + "`", "'; touch " + s + "; '", "\"; touch " + s + "; \"",
                "a && touch " + s, "x | touch " + s, "$((1+1)) ${HOME} $PATH", "*", "-rf", "\\' \\\" \\\\", "ünï ✓ 日本",
                "; touch " + s + " #", "a\u007fb".replace("\u007f", "?"), "!!", "~root", "{a,b}", "$'\\x41'");
        int i = 0;
        for (String value : hostile) {
            String dirName = "job" + (i++);
            Path project = Files.createDirectories(tmp.resolve(dirName).resolve("project"));
            Path input = Files.createDirectories(project.resolve("input"));
            String config = value.replace('/', '_').replace('\\', '_');
            Files.writeString(input.resolve(config), "outputName out\nrun 1\n");
            JobScriptSpec spec = new JobScriptSpec("id-" + i, value, "t" + i, new Resources(null, null, null, 2, 1, null, null),
                    new NamdModule("", "3.0", "namd3"), config, project.toString(), tmp.resolve(dirName).resolve("scratch").toString(),
                    Map.of("MY_VALUE", value), List.of());
            Path script = project.resolve("job.sbatch");
            Files.writeString(script, SlurmScriptGenerator.generate(spec, LauncherMode.PLUS_P));
            ShellResult syntax = new LocalShell().run("bash -n \"$1\"", List.of(script.toString()), null, null);
            assertEquals(0, syntax.exitCode(), syntax.stderr());
            ShellResult r = new LocalShell(Map.of("PATH", bin + ":" + System.getenv("PATH")))
                    .run("bash \"$1\"", List.of(script.toString()), null, null);
            assertEquals(0, r.exitCode(), "value " + value + ": " + r.stderr());
            Path out = project.resolve("output");
            assertEquals(value, Files.readString(out.resolve("name.bin"), StandardCharsets.UTF_8));
            assertEquals(value, Files.readString(out.resolve("value.bin"), StandardCharsets.UTF_8));
            assertEquals("+p2\0./" + config + "\0", Files.readString(out.resolve("args.bin"), StandardCharsets.UTF_8));
            assertEquals("0", Files.readString(project.resolve("logs/namd.exitcode")).strip());
            assertTrue(Files.readString(project.resolve("logs/namd.log")).contains("WallClock"));
            assertTrue(Files.exists(out.resolve(config)), "inputs copied to scratch and back");
        }
        assertFalse(Files.exists(sentinel), "an injection created the sentinel file");
    }

    @Test
    void missingNamdAndFailingNamdGiveExitCodes(@TempDir Path tmp) throws IOException, ClusterException {
        Path project = Files.createDirectories(tmp.resolve("p/input")).getParent();
        Files.writeString(project.resolve("input/c.namd"), "run 1\n");
        JobScriptSpec spec = new JobScriptSpec("id", "n", null, new Resources(null, null, null, 1, 1, null, null),
                new NamdModule("", "", "namd-does-not-exist"), "c.namd", project.toString(), null, new LinkedHashMap<>(), List.of());
        Path script = project.resolve("job.sbatch");
        Files.writeString(script, SlurmScriptGenerator.generate(spec, LauncherMode.PLUS_P));
        ShellResult r = new LocalShell(Map.of("PATH", "/usr/bin:/bin")).run("bash \"$1\"", List.of(script.toString()), null, null);
        assertEquals(127, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("no NAMD executable"), r.stderr());

        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(bin.resolve("namd2"), "#!/bin/sh\necho 'FATAL ERROR: boom'\nexit 3\n");
        bin.resolve("namd2").toFile().setExecutable(true);
        r = new LocalShell(Map.of("PATH", bin + ":/usr/bin:/bin")).run("bash \"$1\"", List.of(script.toString()), null, null);
        assertEquals(3, r.exitCode(), "falls back to namd2 and passes its exit code: " + r.stderr());
        assertEquals("3", Files.readString(project.resolve("logs/namd.exitcode")).strip());
        assertTrue(Files.readString(project.resolve("logs/namd.log")).contains("FATAL ERROR: boom"));
    }
}
