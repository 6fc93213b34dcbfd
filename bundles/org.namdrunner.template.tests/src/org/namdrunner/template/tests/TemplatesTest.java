package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.render.BuiltInTemplates;
import org.namdrunner.template.render.RenderResult;
import org.namdrunner.template.render.TemplateRenderer;

/** The built-in templates are valid templates, render with their defaults and with toggles, and refuse bad values. */
class TemplatesTest {

    @ParameterizedTest
    @ValueSource(strings = { BuiltInTemplates.VACUUM_OPTIMIZATION_V1, BuiltInTemplates.EXPLICIT_SOLVENT_NPT_V1,
            BuiltInTemplates.GPU_RESIDENT_PRODUCTION_V1 })
    void templateValidatesWithoutErrorsOrWarnings(String id) {
        List<NamdLanguage.Finding> f = NamdLanguage.validate(BuiltInTemplates.text(id), id + ".namd");
        assertEquals(List.of(), f.stream().map(x -> x.format(id)).toList());
        NamdDocument doc = NamdLanguage.analyze(NamdLanguage.parse(BuiltInTemplates.text(id), id));
        assertTrue(doc.declarations().size() >= 15, id + " declares " + doc.declarations().keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = { BuiltInTemplates.VACUUM_OPTIMIZATION_V1, BuiltInTemplates.EXPLICIT_SOLVENT_NPT_V1,
            BuiltInTemplates.GPU_RESIDENT_PRODUCTION_V1 })
    void rendersWithDefaultsAndValidatesClean(String id) {
        RenderResult r = TemplateRenderer.render(BuiltInTemplates.text(id), id, Map.of());
        assertTrue(r.ok(), r.errors().toString());
        assertFalse(r.text().contains("<<"), r.text());
        assertFalse(r.text().lines().anyMatch(l -> l.startsWith("#@var")), r.text());
        assertEquals(List.of(), NamdLanguage.validate(r.text(), id + ".namd").stream().map(x -> x.format(id)).toList());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void explicitSolventTogglesRenderClean() {
        String t = BuiltInTemplates.text(BuiltInTemplates.EXPLICIT_SOLVENT_NPT_V1);
        for (Map<String, String> values : List.of(
                Map.of("minimize_stage", "on", "use_npt", "off"),
                Map.of("use_pme", "off", "use_npt", "off", "cell_x", "60.5"),
                Map.of("use_extrabonds", "yes", "extrabonds_file", "net.enm.extra", "full_elect_frequency", "4"),
                Map.of("dcd_freq", "1000", "xst_freq", "2000", "energy_freq", "500", "pressure_freq", "500", "margin", "3",
                        "langevin_damping", "5", "run_steps", "1000000"))) {
            RenderResult r = TemplateRenderer.render(t, "npt", values);
            assertTrue(r.ok(), values + ": " + r.errors());
            assertEquals(List.of(), NamdLanguage.validate(r.text(), "npt.namd").stream().filter(NamdLanguage.Finding::error).toList());
        }
        RenderResult r = TemplateRenderer.render(t, "npt", Map.of("use_extrabonds", "on", "extrabonds_file", "k.exb", "use_npt", "off"));
        assertTrue(r.text().contains("extraBondsFile  k.exb"), r.text());
        assertTrue(r.text().contains("if {off} {\n    useGroupPressure"), r.text());
        assertTrue(r.text().contains("cellBasisVector1    80 0 0"), r.text());
    }

    @Test
    void vacuumDynamicsStageRendersRun() {
        RenderResult r = TemplateRenderer.render(BuiltInTemplates.text(BuiltInTemplates.VACUUM_OPTIMIZATION_V1), "vac",
                Map.of("minimize_stage", "off", "run_steps", "2000", "temperature", "300"));
        assertTrue(r.ok(), r.errors().toString());
        assertTrue(r.text().contains("run             2000"));
        assertTrue(r.text().contains("langevinTemp        300"));
    }

    @Test
    void badValuesRenderNothing() {
        String t = BuiltInTemplates.text(BuiltInTemplates.EXPLICIT_SOLVENT_NPT_V1);
        assertBad(t, Map.of("temperature", "hot"), "'temperature' must be a number");
        assertBad(t, Map.of("temperature", "-5"), "at least 0");
        assertBad(t, Map.of("run_steps", "10.5"), "integer");
        assertBad(t, Map.of("use_pme", "maybe"), "on/off");
        assertBad(t, Map.of("extrabonds_file", "k.txt"), ".exb or .enm.extra");
        assertBad(t, Map.of("output_name", "a; exec rm -rf /"), "Tcl special characters");
        assertBad(t, Map.of("no_such_variable", "1"), "unknown variable 'no_such_variable'");
        // valid per declaration, but NAMD would reject the rendered config: nothing rendered
        assertBad(t, Map.of("run_steps", "1001"), "multiple of stepspercycle");
        assertBad(t, Map.of("full_elect_frequency", "3"), "multiple of fullElectFrequency");
    }

    @Test
    void missingValueWithoutDefaultIsAnError() {
        String t = "#@var psf type=File ext=\".psf\"\nstructure <<psf>>\n";
        assertBad(t, Map.of(), "'psf' needs a value");
        RenderResult ok = TemplateRenderer.render(t, "t", Map.of("psf", "a.psf"));
        assertEquals(List.of(), ok.errors());
        assertEquals("structure a.psf\n", ok.text());
    }

    @Test
    void templateWithUndeclaredVariableDoesNotRender() {
        assertBad("structure <<psf>>\n", Map.of(), "not declared");
    }

    private static void assertBad(String template, Map<String, String> values, String expected) {
        RenderResult r = TemplateRenderer.render(template, "t", values);
        assertNull(r.text(), "rendered despite " + values);
        assertTrue(r.errors().stream().anyMatch(e -> e.contains(expected)), "expected '" + expected + "' in " + r.errors());
    }
}
