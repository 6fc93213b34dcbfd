package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.xtext.resource.XtextResource;
import org.junit.jupiter.api.Test;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.validation.ValidationOptions;

/** Every real NAMD config of testdata/namd/corpus parses and validates with zero false errors. */
class CorpusValidationTest {

    @Test
    void everyCorpusFileParsesWithoutSyntaxErrors() throws Exception {
        for (Path f : Corpus.files()) {
            XtextResource r = NamdLanguage.parse(Corpus.read(f), f.getFileName().toString());
            assertEquals(List.of(), r.getErrors().stream().map(e -> f.getFileName() + ":" + e.getLine() + ": " + e.getMessage()).toList());
        }
    }

    /**
     * Every real config validates with zero errors, except the files of KNOWN_BAD.tsv (file, rule code, the NAMD error it is),
     * which must report exactly those rules' errors: an error on a corpus file is either a real NAMD error, listed there with
     * its reason, or a false error that fails this test. Files the configs source are followed when they are in the corpus.
     */
    @Test
    void everyCorpusFileValidatesWithZeroFalseErrors() throws Exception {
        Map<String, Set<String>> knownBad = new HashMap<>();
        Path list = Corpus.corpus().resolve("KNOWN_BAD.tsv");
        if (Files.exists(list)) {
            for (String line : Files.readAllLines(list)) {
                String[] cells = line.split("\t");
                if (line.isBlank() || line.startsWith("file\t")) {
                    continue;
                }
                assertEquals(3, cells.length, "KNOWN_BAD.tsv: file, code, reason: " + line);
                knownBad.computeIfAbsent(cells[0], k -> new TreeSet<>()).add(cells[1]);
            }
        }
        ValidationOptions options = ValidationOptions.DEFAULT.withSourcesFrom(Corpus.corpus());
        int files = 0;
        List<String> problems = new ArrayList<>();
        for (Path f : Corpus.files()) {
            String name = f.getFileName().toString();
            List<NamdLanguage.Finding> findings = NamdLanguage.validate(Corpus.read(f), name, options);
            findings.forEach(x -> System.out.println(x.format(name)));
            List<NamdLanguage.Finding> errors = findings.stream().filter(NamdLanguage.Finding::error).toList();
            if (knownBad.containsKey(name)) {
                Set<String> codes = new TreeSet<>(errors.stream().map(NamdLanguage.Finding::code).toList());
                if (!knownBad.get(name).equals(codes)) {
                    problems.add(name + " is known bad with " + knownBad.get(name) + " but reports " + codes);
                }
            } else {
                errors.forEach(x -> problems.add(x.format(name) + " [" + x.code() + "]"));
            }
            files++;
        }
        // every file is checked before failing, so one run lists all false errors of the corpus
        assertEquals(List.of(), problems);
        assertTrue(files >= 60, "corpus has " + files + " files");
    }

    @Test
    void corpusKeywordsAreRecognized() throws Exception {
        // the analysis really sees keywords: CHARMM-GUI step4 sets many, including inside no Tcl at all
        Path f = Corpus.files().stream().filter(p -> p.getFileName().toString().contains("step4_equilibration")).findFirst().orElseThrow();
        NamdDocument doc = NamdLanguage.analyze(NamdLanguage.parse(Corpus.read(f), "step4.inp"));
        long keywords = doc.commands().stream().filter(c -> doc.catalog().keyword(c.name()).isPresent()).count();
        assertTrue(keywords > 80, "keywords seen: " + keywords);
        assertTrue(doc.sourcesOtherFiles());
    }
}
