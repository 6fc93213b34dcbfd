package org.namdrunner.cluster.gridengine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.namdrunner.cluster.ShellResult;
import org.namdrunner.cluster.gridengine.GridEngineScriptGenerator;
import org.namdrunner.cluster.gridengine.GridEngineScriptGenerator.Options;

/** The generated Grid Engine job script: directives, quoting, and the dependency check run for real in bash. */
class GridEngineScriptTest {
    private static final Options OPTS = new Options(LauncherMode.PLUS_P, "smp", null, "/projects/alice/jobs/.namdrunner-gridengine");

    static JobScriptSpec spec(String name, Resources r, String dependency) {
        return new JobScriptSpec("0f8c2a1e-1111", name, "tok123", r, new NamdModule("namd/3.0", "3.0", "namd3"), "run.namd",
                "/projects/alice/jobs/my_run-0f8c2a1e", null, Map.of("OMP_NUM_THREADS", "1"), List.of("gcc/12.2"), dependency);
    }

    @Test
    void directivesCarryQueuePeWallTimeNameLogsAndHold() throws ClusterException {
        String s = GridEngineScriptGenerator.generate(spec("my run; rm -rf ~", new Resources("all.q", null, "chem", 4, 1, 4096L, 90),
                "afterok:12:13"), new Options(LauncherMode.PLUS_P, "mpi-smp", "h_vmem", "/projects/alice/jobs/.m"));
        List<String> directives = s.lines().filter(l -> l.startsWith("#$ ")).toList();
        assertEquals(List.of("#$ -S /bin/bash", "#$ -N my_run__rm_-rf__", "#$ -q all.q", "#$ -pe mpi-smp 4", "#$ -l h_rt=01:30:00",
                "#$ -l h_vmem=1024M", "#$ -A chem", "#$ -wd /projects/alice/jobs/my_run-0f8c2a1e",
                "#$ -o /projects/alice/jobs/my_run-0f8c2a1e/logs/slurm-$JOB_ID.out",
                "#$ -e /projects/alice/jobs/my_run-0f8c2a1e/logs/slurm-$JOB_ID.err", "#$ -hold_jid 12,13"), directives);
        assertTrue(s.contains("NAMDRUNNER_JOB_NAME='my run; rm -rf ~'\n"), "the real name only as a quoted value");
        assertTrue(s.contains("module load gcc/12.2 ||") && s.contains("module load namd/3.0 ||"), s);
        assertTrue(s.contains("+p\"${NSLOTS:-$NTASKS}\""), s);
        assertEquals("h_rt beyond a day: 25:00:00", "h_rt beyond a day: " + GridEngineScriptGenerator.hrt(25 * 60));
        assertEquals("j2024_run", GridEngineScriptGenerator.jobNameToken("2024 run"), "-N must not start with a digit");
    }

    @Test
    void slurmOnlyRequestsAreRefusedWithSentences() {
        ClusterException e = assertThrows(ClusterException.class, () -> GridEngineScriptGenerator.generate(
                spec("x", new Resources(null, "normal", null, 1, 1, null, null), null), OPTS));
        assertEquals(ClusterException.Kind.INVALID_QOS, e.getKind());
        assertTrue(e.getMessage().contains("Grid Engine has no QoS"), e.getMessage());
        e = assertThrows(ClusterException.class, () -> GridEngineScriptGenerator.generate(
                spec("x", new Resources(null, null, null, 8, 2, null, null), null), OPTS));
        assertTrue(e.getMessage().contains("one host"), e.getMessage());
        e = assertThrows(ClusterException.class, () -> GridEngineScriptGenerator.generate(
                spec("x", new Resources(null, null, null, 1, 1, null, null), null), new Options(LauncherMode.SRUN, "smp", null, "/p/m")));
        assertTrue(e.getMessage().contains("srun"), e.getMessage());
        e = assertThrows(ClusterException.class, () -> GridEngineScriptGenerator.generate(
                spec("x", new Resources(null, null, null, 1, 1, null, null), "afterok:12_3"), OPTS));
        assertTrue(e.getMessage().contains("array"), e.getMessage());
        e = assertThrows(ClusterException.class, () -> GridEngineScriptGenerator.generate(
                spec("x", new Resources("all.q; id", null, null, 1, 1, null, null), null), OPTS));
        assertTrue(e.getMessage().contains("queue"), e.getMessage());
        e = assertThrows(ClusterException.class, () -> GridEngineScriptGenerator.generate(
                spec("x", new Resources("all.q", null, null, 1, 1, null, null, 1, null), null), OPTS));
        assertTrue(e.getMessage().contains("Grid Engine profiles cannot request GPUs"), e.getMessage());
    }

