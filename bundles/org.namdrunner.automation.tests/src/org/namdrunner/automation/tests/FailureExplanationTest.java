package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.namdrunner.automation.FailureExplanation;
import org.namdrunner.automation.FailureExplanation.Finding;
import org.namdrunner.automation.JobDocuments.LogKind;

/** The first meaningful error line of a failed job's logs, NAMD's own first. */
class FailureExplanationTest {

    private static Map<LogKind, String> logs(String namd, String out, String err) {
        Map<LogKind, String> m = new EnumMap<>(LogKind.class);
        if (namd != null) {
            m.put(LogKind.NAMD, namd);
        }
        if (out != null) {
            m.put(LogKind.STDOUT, out);
        }
        if (err != null) {
            m.put(LogKind.STDERR, err);
        }
        return m;
    }

    @Test
    void namdFatalErrorComesFirstEvenWhenStderrHasLines() {
        String namd = "Charm++: standalone mode (not using charmrun)\nInfo: NAMD 3.0 for Linux-x86_64-multicore\n"
                + "Info: STRUCTURE FILE system.psf\nFATAL ERROR: UNABLE TO OPEN PSF FILE system.psf\n"
                + "[Partition 0][Node 0] End of program\n";
        Finding f = FailureExplanation.find(logs(namd, "", "srun: error: node1: task 0: Exited with exit code 1\n")).orElseThrow();
        assertEquals(LogKind.NAMD, f.log());
        assertEquals("FATAL ERROR: UNABLE TO OPEN PSF FILE system.psf", f.line());
        assertEquals("NAMD log: FATAL ERROR: UNABLE TO OPEN PSF FILE system.psf", f.describe());
    }

    @Test
    void charmAbortReasonAndNamdErrorLines() {
        assertEquals("Reason: FATAL ERROR: Periodic cell has become too small for original patch grid!",
                FailureExplanation.find(logs("Info: 1 CPU\n------------- Processor 0 Exiting: Called CmiAbort ------------\n"
                        + "Reason: FATAL ERROR: Periodic cell has become too small for original patch grid!\n", null, null))
                        .orElseThrow().line());
        assertEquals("ERROR: Atom 12 velocity is NaN", FailureExplanation.find(logs("Info: x\nERROR: Atom 12 velocity is NaN\n", null, null))
                .orElseThrow().line());
    }

    @Test
    void launcherProblemsFromStandardError() {
        assertEquals("run.sh: line 12: namd3: command not found", FailureExplanation.find(logs("", "",
                "loading modules\nrun.sh: line 12: namd3: command not found\n")).orElseThrow().line());
        assertEquals("no NAMD executable (namd3 or namd2) found on PATH", FailureExplanation.find(logs(null, null,
                "no NAMD executable (namd3 or namd2) found on PATH\n")).orElseThrow().line());
        Finding lmod = FailureExplanation.find(logs(null, null, "Lmod has detected the following error:  The following module(s) are unknown: \"namd/9\"\n"))
                .orElseThrow();
        assertEquals(LogKind.STDERR, lmod.log());
        assertTrue(lmod.line().contains("namd/9"), lmod.line());
        assertEquals("namd3: error while loading shared libraries: libcudart.so.12: cannot open shared object file: No such file or directory",
                FailureExplanation.find(logs("", null, "namd3: error while loading shared libraries: libcudart.so.12: cannot open shared object file: No such file or directory\n"))
                        .orElseThrow().line());
        assertEquals("slurmstepd: error: Detected 1 oom-kill event(s) in StepId=42.batch.",
                FailureExplanation.find(logs("Info: step 100\n", "", "slurmstepd: error: Detected 1 oom-kill event(s) in StepId=42.batch.\n"))
                        .orElseThrow().line());
    }

    @Test
    void nothingRecognisableExplainsNothing() {
        assertTrue(FailureExplanation.find(logs("Info: all fine\nENERGY: 1 2 3\n", "hello\n", "")).isEmpty());
        assertTrue(FailureExplanation.find(logs(null, null, null)).isEmpty());
    }
}
