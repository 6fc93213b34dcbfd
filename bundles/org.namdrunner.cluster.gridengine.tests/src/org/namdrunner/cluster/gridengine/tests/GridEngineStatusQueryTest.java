package org.namdrunner.cluster.gridengine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.cluster.LocalShell;
import org.namdrunner.cluster.ShellResult;
import org.namdrunner.cluster.StatusReport;
import org.namdrunner.cluster.gridengine.GridEngineStatusQuery;
import org.namdrunner.core.JobState;

/** The batched qstat + qacct query: its parser on Grid Engine 8.1.9's formats, and its script run with stand-in tools. */
class GridEngineStatusQueryTest {
    static final String QSTAT = """
            job-ID  prior   name       user         state submit/start at     queue                          slots ja-task-ID
            -----------------------------------------------------------------------------------------------------------------
                  1 0.50000 geA        getest       r     12/02/2026 15:55:03 all.q@vm                           2
                  2 0.00000 geB        getest       hqw   12/02/2026 15:55:04                                    2
                  3 0.00000 geC        getest       Eqw   12/02/2026 15:55:05                                    1
                  4 0.50000 geD        getest       dr    12/02/2026 15:55:03 all.q@vm                           2
            """;

    static String acct(String id, String failed, String exit) {
        return "==============================================================\n"
                + "qname        all.q\nhostname     vm\nowner        getest\njobname      ge" + id + "\njobnumber    " + id + "\n"
                + "qsub_time    Wed Dec  2 16:00:17 2026\nstart_time   Wed Dec  2 16:00:22 2026\nend_time     Wed Dec  2 16:00:24 2026\n"
                + "granted_pe   smp\nslots        2\nfailed       " + failed + "\nexit_status  " + exit + "\nru_wallclock 125s\n";
    }

