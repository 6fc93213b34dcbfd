package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.render.BuiltInTemplates;
import org.namdrunner.template.render.RenderResult;
import org.namdrunner.template.render.TemplateRenderer;
import org.namdrunner.template.validation.NamdRules;
import org.namdrunner.template.validation.ValidationOptions;
import org.namdrunner.template.validation.ValidationOptions.Launch;

/**
 * GPU-resident mode (NAMD 3.0, SimParameters::check_config): features it refuses or ignores, and the resources it
 * needs (one node, at least one GPU) when the launch is known.
 */
class GpuResidentRulesTest {

    private static final String BASE = String.join("\n", "structure s.psf", "coordinates s.pdb", "parameters p.prm",
            "paraTypeCharmm on", "temperature 300", "cellBasisVector1 40 0 0", "cellBasisVector2 0 40 0",
            "cellBasisVector3 0 0 40", "cutoff 12", "switching on", "switchdist 10", "pairlistdist 14", "timestep 2",
            "rigidBonds all", "PME yes", "PMEGridSpacing 1.0", "langevin on", "langevinTemp 300", "langevinDamping 1",
            "outputName out", "");

    private static List<NamdLanguage.Finding> gpu(String config, ValidationOptions o) {
        return NamdLanguage.validate(config, "gpu.namd", o).stream().filter(f -> NamdRules.GPU_RESIDENT.equals(f.code())).toList();
    }

    private static List<String> messages(List<NamdLanguage.Finding> f) {
        return f.stream().map(NamdLanguage.Finding::message).toList();
    }

    @Test
    void refusedFeaturesAreErrorsOnlyInGpuResidentMode() {
        for (String feature : List.of("fixedAtoms on\nfixedAtomsFile s.pdb", "tCouple on\ntCoupleTemp 300", "GBIS on",
                "BerendsenPressure on", "zeroMomentum on", "les on", "QMForces on", "rescaleFreq 100\nrescaleTemp 300",
                "maximumMove 2.0")) {
            String kw = feature.split(" ")[0];
            List<NamdLanguage.Finding> on = gpu("GPUresident on\n" + BASE + feature + "\nrun 1000\n", ValidationOptions.DEFAULT);
            assertEquals(1, on.size(), feature + ": " + messages(on));
            assertTrue(on.get(0).error(), feature);
            assertTrue(on.get(0).message().startsWith(kw + " is"), on.get(0).message());
            assertTrue(on.get(0).message().contains("GPU-resident mode"), on.get(0).message());
            // the older name of the switch counts too
            assertEquals(1, gpu("CUDASOAintegrate on\n" + BASE + feature + "\nrun 1000\n", ValidationOptions.DEFAULT).size(), feature);
            // without GPU-resident mode the same config has no GPU-resident finding
            assertEquals(List.of(), messages(gpu("GPUresident off\n" + BASE + feature + "\nrun 1000\n", ValidationOptions.DEFAULT)), feature);
            assertEquals(List.of(), messages(gpu(BASE + feature + "\nrun 1000\n", ValidationOptions.DEFAULT)), feature);
        }
    }

    @Test
    void ignoredSettingsAreWarnings() {
        List<NamdLanguage.Finding> f = gpu("GPUresident on\n" + BASE + "bondedGPU 0\nrun 1000\n", ValidationOptions.DEFAULT);
        assertEquals(1, f.size(), messages(f).toString());
        assertTrue(!f.get(0).error() && f.get(0).message().contains("bondedGPU 0 is ignored"), f.get(0).message());
        assertEquals(List.of(), gpu("GPUresident on\n" + BASE + "bondedGPU 255\nrun 1000\n", ValidationOptions.DEFAULT));
    }

