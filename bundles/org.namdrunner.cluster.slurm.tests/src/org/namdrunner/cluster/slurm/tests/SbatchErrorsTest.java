package org.namdrunner.cluster.slurm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterException.Kind;
import org.namdrunner.cluster.Resources;
import org.namdrunner.cluster.slurm.SbatchErrors;

class SbatchErrorsTest {
    private static final Resources REQ = new Resources("gpu", "high", "chem", 64, 2, 512L * 1024, 3 * 24 * 60);

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "sbatch: error: invalid partition specified: gpu\\nsbatch: error: Batch job submission failed: Invalid partition name specified;INVALID_PARTITION;no partition 'gpu'",
        "sbatch: error: Batch job submission failed: Invalid qos specification;INVALID_QOS;QoS 'high'",
        "sbatch: error: Batch job submission failed: Job violates accounting/QOS policy (job submit limit, user's size and/or time limits);INVALID_QOS;not allowed",
        "sbatch: error: Batch job submission failed: Requested time limit is invalid (missing or exceeds some limit);TIME_LIMIT;wall time 3 days",
        "sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified;INVALID_ACCOUNT;account 'chem'",
        "sbatch: error: Memory specification can not be satisfied\\nsbatch: error: Batch job submission failed: Requested node configuration is not available;MEMORY;memory request 512GB",
        "sbatch: error: Batch job submission failed: Requested node configuration is not available;RESOURCES;64 cores on 2 nodes",
        "sbatch: error: Batch job submission failed: Unable to contact slurm controller (connect failure);CONNECTION;does not answer",
        "sbatch: error: Batch job submission failed: Something new;SUBMIT_REJECTED;Something new",
    })
    void sbatchMessagesMapToReadableErrors(String stderr, Kind kind, String expectedText) {
        ClusterException e = SbatchErrors.map(stderr.replace("\\n", "\n"), 1, REQ);
        assertEquals(kind, e.getKind(), e.getMessage());
        assertTrue(e.getMessage().contains(expectedText), e.getMessage());
        assertTrue(!e.getMessage().contains("sbatch: error:"), "prefix stripped: " + e.getMessage());
    }

    /** sbatch's refusals of GPU requests (as the test cluster gives them) say which GPUs could not be had. */
    @Test
    void gpuRejectionsNameTheGpus() {
        Resources gpus = new Resources("compute", null, null, 1, 1, null, 10, 3, null);
        ClusterException e = SbatchErrors.map("sbatch: error: Batch job submission failed: Requested node configuration is not available", 1, gpus);
        assertEquals(Kind.RESOURCES, e.getKind());
        assertTrue(e.getMessage().startsWith("Partition 'compute' cannot provide 1 cores on 1 node with 3 GPUs per node. Request fewer cores, "
                + "nodes or GPUs"), e.getMessage());
        e = SbatchErrors.map("sbatch: error: Invalid generic resource (gres) specification", 1,
                new Resources("compute", null, null, 1, 1, null, 10, 1, "a100"));
        assertEquals(Kind.RESOURCES, e.getKind());
        assertTrue(e.getMessage().startsWith("The cluster does not know the GPU resource requested (gpu:a100:1)"), e.getMessage());
    }
}
