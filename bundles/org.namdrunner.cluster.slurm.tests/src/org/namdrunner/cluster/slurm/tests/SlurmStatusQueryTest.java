package org.namdrunner.cluster.slurm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.cluster.LocalShell;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StatusReport;
import org.namdrunner.cluster.slurm.SlurmSession;
import org.namdrunner.cluster.slurm.SlurmStatusQuery;
import org.namdrunner.core.JobState;

class SlurmStatusQueryTest {

    static final String OUTPUT = String.join("\n",
            "#squeue 0",
            "101|RUNNING|None|1:02|vm|namdrunner:a",
            "102|PENDING|Resources|0:00||namdrunner:b",
            "103|COMPLETING|None|2:00|vm|",
            "999|RUNNING|None|1:00|vm|not-ours",
            "#sacct 0 0",
            "103|COMPLETED|None|0:0|00:02:00|vm|",
            "104|TIMEOUT|TimeLimit|0:15|00:01:30|vm|",
            "105|CANCELLED by 1000|None|0:0|00:00:00|None assigned|",
            "106|OUT_OF_MEMORY|OutOfMemory|0:125|00:00:10|vm|",
            "107|FAILED|NonZeroExitCode|3:0|00:00:01|vm|",
            "108|NODE_FAIL|NodeDown|1:0|00:10:00|vm|",
            "109|PREEMPTED|None|0:0|00:10:00|vm|",
            "#errors",
            "#end", "");

    @Test
    void parsesAndMergesSqueueAndSacct() throws ClusterException {
        List<String> ids = List.of("101", "102", "103", "104", "105", "106", "107", "108", "109", "110");
        StatusReport r = SlurmStatusQuery.parse(OUTPUT, ids, Instant.EPOCH);
        Map<String, JobStatus> s = r.statuses();
        assertEquals(JobState.RUNNING, s.get("101").state());
        assertEquals("vm", s.get("101").nodes());
        assertEquals("1:02", s.get("101").elapsed());
        assertEquals(JobState.PENDING, s.get("102").state());
        assertEquals("Resources", s.get("102").reason());
        assertNull(s.get("102").nodes());
        assertEquals(JobState.COMPLETED, s.get("103").state(), "sacct's terminal state wins over squeue's COMPLETING");
        assertEquals(0, s.get("103").exitCode());
        assertEquals(JobState.TIMEOUT, s.get("104").state());
        assertEquals("TimeLimit", s.get("104").reason());
        assertEquals(JobState.CANCELLED, s.get("105").state());
        assertNull(s.get("105").nodes());
        assertEquals(JobState.OUT_OF_MEMORY, s.get("106").state());
        assertEquals(JobState.FAILED, s.get("107").state());
        assertEquals(3, s.get("107").exitCode());
        assertEquals(JobState.NODE_FAIL, s.get("108").state());
        assertEquals(JobState.PREEMPTED, s.get("109").state());
        assertEquals(Set.of("110"), r.missing());
        assertFalse(s.containsKey("999"), "jobs not asked for are not reported");
    }

    @Test
    void garbageIsAProtocolErrorAndFailingToolsAreReported() {
        assertThrows(ClusterException.class, () -> SlurmStatusQuery.parse("bash: squeue: command not found", List.of("1"), Instant.EPOCH));
        ClusterException e = assertThrows(ClusterException.class, () -> SlurmStatusQuery.parse(
                "#squeue 1\n#sacct 1 0\n#errors\nslurm_load_jobs error: Unable to contact slurm controller\n#end\n", List.of("1"), Instant.EPOCH));
        assertTrue(e.getMessage().contains("Unable to contact slurm controller"), e.getMessage());
    }

    @Test
    void idsNeverReachTheCommandLine() throws ClusterException {
        String c1 = SlurmStatusQuery.script();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            many.add(Integer.toString(1_000_000 + i));
        }
        assertTrue(c1.length() < 2000, "command length is constant: " + c1.length());
        assertEquals(800_000, SlurmStatusQuery.stdin(many).length);
        assertThrows(ClusterException.class, () -> SlurmStatusQuery.stdin(List.of("12; rm -rf ~")));
    }

    /** Runs the real command with /bin/sh against fake squeue/sacct that log their calls: 10,000 ids, one command. */
    @Test
    void commandRunsInOneShellWithTenThousandIds(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path calls = tmp.resolve("calls.log");
        // squeue knows 1000000..1000099 (running); sacct -j knows the rest (COMPLETED below 1009000, CANCELLED above).
        Files.writeString(bin.resolve("squeue"), "#!/bin/sh\necho \"squeue $*\" >> " + calls + "\n"
                + "i=1000000; while [ $i -lt 1000100 ]; do echo \"$i|RUNNING|None|0:01|vm|\"; i=$((i+1)); done\n");
        Files.writeString(bin.resolve("sacct"), "#!/bin/sh\necho \"sacct $*\" | cut -c1-120 >> " + calls + "\n"
                + "for a in \"$@\"; do case \"$a\" in 1*) echo \"$a\" | tr ',' '\\n' | while read j; do "
                + "if [ \"$j\" -lt 1009000 ]; then echo \"$j|COMPLETED|None|0:0|00:01:00|vm|\"; "
                + "else echo \"$j|CANCELLED by 0|None|0:0|00:00:00|None assigned|\"; fi; done;; esac; done\n");
        bin.resolve("squeue").toFile().setExecutable(true);
        bin.resolve("sacct").toFile().setExecutable(true);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Integer.toString(1_000_000 + i));
        }
        LocalShell shell = new LocalShell(Map.of("PATH", bin + ":" + System.getenv("PATH")));
        ProfileConfig profile = ProfileConfig.builder("t", "slurm").host("h").projectRoot("/tmp/x").build();
        Instant[] now = {Instant.parse("2026-01-01T10:00:00Z")};
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now[0]; }
        };
        try (SlurmSession session = new SlurmSession(profile, shell, clock)) {
            StatusReport r = session.status(ids, false, null);
            assertEquals(1, session.roundTrips());
            assertEquals(10_000, r.statuses().size(), "missing: " + r.missing().size());
            assertEquals(JobState.RUNNING, r.statuses().get("1000042").state());
            assertEquals(JobState.COMPLETED, r.statuses().get("1005000").state());
            assertEquals(JobState.CANCELLED, r.statuses().get("1009999").state());
            List<String> log = Files.readAllLines(calls);
            assertEquals(1, log.stream().filter(l -> l.startsWith("squeue")).count());
            assertEquals(3, log.stream().filter(l -> l.startsWith("sacct")).count(),
                    "the 9,900 ids squeue does not show go to sacct by id in chunks of 4,000: " + log);
            assertTrue(log.stream().noneMatch(l -> l.contains("1000042")), "ids squeue shows as active are not asked from sacct");

            // Within the minimum interval the cache answers without a round trip ...
            now[0] = now[0].plus(Duration.ofSeconds(59));
            StatusReport cached = session.status(ids.subList(0, 10), false, null);
            assertTrue(cached.fromCache());
            assertEquals(1, session.roundTrips());
            // ... a new id, force or an expired interval query again.
            session.status(List.of("2000000"), false, null);
            assertEquals(2, session.roundTrips());
            session.status(List.of("2000000"), true, null);
            assertEquals(3, session.roundTrips());
            now[0] = now[0].plus(Duration.ofSeconds(61));
            assertFalse(session.status(List.of("2000000"), false, null).fromCache());
            assertEquals(4, session.roundTrips());
        }
    }
}