    @Test
    void resourcesAreCheckedWhenTheLaunchIsKnown() {
        String config = "GPUresident on\n" + BASE + "run 1000\n";
        assertEquals(List.of(), messages(gpu(config, ValidationOptions.DEFAULT)));
        assertEquals(List.of(), messages(gpu(config, ValidationOptions.DEFAULT.withLaunch(new Launch("gpu", 1, 1)))));
        List<String> twoNodes = messages(gpu(config, ValidationOptions.DEFAULT.withLaunch(new Launch("gpu", 2, 1))));
        assertEquals(1, twoNodes.size(), twoNodes.toString());
        assertTrue(twoNodes.get(0).contains("runs on one node, but 2 nodes are requested on partition 'gpu'"), twoNodes.get(0));
        List<String> noGpu = messages(gpu(config, ValidationOptions.DEFAULT.withLaunch(new Launch("cpu", 1, 0))));
        assertEquals(1, noGpu.size(), noGpu.toString());
        assertTrue(noGpu.get(0).contains("needs a GPU, but no GPU is requested on partition 'cpu'"), noGpu.get(0));
        // constraints: fine on one GPU, refused on two (check_config L5031)
        String restrained = "GPUresident on\n" + BASE + "constraints on\nconsref s.pdb\nconskfile s.pdb\nrun 1000\n";
        assertEquals(List.of(), messages(gpu(restrained, ValidationOptions.DEFAULT.withLaunch(new Launch("gpu", 1, 1)))));
        List<String> two = messages(gpu(restrained, ValidationOptions.DEFAULT.withLaunch(new Launch("gpu", 1, 2))));
        assertEquals(1, two.size(), two.toString());
        assertTrue(two.get(0).startsWith("constraints is on, but NAMD 3.0 refuses it in GPU-resident mode on more than one GPU"), two.get(0));
    }

    @Test
    void frequenciesOfTheRunFollowStepsPerCycle() {
        List<NamdLanguage.Finding> f = NamdLanguage.validate("GPUresident on\n" + BASE + "stepspercycle 20\ndcdfreq 1010\nrun 1010\n",
                "gpu.namd", ValidationOptions.DEFAULT);
        List<String> freq = f.stream().filter(x -> NamdRules.FREQUENCY.equals(x.code())).map(x -> (x.error() ? "E " : "W ") + x.message()).toList();
        assertTrue(freq.contains("E run 1010: the number of steps must be a multiple of stepspercycle (20)"), freq.toString());
        assertTrue(freq.contains("W dcdfreq (1010) should be a multiple of stepspercycle (20) in GPU-resident mode"), freq.toString());
    }

    @Test
    void builtInTemplateRendersForGpusAndRefusesTwoNodes() {
        String t = BuiltInTemplates.text(BuiltInTemplates.GPU_RESIDENT_PRODUCTION_V1);
        ValidationOptions oneGpu = ValidationOptions.DEFAULT.withLaunch(new Launch("gpu", 1, 1));
        for (Map<String, String> values : List.of(Map.<String, String>of(), Map.of("from_restart", "off", "use_npt", "off"))) {
            RenderResult r = TemplateRenderer.render(t, "gpu", values, oneGpu);
            assertTrue(r.ok(), values + ": " + r.errors());
            assertEquals(List.of(), r.warnings(), values.toString());
            assertTrue(r.text().contains("GPUresident         on"), r.text());
        }
        RenderResult twoNodes = TemplateRenderer.render(t, "gpu", Map.of(), ValidationOptions.DEFAULT.withLaunch(new Launch("compute", 2, 1)));
        assertTrue(!twoNodes.ok() && twoNodes.errors().toString().contains("2 nodes are requested on partition 'compute'"),
                twoNodes.errors().toString());
        RenderResult noGpu = TemplateRenderer.render(t, "gpu", Map.of(), ValidationOptions.DEFAULT.withLaunch(new Launch("cpu", 1, 0)));
        assertTrue(!noGpu.ok() && noGpu.errors().toString().contains("no GPU is requested on partition 'cpu'"), noGpu.errors().toString());
    }
}
