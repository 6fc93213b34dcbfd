package org.namdrunner.cluster.gridengine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterException.Kind;
import org.namdrunner.cluster.DiscoveryResult;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.Resources;
import org.namdrunner.cluster.gridengine.GridEngineDiscovery;
import org.namdrunner.cluster.gridengine.GridEngineErrors;

/** qsub/qstat/qdel messages of Grid Engine 8.1.9 mapped to sentences; discovery of queues and parallel environments. */
class GridEngineErrorsAndDiscoveryTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Unable to run job: Job was rejected because job requests unknown queue \"nosuch.q\".\\nExiting.|INVALID_PARTITION|The cluster has no queue 'nosuch.q'",
        "Unable to run job: job rejected: the requested parallel environment \"nosuch\" does not exist.\\nExiting.|CONFIGURATION|The cluster has no parallel environment 'nosuch'",
        "Unable to run job: unknown resource \"foo\".\\nExiting.|CONFIGURATION|The cluster does not know the resource 'foo'",
        "Unable to run job: error: no suitable queues.\\nExiting.|LIMIT_EXCEEDED|No queue 'all.q' can run this job as requested (4 cores in parallel environment 'smp', wall time 2 h)",
        "error: commlib error: got select error (Connection refused)\\nUnable to run job: unable to send message to qmaster using port 6444 on host \"vm\": got send error.\\nExiting.|CONNECTION|The Grid Engine qmaster does not answer",
        "Unable to run job: job rejected: your user id 0 is lower than minimum user id 1000 of cluster configuration\\nExiting.|CONFIGURATION|Grid Engine does not accept jobs from this user",
        "bash: line 1: qsub: command not found|CONFIGURATION|qsub is not available on the login node",
        "Unable to run job: something new.\\nExiting.|SUBMIT_REJECTED|qsub rejected the job (exit code 1): something new."
    })
    void qsubMessagesBecomeSentences(String message, Kind kind, String expected) {
        ClusterException e = GridEngineErrors.forSubmit(message.replace("\\n", "\n"), 1, new Resources("all.q", null, null, 4, 1, null, 120), "smp");
        assertEquals(kind, e.getKind(), e.getMessage());
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void qdelOfEndedJobsIsFineOtherUsersJobsAreNot() {
        assertNull(GridEngineErrors.forCancel("nrtest has deleted job 5\ndenied: job \"9999\" does not exist\n"));
        ClusterException e = GridEngineErrors.forCancel("getest2 - you do not have the necessary privileges to delete the job \"3\"");
        assertTrue(e.getMessage().startsWith("Grid Engine refused to delete a job of another user"), e.getMessage());
    }

    @Test
    void discoveryFindsQueuesLimitsPesAndNamd() {
        String out = String.join("\n", "#pes", "make", "smp", "#queues", "#q all.q", "slots                 1,[vm=4]",
                "h_rt                  01:00:00", "pe_list               make smp", "#q long.q", "slots 16", "h_rt INFINITY",
                "pe_list NONE", "#hosts", "vm|8", "#modules", "/etc/modulefiles:", "namd/2.14", "namd/3.0(default)", "#namd",
                "namd/2.14|namd2|", "namd/3.0|namd3|3.0", "#end", "");
        GridEngineDiscovery.Found f = GridEngineDiscovery.parse(out, "smp");
        DiscoveryResult d = f.result();
        assertEquals(List.of("make", "smp"), f.parallelEnvironments());
        PartitionSpec all = d.partitions().get(0);
        assertEquals("all.q", all.name());
        assertTrue(all.isDefault());
        assertEquals(4, all.maxCores());
        assertEquals(1, all.maxNodes());
        assertEquals(60, all.maxWallMinutes());
        PartitionSpec lng = d.partitions().get(1);
        assertEquals(8, lng.maxCores(), "capped by the largest host's CPUs");
        assertNull(lng.maxWallMinutes());
        assertEquals(List.of("namd/2.14", "namd/3.0"), d.namd().stream().map(m -> m.module()).toList());
        assertEquals("namd2", d.namd().get(0).executable());
        assertEquals(List.of(), d.warnings());
        assertTrue(GridEngineDiscovery.parse(out, "mpi").result().warnings().get(0).contains("no parallel environment 'mpi'"));
    }
}
