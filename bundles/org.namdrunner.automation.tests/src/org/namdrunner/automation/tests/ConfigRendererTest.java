package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.namdrunner.automation.ConfigRenderer;
import org.namdrunner.automation.StepException;
import org.namdrunner.automation.TemplateConfigRenderer;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.template.render.BuiltInTemplates;

/** The renderers the lifecycle and workflows use apply {@code #@var} defaults and declared types (no cluster needed). */
class ConfigRendererTest {
    static final String T = String.join("\n", "#standin: sleepPerStep <<sleep>>", "#@var steps type=Integer default=20 min=1",
            "#@var temp type=Number default=310 min=0 max=500", "#@var out type=Text", "structure mol.psf",
            "outputName <<out>>", "temperature <<temp>>", "run <<steps>>", "");

    @Test
    void defaultRendererAppliesDefaultsAndTakesUndeclaredValues() throws StepException {
        String r = ConfigRenderer.PLACEHOLDERS.render(T, Map.of("out", "stage1", "sleep", "0.1"));
        assertEquals("#standin: sleepPerStep 0.1\nstructure mol.psf\noutputName stage1\ntemperature 310\nrun 20\n", r);
    }

    @Test
    void defaultRendererNamesMissingVariableAndLine() {
        StepException e = assertThrows(StepException.class, () -> ConfigRenderer.PLACEHOLDERS.render(T, Map.of("sleep", "0")));
        assertTrue(e.getMessage().contains("template:4: variable 'out' needs a value") && e.getMessage().contains("used on line 6"),
                e.getMessage());
        assertEquals(ClusterException.Kind.INVALID_REQUEST, e.getKind());
        StepException u = assertThrows(StepException.class, () -> ConfigRenderer.PLACEHOLDERS.render(T, Map.of("out", "x")));
        assertTrue(u.getMessage().contains("template:1: template variable 'sleep' has no value"), u.getMessage());
    }

    @Test
    void defaultRendererChecksDeclaredTypes() {
        StepException e = assertThrows(StepException.class,
                () -> ConfigRenderer.PLACEHOLDERS.render(T, Map.of("out", "x", "sleep", "0", "temp", "600", "steps", "many")));
        assertTrue(e.getMessage().contains("'temp' must be at most 500, not 600"), e.getMessage());
        assertTrue(e.getMessage().contains("'steps' must be an integer, not 'many'"), e.getMessage());
    }

    @Test
    void templateRendererUsesBuiltInDefaults() throws StepException {
        String r = new TemplateConfigRenderer(BuiltInTemplates.VACUUM_OPTIMIZATION_V1)
                .render(BuiltInTemplates.text(BuiltInTemplates.VACUUM_OPTIMIZATION_V1), Map.of());
        assertTrue(!r.contains("<<") && r.contains("outputName"), r);
        StepException e = assertThrows(StepException.class, () -> new TemplateConfigRenderer("vac")
                .render(BuiltInTemplates.text(BuiltInTemplates.VACUUM_OPTIMIZATION_V1), Map.of("temperature", "warm")));
        assertTrue(e.getMessage().contains("'temperature' must be a number, not 'warm'"), e.getMessage());
    }
}
