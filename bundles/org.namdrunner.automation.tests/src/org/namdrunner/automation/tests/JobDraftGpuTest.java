package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.namdrunner.automation.draft.JobDraft;
import org.namdrunner.automation.draft.TemplateChoice;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.template.render.BuiltInTemplates;

/**
 * The Create Job form with GPUs: GPUs only where the partition has them, and the GPU-resident template refused on
 * more than one node or without a GPU, each message naming the partition, before anything is uploaded.
 */
class JobDraftGpuTest {

    static ProfileConfig profile() {
        return ProfileConfig.builder("gpu-hpc", "org.namdrunner.cluster.slurm").name("GPU HPC").host("login").projectRoot("/p/$USER")
                .partition(new PartitionSpec("cpu", true, 1, 256, 64, 4, null, null, 60, 600, List.of()))
                .partition(new PartitionSpec("gpu", false, 1, 128, 64, 2, null, null, 60, 600, List.of(), 4, List.of("a100")))
                .build();
    }

    static JobDraft gpuResident(ResourceRequest r) {
        TemplateChoice t = TemplateChoice.builtIns().stream().filter(c -> c.id().equals(BuiltInTemplates.GPU_RESIDENT_PRODUCTION_V1))
                .findFirst().orElseThrow();
        return new JobDraft().name("prod").profile(profile()).template(t).filesOnCluster(true).resources(r);
    }

    @Test
    void gpusOnlyWhereThePartitionHasThem() {
        JobDraft d = gpuResident(ResourceRequest.of("cpu", 8, null, 60).withGpus(1, null));
        assertTrue(d.resourceProblems().contains("1 GPU requested, but partition 'cpu' has no GPUs (GPUs per node: 0)"),
                d.resourceProblems().toString());
        d.resources(ResourceRequest.of("gpu", 8, null, 60).withGpus(2, "a100"));
        assertEquals(List.of(), d.resourceProblems());
        assertEquals(2, d.resolvedResources().gpus());
    }

    @Test
    void gpuResidentTemplateNeedsOneNodeAndAGpu() {
        JobDraft ok = gpuResident(ResourceRequest.of("gpu", 8, null, 60).withGpus(1, null));
        assertEquals(List.of(), ok.problems());

        JobDraft noGpu = gpuResident(ResourceRequest.of("cpu", 8, null, 60));
        assertTrue(noGpu.configurationProblems().stream().anyMatch(p -> p.contains("needs a GPU, but no GPU is requested on partition 'cpu'")),
                noGpu.configurationProblems().toString());

        JobDraft twoNodes = gpuResident(ResourceRequest.of("gpu", 128, null, 60).withGpus(1, null));
        assertEquals(2, twoNodes.resolvedResources().nodes());
        assertTrue(twoNodes.configurationProblems().stream()
                .anyMatch(p -> p.contains("runs on one node, but 2 nodes are requested on partition 'gpu'")),
                twoNodes.configurationProblems().toString());

        // the explicit-solvent template (not GPU-resident) runs anywhere
        TemplateChoice npt = TemplateChoice.builtIns().stream().filter(c -> c.id().equals(BuiltInTemplates.EXPLICIT_SOLVENT_NPT_V1))
                .findFirst().orElseThrow();
        JobDraft cpu = new JobDraft().name("npt").profile(profile()).template(npt).filesOnCluster(true)
                .resources(ResourceRequest.of("cpu", 128, null, 60));
        assertEquals(List.of(), cpu.problems());
    }
}
