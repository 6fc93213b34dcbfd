package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.local.LocalProfileType;
import org.namdrunner.cluster.local.LocalSession;

/** A profile that runs jobs on this computer says before anything is created whether it can start NAMD. */
class LocalNamdCheckTest {

    private static ProfileConfig profile(Path root) {
        return ProfileConfig.builder("local-check", LocalProfileType.TYPE_ID).name("Local check").projectRoot(root.toString())
                .build();
    }

    @Test
    void noNamdOnPathIsAProblemNamingWhatIsMissing(@TempDir Path tmp) throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("bin-empty"));
        Optional<String> p = new LocalSession(profile(tmp), Map.of("PATH", empty.toString())).namdProblem(null);
        assertTrue(p.isPresent());
        assertTrue(p.get().startsWith("This computer cannot run NAMD: no NAMD executable (namd3 or namd2) found on PATH"), p.get());
        assertTrue(p.get().contains("Demo profile"), p.get());
        // a declared executable that does not exist is named too
        Optional<String> declared = new LocalSession(profile(tmp), Map.of("PATH", empty.toString()))
                .namdProblem(new NamdModule("", "3.0", "/opt/nowhere/namd3"));
        assertTrue(declared.orElseThrow().contains("/opt/nowhere/namd3"), declared.toString());
    }

    @Test
    void namdOnPathOrTheSimulatorCanRun(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path namd = Files.writeString(bin.resolve("namd3"), "#!/bin/sh\n");
        assertTrue(namd.toFile().setExecutable(true));
        assertEquals(Optional.empty(), new LocalSession(profile(tmp), Map.of("PATH", bin.toString())).namdProblem(null));
        ProfileConfig demo = profile(tmp).toBuilder().property(LocalSession.SIMULATOR_PROPERTY, "true").build();
        assertEquals(Optional.empty(), new LocalSession(demo, Map.of("PATH", "")).namdProblem(null));
    }
}
