package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.junit.jupiter.api.Test;
import org.namdrunner.template.ide.NamdHighlighting;
import org.namdrunner.template.ide.NamdIdeServices;
import org.namdrunner.template.render.BuiltInTemplates;

/** Completion, hover and highlighting through the ide services, on real documents. */
class IdeServicesTest {

    private final NamdIdeServices ide = NamdIdeServices.get();

    private static String corpusFile(String part) throws Exception {
        Path f = Corpus.files().stream().filter(p -> p.getFileName().toString().contains(part)).findFirst().orElseThrow();
        return Corpus.read(f);
    }

    private static List<String> proposals(List<ContentAssistEntry> entries) {
        return entries.stream().map(ContentAssistEntry::getProposal).toList();
    }

    @Test
    void keywordPrefixCompletionInARealConfig() throws Exception {
        String text = corpusFile("step4_equilibration");
        int at = text.indexOf("langevinDamping");
        // the user has typed "langevinT" at the start of the langevinDamping line
        String doc = text.substring(0, at) + "langevinT\n" + text.substring(at);
        List<ContentAssistEntry> entries = ide.complete(doc, at + "langevinT".length());
        List<String> names = proposals(entries);
        assertTrue(names.contains("langevinTemp"), names.toString());
        assertTrue(names.stream().allMatch(n -> n.toLowerCase().startsWith("langevint")), names.toString());
        ContentAssistEntry e = entries.stream().filter(x -> x.getProposal().equals("langevinTemp")).findFirst().orElseThrow();
        assertEquals("langevinT", e.getPrefix());
        assertTrue(e.getDocumentation().contains("Langevin"), e.getDocumentation());
    }

    @Test
    void caseInsensitivePrefixProposesCanonicalSpelling() {
        String doc = "structure a.psf\npmegrid";
        List<String> names = proposals(ide.complete(doc, doc.length()));
        assertTrue(names.contains("PMEGridSpacing"), names.toString());
        assertTrue(names.contains("PMEGridSizeX"), names.toString());
    }

    @Test
    void commandsAreProposedToo() {
        String doc = "cutoff 12\nminim";
        List<String> names = proposals(ide.complete(doc, doc.length()));
        assertTrue(names.contains("minimize"), names.toString());
        assertTrue(names.contains("minimization"), names.toString());
    }

    @Test
    void placeholderCompletionProposesDeclaredVariables() {
        String template = BuiltInTemplates.text(BuiltInTemplates.EXPLICIT_SOLVENT_NPT_V1);
        int at = template.indexOf("margin              <<margin>>");
        String doc = template.substring(0, at) + "margin              <<ma\n" + template.substring(template.indexOf('\n', at) + 1);
        int offset = at + "margin              <<ma".length();
        List<ContentAssistEntry> entries = ide.complete(doc, offset);
        assertEquals(List.of("<<margin>>"), proposals(entries));
        assertEquals("<<ma", entries.get(0).getPrefix());
        assertTrue(entries.get(0).getDocumentation().contains("Margin"), entries.get(0).getDocumentation());

        String all = template.substring(0, at) + "margin              <<\n" + template.substring(template.indexOf('\n', at) + 1);
        List<String> names = proposals(ide.complete(all, at + "margin              <<".length()));
        assertTrue(names.size() >= 25 && names.contains("<<temperature>>") && names.contains("<<use_pme>>"), names.toString());
        assertFalse(names.contains("<<"), "the typed '<<' itself is not proposed");
    }

    @Test
    void booleanAndEnumValuesAreProposed() {
        assertEquals(List.of("on", "off"), proposals(ide.complete("wrapAll ", 8)));
        String doc = "exclude scal";
        assertEquals(List.of("scaled1-4"), proposals(ide.complete(doc, doc.length())));
    }

    @Test
    void noProposalsInsideComments() {
        String doc = "# langev";
        assertEquals(List.of(), proposals(ide.complete(doc, doc.length())));
    }

    @Test
    void hoverOnKeywordCommandAndVariable() throws Exception {
        String text = corpusFile("cudaglobalmaster_example_alad");
        int at = text.indexOf("langevinDamping") + 3;
        Optional<NamdIdeServices.Hover> h = ide.hover(text, at);
        assertTrue(h.isPresent());
        assertEquals("langevinDamping", h.get().title());
        assertEquals(text.indexOf("langevinDamping"), h.get().offset());
        assertTrue(h.get().text().contains("number"), h.get().text());

        int run = text.lastIndexOf("run ");
        assertTrue(ide.hover(text, run + 1).get().text().toLowerCase().contains("steps"));

        String template = BuiltInTemplates.text(BuiltInTemplates.VACUUM_OPTIMIZATION_V1);
        int ph = template.indexOf("<<cutoff>>") + 3;
        NamdIdeServices.Hover v = ide.hover(template, ph).orElseThrow();
        assertEquals("<<cutoff>>", v.title());
        assertTrue(v.text().contains("default 12") && v.text().contains("Number"), v.text());

        assertTrue(ide.hover(text, text.indexOf("#Alanine") + 2).isEmpty(), "plain comment has no hover");
    }

    @Test
    void semanticHighlighting() {
        String doc = "#@var t type=Number default=300\n# comment\nset x 1\nlangevin on\nlangevinTemp <<t>>\nbogusKeyword $x\ncutoff 12\n";
        List<NamdIdeServices.HighlightedRange> r = ide.highlight(doc);
        assertStyle(r, doc, "#@var t", NamdHighlighting.DECLARATION);
        assertStyle(r, doc, "# comment", NamdHighlighting.COMMENT);
        assertStyle(r, doc, "set", NamdHighlighting.COMMAND);
        assertStyle(r, doc, "langevin ", NamdHighlighting.KEYWORD);
        assertStyle(r, doc, "on", NamdHighlighting.BOOLEAN);
        assertStyle(r, doc, "<<t>>", NamdHighlighting.PLACEHOLDER);
        assertStyle(r, doc, "bogusKeyword", NamdHighlighting.UNKNOWN);
        assertStyle(r, doc, "$x", NamdHighlighting.VARIABLE);
        assertStyle(r, doc, "12", NamdHighlighting.NUMBER);
    }

    private static void assertStyle(List<NamdIdeServices.HighlightedRange> ranges, String doc, String token, String style) {
        int at = doc.indexOf(token);
        assertTrue(ranges.stream().anyMatch(x -> x.offset() == at && style.equals(x.style())),
                token + " at " + at + " not " + style + ": " + ranges);
    }
}
