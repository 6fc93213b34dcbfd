package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.xtext.resource.XtextResource;
import org.junit.jupiter.api.Test;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.model.NamdDocument;

/** Every real NAMD config of testdata/namd/corpus parses and validates with zero errors. */
class CorpusValidationTest {

    @Test
    void everyCorpusFileParsesWithoutSyntaxErrors() throws Exception {
        for (Path f : Corpus.files()) {
            XtextResource r = NamdLanguage.parse(Corpus.read(f), f.getFileName().toString());
            assertEquals(List.of(), r.getErrors().stream().map(e -> f.getFileName() + ":" + e.getLine() + ": " + e.getMessage()).toList());
        }
    }

    @Test
    void everyCorpusFileValidatesWithZeroErrors() throws Exception {
        int files = 0;
        for (Path f : Corpus.files()) {
            List<NamdLanguage.Finding> findings = NamdLanguage.validate(Corpus.read(f), f.getFileName().toString());
            findings.forEach(x -> System.out.println(x.format(f.getFileName().toString())));
            assertEquals(List.of(), findings.stream().filter(NamdLanguage.Finding::error).map(x -> x.format(f.getFileName().toString())).toList());
            files++;
        }
        assertTrue(files >= 10, "corpus has " + files + " files");
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
