package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.catalog.KeywordCatalog;
import org.namdrunner.template.catalog.KeywordInfo;
import org.namdrunner.template.validation.NamdRules;

/** The bundle's catalog is well-formed and complete, and the validator agrees with it keyword by keyword. */
class CatalogTest {

    private static final List<String> KEYWORD_COLUMNS = List.of("keyword", "parent", "type", "default", "source",
            "required_if_parent_set", "base_type", "range", "units", "multiple_allowed", "settable_after_run", "enum_values",
            "ug_section", "scope", "build_condition", "src_func", "namd_versions");
    private static final List<String> COMMAND_COLUMNS = List.of("command", "kind", "args", "description", "source");

    /** The rows of a catalog TSV in the bundle, each with exactly the header's columns (fails otherwise). */
    private static List<Map<String, String>> rows(String name, List<String> columns) throws Exception {
        List<String> lines;
        try (InputStream in = KeywordCatalog.class.getResourceAsStream("/resources/catalog/" + name)) {
            assertNotNull(in, "bundle resource " + name);
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertEquals(columns, List.of(lines.get(0).split("\t", -1)), name + " header");
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split("\t", -1);
            assertEquals(columns.size(), cells.length, name + ":" + (i + 1) + " has " + cells.length + " cells: " + lines.get(i));
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < cells.length; c++) {
                row.put(columns.get(c), cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * namd_checks.tsv: every NAMD_die / iWARN of NAMD 3.0's SimParameters::check_config and scriptSet with its decision. A
     * rule row names a rule the validator has; every other row says why it is not a rule here; build variants are never
     * rules of the standard build; every namd.* rule that reproduces a start-up check appears in the table.
     */
    @Test
    void everyNamdStartupCheckHasADecision() throws Exception {
        List<Map<String, String>> rows = rows("namd_checks.tsv", List.of("line", "function", "kind", "build", "message", "decision",
                "rule_or_reason"));
        assertTrue(rows.size() >= 250, "rows: " + rows.size());
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (java.lang.reflect.Field f : NamdRules.class.getFields()) {
            if (f.getType() == String.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                codes.add((String) f.get(null));
            }
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Map<String, String> r : rows) {
            String decision = r.get("decision");
            String why = r.get("rule_or_reason");
            if (!List.of("rule", "variant", "runtime", "contents", "advice", "unreachable", "unchecked").contains(decision) || why.isBlank()) {
                problems.add(r.get("line") + ": decision '" + decision + "' / '" + why + "'");
            }
            if (decision.equals("rule")) {
                String code = why.split(" ")[0];
                if (!codes.contains(code)) {
                    problems.add(r.get("line") + ": unknown rule " + code);
                }
                used.add(code);
                String b = r.get("build");
                // the standard build: not memory-optimised, no PME grid test, no FMM library
                if (!b.isEmpty() && !b.equals("!MEM_OPT_VERSION") && !b.equals("!(TEST_PME_GRID)") && !b.equals("!(FMM_SOLVER)")) {
                    problems.add(r.get("line") + ": a rule from build variant " + b);
                }
            }
            if (decision.equals("variant") && r.get("build").isEmpty()) {
                problems.add(r.get("line") + ": variant without a build condition");
            }
        }
        for (String c : List.of(NamdRules.DISTANCES, NamdRules.PME_GRID, NamdRules.PME_NEEDS_CELL, NamdRules.CONFLICT, NamdRules.FREQUENCY,
                NamdRules.REQUIRED_MISSING, NamdRules.NOT_SETTABLE_AFTER_RUN, NamdRules.BAD_RANGE)) {
            if (!used.contains(c)) {
                problems.add(c + " reproduces a NAMD check but no row names it");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyKeywordRowIsWellFormedAndLoaded() throws Exception {
        List<Map<String, String>> rows = rows("keywords.tsv", KEYWORD_COLUMNS);
        KeywordCatalog c = KeywordCatalog.standard();
        assertEquals(rows.size(), c.all().size(), "every row of keywords.tsv becomes a catalog entry");
        List<String> problems = new ArrayList<>();
        for (Map<String, String> r : rows) {
            String k = r.get("keyword");
            if (k.isBlank() || r.get("source").isBlank() || r.get("scope").isBlank()) {
                problems.add(k + ": keyword, source and scope must be set");
            }
            if (!"core".equals(r.get("scope"))) {
                continue;
            }
            if (!Set.of("bool", "string", "int", "float", "vector").contains(r.get("base_type"))) {
                problems.add(k + ": base_type '" + r.get("base_type") + "'");
            }
            for (String yesNo : List.of("required_if_parent_set", "multiple_allowed", "settable_after_run")) {
                if (!Set.of("yes", "no").contains(r.get(yesNo))) {
                    problems.add(k + ": " + yesNo + " '" + r.get(yesNo) + "'");
                }
            }
            if (!Set.of("", "POSITIVE", "NOT_NEGATIVE").contains(r.get("range"))) {
                problems.add(k + ": range '" + r.get("range") + "'");
            }
            if ("enum".equals(r.get("type")) && r.get("enum_values").isBlank()) {
                problems.add(k + ": an enum without values");
            }
            if (!r.get("parent").isEmpty() && c.keyword(r.get("parent")).isEmpty()) {
                problems.add(k + ": parent '" + r.get("parent") + "' is not a keyword");
            }
            if (c.keyword(k).isEmpty()) {
                problems.add(k + ": not found by lookup");
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(c.coreKeywords().size() > 600, "core keywords: " + c.coreKeywords().size());
    }

    @Test
    void everyCommandRowIsWellFormedAndLoaded() throws Exception {
        KeywordCatalog c = KeywordCatalog.standard();
        List<String> problems = new ArrayList<>();
        List<Map<String, String>> rows = rows("tcl_commands.tsv", COMMAND_COLUMNS);
        for (Map<String, String> r : rows) {
            if (r.get("command").isBlank() || r.get("kind").isBlank()) {
                problems.add(r + ": command and kind must be set");
            }
            for (String name : r.get("command").split("/")) {
                if (!name.isBlank() && c.command(name).isEmpty()) {
                    problems.add(name + ": not found by lookup");
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(rows.size() > 100, "commands: " + rows.size());
    }

    @Test
    void wellKnownKeywordsAndCommandsHaveTheirFacts() {
        KeywordCatalog c = KeywordCatalog.standard();
        assertTrue(c.keyword("LANGEVINTEMP").isPresent(), "case-insensitive lookup");
        assertEquals("Langevin", c.keyword("langevinTemp").get().parent());
        assertEquals("K", c.keyword("langevinTemp").get().units());
        assertEquals("fs", c.keyword("timestep").get().units());
        assertEquals("1.0", c.keyword("timestep").get().defaultValue());
        assertEquals("A", c.keyword("cutoff").get().units());
        assertEquals("POSITIVE", c.keyword("cutoff").get().range());
        assertTrue(c.keyword("PME").get().isBool());
        assertTrue(c.keyword("structure").get().isFile());
        assertTrue(c.keyword("coordinates").get().isFile());
        assertTrue(c.keyword("numsteps").get().isInt());
        assertTrue(c.keyword("outputName").isPresent());
        assertTrue(c.children("Langevin").stream().anyMatch(k -> k.name().equals("langevinDamping")), "children of Langevin");
        for (String command : List.of("run", "minimize", "reinitvels", "set", "proc", "source")) {
            assertTrue(c.command(command).isPresent(), command);
        }
        assertTrue(c.keyword("notAKeyword").isEmpty());
    }

    /** A value NAMD accepts for the keyword (from its type and range). */
    static String validValue(KeywordInfo k) {
        if (k.isBool()) {
            return "on";
        }
        if (k.isEnum()) {
            return k.enumValues().get(0);
        }
        return switch (k.baseType()) {
            case "int" -> "2";
            case "float" -> k.name().startsWith("alch") && k.name().contains("Lambda") ? "0.5" : "1.5"; // lambdas lie in [0, 1]
            case "vector" -> "1 2 3";
            default -> k.isFile() ? "file.dat" : "text";
        };
    }

    /** A value NAMD rejects for the keyword's type, or null for free text/file keywords. */
    static String invalidValue(KeywordInfo k) {
        if (k.isBool()) {
            return "maybe";
        }
        if (k.isEnum()) {
            return "not_a_choice";
        }
        return switch (k.baseType()) {
            case "int" -> "2.5";
            case "float" -> "abc";
            case "vector" -> "1 2";
            default -> null;
        };
    }

    @Test
    void everyCatalogKeywordIsAcceptedWithAValidValue() {
        KeywordCatalog c = KeywordCatalog.standard();
        List<String> rejected = new ArrayList<>();
        for (KeywordInfo k : c.coreKeywords()) {
            // placed inside a proc: checked like any keyword, but no whole-file rules (parents, required...) apply
            String text = "proc p {} {\n    " + k.name() + " " + validValue(k) + "\n}\n";
            List<NamdLanguage.Finding> f = NamdLanguage.validate(text, "k.namd");
            // whole-file rules (required children, companions) are not about the keyword itself
            f.stream().filter(x -> Set.of(NamdRules.UNKNOWN_KEYWORD, NamdRules.BAD_VALUE, NamdRules.BAD_RANGE, NamdRules.BAD_UNIT).contains(x.code()))
                    .forEach(x -> rejected.add(k.name() + ": " + x.message()));
        }
        assertEquals(List.of(), rejected);
        assertTrue(c.coreKeywords().size() > 600, "core keywords: " + c.coreKeywords().size());
    }

    @Test
    void everyTypedKeywordRejectsAWrongValue() {
        KeywordCatalog c = KeywordCatalog.standard();
        List<String> accepted = new ArrayList<>();
        Set<String> typesChecked = new TreeSet<>();
        for (KeywordInfo k : c.coreKeywords()) {
            String bad = invalidValue(k);
            if (bad == null) {
                continue;
            }
            String text = "proc p {} {\n    " + k.name() + " " + bad + "\n}\n";
            boolean reported = NamdLanguage.validate(text, "k.namd").stream()
                    .anyMatch(f -> f.error() && NamdRules.BAD_VALUE.equals(f.code()) && f.line() == 2);
            if (!reported) {
                accepted.add(k.name() + " " + bad);
            }
            typesChecked.add(k.isEnum() ? "enum" : k.baseType());
        }
        assertEquals(List.of(), accepted);
        assertEquals(Set.of("bool", "enum", "float", "int", "vector"), typesChecked);
    }

    @Test
    void rangesAreChecked() {
        KeywordCatalog c = KeywordCatalog.standard();
        List<String> missed = new ArrayList<>();
        for (KeywordInfo k : c.coreKeywords()) {
            if (k.range().isEmpty() || !(k.isInt() || k.isFloat())) {
                continue;
            }
            String bad = "POSITIVE".equals(k.range()) ? "0" : "-1";
            String text = "proc p {} {\n    " + k.name() + " " + bad + "\n}\n";
            if (NamdLanguage.validate(text, "k.namd").stream().noneMatch(f -> NamdRules.BAD_RANGE.equals(f.code()))) {
                missed.add(k.name());
            }
        }
        assertEquals(List.of(), missed);
    }
}
