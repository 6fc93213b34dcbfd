package org.namdrunner.template.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Templates shipped in this bundle (resources/templates/ID.namd). */
public final class BuiltInTemplates {

    public static final String VACUUM_OPTIMIZATION_V1 = "vacuum_optimization_v1";
    public static final String EXPLICIT_SOLVENT_NPT_V1 = "explicit_solvent_npt_v1";
    /** NAMD 3 GPU-resident production dynamics (GPUresident on; one node, GPUs). */
    public static final String GPU_RESIDENT_PRODUCTION_V1 = "gpu_resident_production_v1";

    private BuiltInTemplates() {
    }

    public static List<String> ids() {
        return List.of(VACUUM_OPTIMIZATION_V1, EXPLICIT_SOLVENT_NPT_V1, GPU_RESIDENT_PRODUCTION_V1);
    }

    /** The template text; IllegalArgumentException for an unknown id. */
    /** The name every screen shows for a built-in template id: vacuum_optimization_v1 → "Vacuum optimization v1". */
    public static String displayName(String id) {
        String s = id.replace('_', ' ');
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public static String text(String id) {
        if (!ids().contains(id)) {
            throw new IllegalArgumentException("no built-in template '" + id + "' (known: " + String.join(", ", ids()) + ")");
        }
        try (InputStream in = BuiltInTemplates.class.getResourceAsStream("/resources/templates/" + id + ".namd")) {
            if (in == null) {
                throw new IllegalStateException("built-in template resource missing: " + id);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
