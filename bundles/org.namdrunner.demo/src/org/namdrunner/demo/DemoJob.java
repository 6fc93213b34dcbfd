package org.namdrunner.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.namdrunner.automation.draft.JobDraft;
import org.namdrunner.automation.draft.TemplateChoice;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.template.render.BuiltInTemplates;

/**
 * The "Try a demo job" action, UI-free: a job on the Demo profile (the Local profile type with the built-in NAMD
 * simulator, contributed by org.namdrunner.cluster.local) from the built-in template {@value #TEMPLATE_ID} and the
 * small inputs shipped in this bundle's {@code demo/} folder (8 TIP3P waters; see its README.txt). It fills the same
 * {@link JobDraft} the Create Job wizard fills, with the same checks, so the job is created and submitted by the same
 * operation as any other job.
 */
public final class DemoJob {
    /** The Demo preset profile. */
    public static final String PROFILE_ID = "org.namdrunner.cluster.local.demo";
    public static final String TEMPLATE_ID = BuiltInTemplates.VACUUM_OPTIMIZATION_V1;
    public static final String JOB_NAME = "Demo water box";
    /** The shipped inputs, by the template variable they fill. */
    public static final Map<String, String> INPUTS = Map.of("structure_file", "demo_water.psf", "coordinates_file",
            "demo_water.pdb", "parameter_file", "demo_water.prm");
    /** The demo's template values: 25,000 steps of dynamics, 100 energy rows, 10 trajectory frames, 5 restarts. */
    public static final Map<String, String> VALUES = Map.of("minimize_stage", "off", "run_steps", "25000", "timestep", "1",
            "temperature", "300", "energy_freq", "250", "dcd_freq", "2500", "restart_freq", "5000", "output_name",
            "demo_water");

    private DemoJob() {
    }

    /** The Demo profile from the registry, with a clear error when the plugin that contributes it is missing. */
    public static ProfileConfig profile(ClusterProfileRegistry registry) throws ClusterException {
        return registry.find(PROFILE_ID).orElseThrow(() -> new ClusterException(ClusterException.Kind.CONFIGURATION,
                "The Demo profile (" + PROFILE_ID + ") is not installed: org.namdrunner.cluster.local provides it"));
    }

    /** Copies the shipped inputs (and their README) into {@code dir}, replacing older copies; returns them by name. */
    public static Map<String, Path> extractInputs(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Path> out = new LinkedHashMap<>();
        for (String name : List.of("demo_water.psf", "demo_water.pdb", "demo_water.prm", "README.txt")) {
            try (InputStream in = DemoJob.class.getResourceAsStream("/demo/" + name)) {
                if (in == null) {
                    throw new IOException("The demo input " + name + " is missing from org.namdrunner.demo");
                }
                Path target = dir.resolve(name);
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                out.put(name, target);
            }
        }
        return out;
    }

    /**
     * The demo job as a complete Create Job draft on {@code profile}: inputs extracted to {@code inputsDir}, results
     * downloaded below {@code resultsRoot}. Throws {@link IllegalStateException} with the draft's own messages if
     * anything does not pass its checks.
     */
    public static JobDraft draft(ProfileConfig profile, Path inputsDir, Path resultsRoot) throws IOException {
        Map<String, Path> files = extractInputs(inputsDir);
        TemplateChoice template = TemplateChoice.builtIns().stream().filter(t -> t.id().equals(TEMPLATE_ID)).findFirst()
                .orElseThrow(() -> new IllegalStateException("The built-in template " + TEMPLATE_ID + " is missing"));
        JobDraft d = new JobDraft().name(JOB_NAME).profile(profile).resources(ResourceRequest.of(null, 1, null, null))
                .template(template).localResultsDir(resultsRoot);
        VALUES.forEach(d::value);
        INPUTS.forEach((variable, name) -> d.file(variable, files.get(name)));
        List<String> problems = d.problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The demo job does not pass the Create Job checks:\n" + String.join("\n", problems));
        }
        return d;
    }
}
