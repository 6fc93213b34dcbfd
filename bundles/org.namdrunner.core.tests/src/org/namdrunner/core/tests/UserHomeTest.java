package org.namdrunner.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.namdrunner.core.NamdRunner;

/** "~" in the user guide is $HOME, as in a shell; Java's user.home only when $HOME is unusable. */
class UserHomeTest {

    @Test
    void homeVariableWinsOverUserHome() {
        assertEquals(Path.of("/home/alice"), NamdRunner.userHome("/home/alice", "/root"));
    }

    @Test
    void unsetBlankOrRelativeHomeFallsBackToUserHome() {
        assertEquals(Path.of("/home/bob"), NamdRunner.userHome(null, "/home/bob"));
        assertEquals(Path.of("/home/bob"), NamdRunner.userHome("  ", "/home/bob"));
        assertEquals(Path.of("/home/bob"), NamdRunner.userHome("relative/dir", "/home/bob"));
    }

    @Test
    void resultsRootIsBelowTheHome() {
        assertEquals(NamdRunner.userHome().resolve("NAMDRunner").resolve("results"), NamdRunner.defaultResultsRoot());
    }
}
