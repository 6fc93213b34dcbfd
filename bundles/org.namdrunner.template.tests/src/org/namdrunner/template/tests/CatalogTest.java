package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.catalog.KeywordCatalog;
import org.namdrunner.template.catalog.KeywordInfo;
import org.namdrunner.template.validation.NamdRules;

/** The bundle's catalog is the shared one, and the validator agrees with it keyword by keyword. */
class CatalogTest {

    @Test
    void bundleCatalogEqualsSharedCatalog() throws Exception {
        for (String name : List.of("keywords.tsv", "tcl_commands.tsv")) {
            byte[] shared = Files.readAllBytes(Corpus.shared().resolve("namd").resolve(name));
            try (InputStream in = KeywordCatalog.class.getResourceAsStream("/resources/catalog/" + name)) {
                assertNotNull(in, "bundle resource " + name);
                assertArrayEquals(shared, in.readAllBytes(), name + " in the bundle differs from ../shared/namd/" + name
                        + ": copy it again (see resources/catalog/README.md)");
            }
        }
    }

    @Test
    void catalogHasEveryRowOfTheSharedTsv() throws Exception {
        List<String> lines = Files.readAllLines(Corpus.shared().resolve("namd").resolve("keywords.tsv"));
        KeywordCatalog c = KeywordCatalog.standard();
        assertEquals(lines.size() - 1, c.all().size());
        assertTrue(c.keyword("LANGEVINTEMP").isPresent(), "case-insensitive lookup");
        assertEquals("Langevin", c.keyword("langevinTemp").get().parent());
        assertEquals("fs", c.keyword("timestep").get().units());
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
            case "float" -> "1.5";
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