    @Test
    void parsesQstatAndQacctIntoStates() throws ClusterException {
        String out = "#qstat 0\n" + QSTAT + "#error 3\nerror reason    1:          12/02/2026 15:55:06 [1001:1] can't open output file\n"
                + "#qacct 10\n" + acct("10", "0", "0") + "#rc 0\n"
                + "#qacct 11\n" + acct("11", "0", "3") + "#rc 0\n"
                + "#qacct 12\n" + acct("12", "37  : qmaster enforced h_rt, h_cpu, or h_vmem limit", "137 (Killed)") + "#rc 0\n"
                + "#qacct 13\n" + acct("13", "100 : assumedly after job", "137 (Killed)") + "#rc 0\n"
                + "#qacct 14\n" + acct("14", "25  : rescheduling", "99") + acct("14", "0", "0") + "#rc 0\n"
                + "#qacct 15\n" + acct("15", "0", "86") + "#rc 0\n#blocked 15\nDependencyNeverSatisfied: dependency 11 did not succeed (exit code 3)\n"
                + "#qacct 16\nerror: job id 16 not found\n#rc 1\n"
                + "#qacct 17\n" + acct("17", "26  : opening input/output file", "0") + "#rc 0\n"
                + "#qacct 18\nerror: job id 18 not found\n#rc 1\n#cancelled 18\n"
                + "#qacct 19\n" + acct("19", "100 : assumedly after job", "137 (Killed)") + "#rc 0\n#cancelled 19\n"
                + "#end\n";
        List<String> ids = List.of("1", "2", "3", "4", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19");
        StatusReport r = GridEngineStatusQuery.parse(out, ids, Instant.EPOCH);
        Map<String, JobStatus> s = r.statuses();
        assertEquals(JobState.RUNNING, s.get("1").state());
        assertEquals("vm", s.get("1").nodes());
        assertEquals(JobState.PENDING, s.get("2").state());
        assertTrue(s.get("2").reason().contains("dependencies"), s.get("2").reason());
        assertEquals(JobState.FAILED, s.get("3").state());
        assertTrue(s.get("3").reason().contains("can't open output file"), s.get("3").reason());
        assertEquals(JobState.COMPLETING, s.get("4").state());
        assertEquals(JobState.COMPLETED, s.get("10").state());
        assertEquals("00:02:05", s.get("10").elapsed());
        assertEquals(JobState.FAILED, s.get("11").state());
        assertEquals(3, s.get("11").exitCode());
        assertEquals(JobState.TIMEOUT, s.get("12").state());
        assertEquals(137, s.get("12").exitCode());
        assertEquals(JobState.CANCELLED, s.get("13").state());
        assertEquals(JobState.COMPLETED, s.get("14").state(), "the last record of a rescheduled job counts");
        assertEquals(JobState.CANCELLED, s.get("15").state(), "blocked by a failed dependency: cancelled for the dependency, as Slurm");
        assertTrue(s.get("15").reason().startsWith("DependencyNeverSatisfied: dependency 11"), s.get("15").reason());
        assertEquals(JobState.FAILED, s.get("17").state());
        assertTrue(s.get("17").reason().contains("opening input/output file"), s.get("17").reason());
        assertEquals(JobState.CANCELLED, s.get("18").state(), "deleted while pending: no record, but the cancel marker");
        assertEquals("cancelled before it started", s.get("18").reason());
        assertEquals("qacct", s.get("19").source(), "a record wins over the marker");
        assertEquals(Set.of("16"), r.missing());
    }

    @Test
    void qmasterDownAndGarbageAreErrorsWithSentences() {
        ClusterException e = assertThrows(ClusterException.class, () -> GridEngineStatusQuery.parse(
                "#qstat 1\nerror: commlib error: got select error (Connection refused)\nerror: unable to send message to qmaster using port 6444 on host \"vm\": got send error\n#end\n",
                List.of("1"), Instant.EPOCH));
        assertEquals(ClusterException.Kind.CONNECTION, e.getKind());
        assertTrue(e.getMessage().startsWith("The Grid Engine qmaster does not answer"), e.getMessage());
        e = assertThrows(ClusterException.class, () -> GridEngineStatusQuery.parse("bash: qstat: command not found\n", List.of("1"), Instant.EPOCH));
        assertEquals(ClusterException.Kind.PROTOCOL, e.getKind());
        assertThrows(ClusterException.class, () -> GridEngineStatusQuery.stdin(List.of("12; rm -rf ~")));
    }

    /**
     * Runs the real query script in ONE shell with stand-in qstat/qacct on PATH that log their calls: 5,000 ids travel
     * on stdin; qstat runs once, qacct only for ids qstat does not list, and a blocked marker is reported.
     */
    @Test
    void oneCommandForManyJobsAsksQacctOnlyForFinishedOnes(@TempDir Path tmp) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path calls = tmp.resolve("calls.log");
        Files.writeString(bin.resolve("qstat"), "#!/bin/sh\necho \"qstat $*\" >> " + calls + "\ncat <<'EOF'\n" + QSTAT + "EOF\n");
        Files.writeString(bin.resolve("qacct"), "#!/bin/sh\necho \"qacct $*\" >> " + calls + "\n"
                + "case \"$2\" in 4999) echo 'error: job id 4999 not found' >&2; exit 1;; esac\n"
                + "printf '%s\\n' '==============================================================' \"jobnumber    $2\" 'failed       0' "
                + "\"exit_status  $(( $2 % 2 ))\"\n");
        for (String t : List.of("qstat", "qacct")) {
            bin.resolve(t).toFile().setExecutable(true);
        }
        Path markers = Files.createDirectories(tmp.resolve("markers"));
        Files.writeString(markers.resolve("1001.blocked"), "DependencyNeverSatisfied: dependency 7 did not succeed (exit code 1)\n");
        List<String> ids = new ArrayList<>(List.of("1", "2"));
        for (int i = 1000; i < 5000; i++) {
            ids.add(String.valueOf(i));
        }
        ShellResult r = new LocalShell(Map.of("PATH", bin + ":/usr/bin:/bin", "USER", "getest"))
                .run(GridEngineStatusQuery.script(), List.of(markers.toString()), GridEngineStatusQuery.stdin(ids), null);
        assertEquals(0, r.exitCode(), r.stderr());
        StatusReport rep = GridEngineStatusQuery.parse(r.stdout(), ids, Instant.EPOCH);
        List<String> log = Files.readAllLines(calls);
        assertEquals(1, log.stream().filter(l -> l.startsWith("qstat -u getest")).count(), "one qstat for all jobs");
        assertEquals(4000, log.stream().filter(l -> l.startsWith("qacct -j ")).count(), "qacct only for the 4,000 finished ids");
        assertEquals(JobState.RUNNING, rep.statuses().get("1").state());
        assertEquals(JobState.COMPLETED, rep.statuses().get("1000").state());
        assertEquals(JobState.CANCELLED, rep.statuses().get("1001").state());
        assertEquals(JobState.FAILED, rep.statuses().get("1003").state());
        assertEquals(Set.of("4999"), rep.missing());
    }
}
