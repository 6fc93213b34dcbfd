package org.namdrunner.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What the cluster's answer to the NAMD check means for the user (the check itself runs on the test cluster). */
class NamdCheckOutputTest {

    @Test
    void aFailedLoadNamesTheModuleAndTheModuleSystemsWords() {
        ShellResult r = new ShellResult(0, "#load namd/9.9\nLmod has detected the following error:  The following module(s) are unknown: \"namd/9.9\"\n", "");
        Optional<String> p = ShellClusterSession.namdCheckProblem(r, List.of("namd/9.9"), "Alpine");
        assertTrue(p.isPresent());
        assertTrue(p.get().startsWith("'module load namd/9.9' fails on Alpine: Lmod has detected the following error"), p.get());
        assertTrue(p.get().contains("Discover"), p.get());
    }

    @Test
    void noExecutableSaysWhatWasLoaded() {
        ShellResult r = new ShellResult(0, "#noexe\n", "");
        assertEquals(Optional.of("no NAMD executable (namd3 or namd2) is found on Alpine after 'module load gcc/12 namd/3.0'"),
                ShellClusterSession.namdCheckProblem(r, List.of("gcc/12", "namd/3.0"), "Alpine"));
        assertTrue(ShellClusterSession.namdCheckProblem(r, List.of(), "Alpine").orElseThrow().contains("without a module"));
    }

    @Test
    void foundOrNotRunIsNoProblem() {
        assertEquals(Optional.empty(), ShellClusterSession.namdCheckProblem(new ShellResult(0, "#ok namd3\n", ""), List.of(), "x"));
        // the check could not run at all (no bash): the job script tells instead of a refusal on a guess
        assertEquals(Optional.empty(), ShellClusterSession.namdCheckProblem(new ShellResult(127, "", "bash: not found"), List.of(), "x"));
    }
}
