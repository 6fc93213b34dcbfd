package org.namdrunner.cluster.slurm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.DiscoveryResult;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.ResourceValidator;
import org.namdrunner.cluster.Resources;
import org.namdrunner.cluster.slurm.SlurmDiscovery;
import org.namdrunner.cluster.slurm.SlurmProfileType;
import org.namdrunner.cluster.slurm.SlurmScriptGenerator;

/** GPUs: sinfo's GRES read into the partitions, the --gres request and NAMD's +devices in the job script. */
class GpuScriptAndDiscoveryTest {

    /** sinfo -o '%R|%c|%m|%D|%G' of a site like CU Alpine (typed GPUs with socket affinity) plus odd cases. */
    static final String OUTPUT = String.join("\n",
            "#sinfo",
            "amilan|64|239000|380|(null)",
            "aa100|64|243000|10|gpu:a100:3(S:0-1)",
            "ami100|64|243000|8|gpu:mi100:3",
            "mixed|32|120000|2|gpu:v100:2(S:0,1)",
            "mixed|32|120000|2|gpu:a100:4,mps:400",
            "plain|8|16000|1|gpu:2",
            "#scontrol",
            scontrol("amilan", "YES"), scontrol("aa100", "NO"), scontrol("ami100", "NO"), scontrol("mixed", "NO"),
            scontrol("plain", "NO"),
            "#qos", "normal", "#modules", "#namd", "#end", "");

    static String scontrol(String name, String def) {
        return "PartitionName=" + name + " Default=" + def + " QoS=N/A DefaultTime=NONE MaxNodes=UNLIMITED MaxTime=1-00:00:00 "
                + "TotalCPUs=64 TotalNodes=1 MaxMemPerNode=UNLIMITED";
    }

    @Test
    void discoveryReadsGpusAndTheirTypesPerPartition() {
        DiscoveryResult d = SlurmDiscovery.parse(OUTPUT);
        Map<String, PartitionSpec> p = d.partitions().stream().collect(Collectors.toMap(PartitionSpec::name, Function.identity()));
        assertEquals(0, p.get("amilan").gpusPerNode());
        assertFalse(p.get("amilan").hasGpus());
        assertEquals(3, p.get("aa100").gpusPerNode());
        assertEquals(List.of("a100"), p.get("aa100").gpuTypes());
        assertEquals(List.of("mi100"), p.get("ami100").gpuTypes());
        // two node configurations: the most GPUs one node has, every type
        assertEquals(4, p.get("mixed").gpusPerNode());
        assertEquals(List.of("v100", "a100"), p.get("mixed").gpuTypes());
        assertEquals(2, p.get("plain").gpusPerNode());
        assertEquals(List.of(), p.get("plain").gpuTypes());
        // applied to a profile, they survive
        ProfileConfig applied = d.applyTo(ProfileConfig.builder("x", SlurmProfileType.TYPE_ID).build());
        assertEquals(3, applied.partition("aa100").orElseThrow().gpusPerNode());
    }

    static ProfileConfig profile() {
        return ProfileConfig.builder("gpu-site", SlurmProfileType.TYPE_ID)
                .partition(new PartitionSpec("cpu", true, 1, 64, 64, 4, null, null, null, null, List.of()))
                .partition(new PartitionSpec("gpu", false, 1, 64, 64, 4, null, null, null, null, List.of(), 3, List.of("a100")))
                .build();
    }

    @Test
    void validatorRefusesGpusWherePartitionsHaveNone() throws ClusterException {
        ProfileConfig p = profile();
        assertEquals(List.of("2 GPUs requested, but partition 'cpu' has no GPUs (GPUs per node: 0)"),
                ResourceValidator.check(p, ResourceRequest.of("cpu", 4, null, 60).withGpus(2, null)));
        assertEquals(List.of("4 GPUs per node requested, but the nodes of partition 'gpu' have 3 GPUs (GPUs per node)"),
                ResourceValidator.check(p, ResourceRequest.of("gpu", 4, null, 60).withGpus(4, null)));
        assertEquals(List.of("GPU type 'v100' is not one of partition 'gpu' (a100)"),
                ResourceValidator.check(p, ResourceRequest.of("gpu", 4, null, 60).withGpus(1, "v100")));
        assertEquals(List.of("GPUs must not be negative, not -1"), ResourceValidator.check(p, ResourceRequest.of("gpu", 4, null, 60).withGpus(-1, null)));
        Resources r = ResourceValidator.resolve(p, ResourceRequest.of("gpu", 8, null, 60).withGpus(2, "a100"));
        assertEquals(2, r.gpus());
        assertEquals("a100", r.gpuType());
        assertEquals(0, ResourceValidator.resolve(p, ResourceRequest.of("cpu", 8, null, 60)).gpus());
    }

    static JobScriptSpec spec(Resources r) {
        return new JobScriptSpec("0f8c2a1e-1111-4222-8333-444455556666", "gpu run", "tok123", r, new NamdModule("namd/3.0", "3.0", "namd3"),
                "run.namd", "/projects/alice/namdrunner_jobs/gpu_run-0f8c2a1e", null, Map.of(), List.of());
    }

    @Test
    void scriptRequestsGpusAndGivesNamdTheVisibleDevices() throws Exception {
        String plusP = SlurmScriptGenerator.generate(spec(new Resources("gpu", null, null, 8, 1, null, 60, 2, "a100")), LauncherMode.PLUS_P);
        assertTrue(plusP.contains("\n#SBATCH --gres=gpu:a100:2\n"), plusP);
        assertTrue(plusP.contains("\"$NAMD_BIN\" +p\"${SLURM_NTASKS:-$NTASKS}\" +setcpuaffinity +devices \"$NAMD_DEVICES\" \"./$CONFIG\""), plusP);
        String untyped = SlurmScriptGenerator.generate(spec(new Resources("gpu", null, null, 8, 2, null, 60, 1, null)), LauncherMode.SRUN);
        assertTrue(untyped.contains("\n#SBATCH --gres=gpu:1\n"), untyped);
        assertTrue(untyped.contains("srun \"$NAMD_BIN\" +devices \"$NAMD_DEVICES\" \"./$CONFIG\""), untyped);
        String cpu = SlurmScriptGenerator.generate(spec(new Resources("cpu", null, null, 8, 1, null, 60)), LauncherMode.PLUS_P);
        assertFalse(cpu.contains("gres") || cpu.contains("+devices") || cpu.contains("NAMD_DEVICES"), cpu);
        assertThrows(ClusterException.class,
                () -> SlurmScriptGenerator.generate(spec(new Resources("gpu", null, null, 8, 1, null, 60, 1, "a100;x")), LauncherMode.PLUS_P));

        // the device list as bash computes it: the visible devices renumbered from 0, or 0..N-1 without CUDA_VISIBLE_DEVICES
        String snippet = plusP.lines().filter(l -> l.startsWith("GPUS=") || l.startsWith("NGPU=") || l.startsWith("if [ -n \"${CUDA_VISIBLE")
                || l.startsWith("NAMD_DEVICES=")).collect(Collectors.joining("\n")) + "\nprintf '%s' \"$NAMD_DEVICES\"\n";
        assertEquals("0,1", bash(snippet, "5,7"));
        assertEquals("0", bash(snippet, "3"));
        assertEquals("0,1", bash(snippet, null));
    }

    static String bash(String script, String visible) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script);
        pb.environment().remove("CUDA_VISIBLE_DEVICES");
        if (visible != null) {
            pb.environment().put("CUDA_VISIBLE_DEVICES", visible);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return out;
    }
}
