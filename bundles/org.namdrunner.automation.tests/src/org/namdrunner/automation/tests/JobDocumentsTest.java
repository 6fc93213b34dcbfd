package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.automation.JobDocuments;
import org.namdrunner.automation.JobDocuments.LogKind;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.Sh;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;

/** Where the job editor finds a job's script, config and logs, and how it caches them. */
class JobDocumentsTest {

    static Job job(String slurmId) {
        return Job.builder().id("0f1e2d3c-aaaa-bbbb-cccc-000000000001").name("eq").profileId("p").state(JobState.RUNNING)
                .slurmJobId(slurmId).remoteProjectDir("/home/u/namdrunner/eq-0f1e2d3c").build();
    }

    @Test
    void remotePathsOfTheJobsDocuments() {
        Job j = job("1234");
        assertEquals("/home/u/namdrunner/eq-0f1e2d3c/" + JobScriptSpec.SCRIPT_FILE, JobDocuments.scriptPath(j));
        assertEquals("/home/u/namdrunner/eq-0f1e2d3c/input/run.namd", JobDocuments.configPath(j, "run.namd"));
        assertEquals(Optional.of("/home/u/namdrunner/eq-0f1e2d3c/logs/namd.log"), JobDocuments.logPath(j, LogKind.NAMD));
        assertEquals(Optional.of("/home/u/namdrunner/eq-0f1e2d3c/logs/slurm-1234.out"), JobDocuments.logPath(j, LogKind.STDOUT));
        assertEquals(Optional.of("/home/u/namdrunner/eq-0f1e2d3c/logs/slurm-1234.err"), JobDocuments.logPath(j, LogKind.STDERR));
        assertEquals(Optional.empty(), JobDocuments.logPath(job(null), LogKind.STDOUT), "no scheduler id yet");
        Job noDir = job("1").toBuilder().remoteProjectDir(null).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobDocuments.scriptPath(noDir));
        assertTrue(e.getMessage().contains("no directory on the cluster"), e.getMessage());
    }

    @Test
    void configNameComesFromTheGeneratedScript() {
        assertEquals(Optional.of("run.namd"), JobDocuments.configName("#!/bin/bash\nCONFIG=run.namd\nNTASKS=1\n"));
        String odd = "it's a.conf";
        assertEquals(Optional.of(odd), JobDocuments.configName("x\nCONFIG=" + Sh.quote(odd) + "\n"), "single-quoted with '\\''");
        assertEquals(Optional.of("my config.namd"), JobDocuments.configName("CONFIG='my config.namd'\n"));
        assertEquals(Optional.empty(), JobDocuments.configName("#SBATCH --ntasks=1\n"));
        assertEquals(Optional.empty(), JobDocuments.configName("CONFIG=../../etc/passwd\n"), "never a path");
        assertEquals(Optional.empty(), JobDocuments.configName(null));
    }

    @Test
    void cachesCopiesInsideTheJobsCacheDirectoryOnly(@TempDir Path tmp) throws Exception {
        JobDocuments docs = new JobDocuments(tmp);
        Job j = job("77");
        String log = JobDocuments.logPath(j, LogKind.NAMD).orElseThrow();
        assertTrue(docs.cached(j, log).isEmpty());
        Path p = docs.store(j, log, "ENERGY: 1\n".getBytes());
        assertEquals(tmp.resolve(j.id()).resolve("logs/namd.log"), p);
        assertEquals(Optional.of("ENERGY: 1\n"), docs.cached(j, log));
        docs.store(j, log, "ENERGY: 2\n".getBytes());
        assertEquals(Optional.of("ENERGY: 2\n"), docs.cached(j, log), "replaced");
        try (var s = Files.list(p.getParent())) {
            assertEquals(1, s.count(), "no temporary files left");
        }
        assertThrows(IllegalArgumentException.class, () -> docs.cacheFile(j, "/etc/passwd"));
        assertThrows(IllegalArgumentException.class, () -> docs.cacheFile(j, j.remoteProjectDir() + "/../x/y"));
        assertThrows(IllegalArgumentException.class, () -> docs.cacheFile(j, j.remoteProjectDir() + "-other/namd.log"));
        docs.forget(j.id());
        assertFalse(Files.exists(tmp.resolve(j.id())));
        docs.forget(j.id()); // twice is fine
    }
}