    /**
     * -hold_jid starts a job whatever the predecessor's exit status, so the script checks the predecessor's exit marker:
     * runs the script in bash with a fake namd3 for a predecessor that succeeded, one that failed, and one that left no
     * marker (killed); checks NAMD ran only in the first case and the blocked marker names the reason otherwise.
     */
    @Test
    void afterOkIsEnforcedByTheScriptFromExitMarkers(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(bin.resolve("namd3"), "#!/bin/bash\nprintf '%s\\0' \"$@\" > args.bin\necho 'WallClock: 1.0'\nexit ${FAKE_RC:-0}\n");
        bin.resolve("namd3").toFile().setExecutable(true);
        Path markers = Files.createDirectories(tmp.resolve("markers"));
        Files.writeString(markers.resolve("101.exit"), "0\n");
        Files.writeString(markers.resolve("102.exit"), "3\n");
        record Case(String dep, int jobId, int expectedExit, boolean namdRuns, String reason) {
        }
        List<Case> cases = List.of(new Case("afterok:101", 201, 0, true, null),
                new Case("afterok:101:102", 202, GridEngineScriptGenerator.BLOCKED_EXIT, false, "dependency 102 did not succeed (exit code 3)"),
                new Case("afterok:103", 203, GridEngineScriptGenerator.BLOCKED_EXIT, false, "dependency 103 did not succeed (no exit code"),
                new Case("afterany:102:103", 204, 0, true, null),
                new Case("afternotok:101", 205, GridEngineScriptGenerator.BLOCKED_EXIT, false, "dependency 101 succeeded"));
        for (Case c : cases) {
            Path project = Files.createDirectories(tmp.resolve("job" + c.jobId()));
            Files.createDirectories(project.resolve("input"));
            Files.writeString(project.resolve("input/run.namd"), "run 1\n");
            JobScriptSpec spec = new JobScriptSpec("id" + c.jobId(), "n", null, new Resources(null, null, null, 2, 1, null, null),
                    new NamdModule("", "3.0", "namd3"), "run.namd", project.toString(), null, Map.of(), List.of(), c.dep());
            Path script = project.resolve("job.sge");
            Files.writeString(script, GridEngineScriptGenerator.generate(spec, new Options(LauncherMode.PLUS_P, "smp", null, markers.toString())));
            ShellResult r = new LocalShell(Map.of("PATH", bin + ":/usr/bin:/bin", "JOB_ID", String.valueOf(c.jobId()), "NSLOTS", "2"))
                    .run("bash \"$1\"", List.of(script.toString()), null, null);
            assertEquals(c.expectedExit(), r.exitCode(), c + ": " + r.stderr());
            assertEquals(c.namdRuns(), Files.exists(project.resolve("output/args.bin")), c + ": NAMD started?");
            assertEquals(String.valueOf(c.expectedExit()), Files.readString(markers.resolve(c.jobId() + ".exit")).strip(), c + ": exit marker");
            Path blocked = markers.resolve(c.jobId() + ".blocked");
            if (c.reason() == null) {
                assertFalse(Files.exists(blocked), c.toString());
                assertEquals("+p2\0./run.namd\0", Files.readString(project.resolve("output/args.bin"), StandardCharsets.UTF_8));
            } else {
                String text = Files.readString(blocked);
                assertTrue(text.startsWith("DependencyNeverSatisfied: ") && text.contains(c.reason()), c + ": " + text);
                assertTrue(r.stderr().contains("not starting NAMD"), r.stderr());
            }
        }
    }

    /** NAMD exiting with 99 or 100 would make Grid Engine reschedule the job or put it into Eqw: the script leaves with 1. */
    @Test
    void exitCodesGridEngineReservesAreNotPassedOn(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(bin.resolve("namd3"), "#!/bin/bash\nexit ${FAKE_RC}\n");
        bin.resolve("namd3").toFile().setExecutable(true);
        for (int rc : new int[] {0, 3, 99, 100}) {
            Path project = Files.createDirectories(tmp.resolve("p" + rc));
            Files.createDirectories(project.resolve("input"));
            Files.writeString(project.resolve("input/run.namd"), "run 1\n");
            JobScriptSpec spec = new JobScriptSpec("id", "n", null, new Resources(null, null, null, 1, 1, null, null),
                    new NamdModule("", "3.0", "namd3"), "run.namd", project.toString(), null, Map.of(), List.of());
            Path script = project.resolve("job.sge");
            Files.writeString(script, GridEngineScriptGenerator.generate(spec, new Options(LauncherMode.PLUS_P, "smp", null,
                    tmp.resolve("m").toString())));
            ShellResult r = new LocalShell(Map.of("PATH", bin + ":/usr/bin:/bin", "JOB_ID", "7" + rc, "FAKE_RC", String.valueOf(rc)))
                    .run("bash \"$1\"", List.of(script.toString()), null, null);
            assertEquals(rc == 99 || rc == 100 ? 1 : rc, r.exitCode(), r.stderr());
            assertEquals(String.valueOf(rc), Files.readString(project.resolve("logs/namd.exitcode")).strip(), "the real code is recorded");
        }
    }
}
