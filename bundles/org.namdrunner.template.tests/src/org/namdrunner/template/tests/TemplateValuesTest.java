package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.namdrunner.template.render.RenderResult;
import org.namdrunner.template.render.TemplateRenderer;
import org.namdrunner.template.render.TemplateValues;

/**
 * {@code #@var} defaults, missing values and declared types, for both renderers: the template language's
 * {@link TemplateRenderer} (rendered config validated as NAMD) and {@link TemplateValues#renderLenient} (used by the
 * lifecycle, workflows and plain configs).
 */
class TemplateValuesTest {
    /** line 1..5 declarations, 6.. commands */
    static final String T = String.join("\n",
            "# a stage",
            "#@var temp type=Number default=310 min=0 max=1000",
            "#@var steps type=Integer min=1",
            "#@var pme type=Boolean default=on",
            "#@var psf type=File ext=\".psf\" default=sys.psf",
            "structure <<psf>>",
            "coordinates sys.pdb",
            "temperature <<temp>>",
            "PME <<pme>>",
            "run <<steps>>",
            "");

    private static RenderResult lenient(String t, Map<String, String> v) {
        return TemplateValues.renderLenient(t, "stage.namd", v);
    }

    @Test
    void defaultsApplyWhenNoValueIsGiven() {
        RenderResult r = lenient(T, Map.of("steps", "100"));
        assertEquals(List.of(), r.errors());
        assertEquals("# a stage\nstructure sys.psf\ncoordinates sys.pdb\ntemperature 310\nPME on\nrun 100\n", r.text());
        RenderResult given = lenient(T, Map.of("steps", "100", "temp", "300", "pme", "no", "psf", "other.psf"));
        assertTrue(given.text().contains("temperature 300\nPME off\nrun 100"), given.text());
        assertTrue(given.text().contains("structure other.psf"), given.text());
    }

    @Test
    void missingValueWithoutDefaultNamesVariableAndLines() {
        RenderResult r = lenient(T, Map.of());
        assertNull(r.text());
        assertEquals(1, r.errors().size(), r.errors().toString());
        String e = r.errors().get(0);
        assertTrue(e.startsWith("stage.namd:3: variable 'steps' needs a value"), e);
        assertTrue(e.contains("used on line 10"), e);
    }

    @Test
    void valuesAreCheckedAgainstTheDeclaration() {
        assertError(Map.of("steps", "100", "temp", "hot"), "stage.namd:2: 'temp' must be a number, not 'hot'");
        assertError(Map.of("steps", "100", "temp", "1200"), "stage.namd:2: 'temp' must be at most 1000, not 1200");
        assertError(Map.of("steps", "100", "temp", "-1"), "'temp' must be at least 0");
        assertError(Map.of("steps", "0"), "stage.namd:3: 'steps' must be at least 1, not 0");
        assertError(Map.of("steps", "2.5"), "'steps' must be an integer");
        assertError(Map.of("steps", "10", "pme", "maybe"), "stage.namd:4: 'pme' must be on/off");
        assertError(Map.of("steps", "10", "psf", "sys.pdb"), "stage.namd:5: 'psf' must be a file ending in .psf, not 'sys.pdb'");
        assertError(Map.of("steps", "10", "psf", "a;b.psf"), "Tcl special characters");
        // the message says what was declared
        assertError(Map.of("steps", "10", "temp", "1200"), "(declared Number min=0 max=1000)");
    }

    @Test
    void badDefaultIsReportedAsSuch() {
        String t = "#@var n type=Integer default=abc\nrun <<n>>\n";
        RenderResult r = lenient(t, Map.of());
        assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("stage.namd:1: default value of 'n' is invalid")), r.errors().toString());
        assertEquals("run 5\n", lenient(t, Map.of("n", "5")).text());
    }

    @Test
    void undeclaredPlaceholdersTakeGivenValuesOrFailWithTheirLine() {
        String t = "structure <<psf>>\n\nrun << steps >>\n";
        assertEquals("structure a.psf\n\nrun 7\n", lenient(t, Map.of("psf", "a.psf", "steps", "7", "unused", "x")).text());
        RenderResult r = lenient(t, Map.of("psf", "a.psf"));
        assertEquals(List.of("stage.namd:3: template variable 'steps' has no value (and no #@var declaration with a default)"), r.errors());
    }

    @Test
    void badDeclarationsAreErrorsWithTheirLine() {
        RenderResult r = lenient("run 1\n#@var x type=Colour\n", Map.of());
        assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("stage.namd:2: bad #@var declaration: unknown type 'Colour'")), r.errors().toString());
        RenderResult d = lenient("#@var x type=Integer default=1\n#@var x type=Integer default=2\nrun <<x>>\n", Map.of());
        assertTrue(d.errors().stream().anyMatch(e -> e.contains(":2: variable 'x' is declared twice (first on line 1)")), d.errors().toString());
    }

    @Test
    void variablesListsDeclaredAndUsedNames() {
        assertEquals(Set.of("temp", "steps", "pme", "psf"), TemplateValues.variables(T));
        assertEquals(Set.of("a", "b"), TemplateValues.variables("#@var a type=Integer default=1\nx <<b>>\n"));
    }

    @Test
    void templateRendererAppliesDefaultsAndReportsLines() {
        String t = String.join("\n", "#@var temp type=Number default=310 min=0", "#@var steps type=Integer min=1",
                "structure sys.psf", "coordinates sys.pdb", "paraTypeCharmm on", "parameters par.prm", "exclude scaled1-4",
                "1-4scaling 1.0", "cutoff 12; switchdist 10", "timestep 1", "temperature <<temp>>", "outputName out", "run <<steps>>", "");
        RenderResult ok = TemplateRenderer.render(t, "t.namd", Map.of("steps", "100"));
        assertEquals(List.of(), ok.errors());
        assertTrue(ok.text().contains("temperature 310") && ok.text().contains("run 100"), ok.text());
        RenderResult missing = TemplateRenderer.render(t, "t.namd", Map.of());
        assertTrue(missing.errors().stream().anyMatch(e -> e.startsWith("t.namd:2: variable 'steps' needs a value") && e.contains("line 13")),
                missing.errors().toString());
        RenderResult bad = TemplateRenderer.render(t, "t.namd", Map.of("steps", "100", "temp", "-3"));
        assertTrue(bad.errors().stream().anyMatch(e -> e.startsWith("t.namd:1: 'temp' must be at least 0")), bad.errors().toString());
    }

    private static void assertError(Map<String, String> values, String expected) {
        RenderResult r = lenient(T, values);
        assertNull(r.text(), "rendered despite " + values);
        assertTrue(r.errors().stream().anyMatch(e -> e.contains(expected)), "expected '" + expected + "' in " + r.errors());
    }
}
