package org.namdrunner.template.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.template.catalog.KeywordCatalog;
import org.namdrunner.template.ide.NamdHighlighting;
import org.namdrunner.template.ide.NamdIdeServices;

/** The editor's lexical colouring: token rules, and agreement with the ide's semantic highlighting. */
@Tag("ui")
class NamdLexerTest {

    private final NamdLexer lexer = new NamdLexer(KeywordCatalog.standard());

    private String styleAt(String text, String part) {
        int offset = text.indexOf(part);
        assertTrue(offset >= 0, part);
        for (NamdLexer.Token t : lexer.tokens(text, 0, text.length())) {
            if (offset >= t.offset() && offset < t.offset() + t.length()) {
                return t.style();
            }
        }
        throw new AssertionError("no token at " + part);
    }

    @Test
    void tokensCoverTheTextWithoutGaps() {
        String text = "set a 1\ncutoff 12 ;# c\nif {$a} {\n  puts \"x <<v>> $a\"\n}\n";
        int expected = 0;
        for (NamdLexer.Token t : lexer.tokens(text, 0, text.length())) {
            assertEquals(expected, t.offset(), "gap or overlap before " + t);
            expected += t.length();
        }
        assertEquals(text.length(), expected);
    }

    @Test
    void wordRulesFollowTheGrammar() {
        String text = """
                langevinTemp=310 # trailing comment
                timestep 2fs
                cutoff 12 A
                cellBasisVector1 10.0,0,0
                outputName ${base}_out
                #@var base type=Text
                structure "<<psf>>"
                minimize \\
                    100
                notAKeyword x; run 10
                """;
        assertEquals(NamdHighlighting.KEYWORD, styleAt(text, "langevinTemp"));
        assertEquals(NamdHighlighting.NUMBER, styleAt(text, "310"));
        assertEquals(NamdHighlighting.COMMENT, styleAt(text, "# trailing"));
        assertEquals(NamdHighlighting.NUMBER, styleAt(text, "2fs"));
        assertEquals(NamdHighlighting.NUMBER, styleAt(text, "A\ncell"), "a unit after a number");
        assertEquals(NamdHighlighting.NUMBER, styleAt(text, "10.0,0,0"));
        assertEquals(NamdHighlighting.VARIABLE, styleAt(text, "${base}"));
        assertEquals(NamdStyles.DEFAULT, styleAt(text, "_out"));
        assertEquals(NamdHighlighting.DECLARATION, styleAt(text, "#@var"));
        assertEquals(NamdHighlighting.PLACEHOLDER, styleAt(text, "<<psf>>"));
        assertEquals(NamdHighlighting.STRING, styleAt(text, "\"<<psf"));
        assertEquals(NamdHighlighting.COMMAND, styleAt(text, "minimize"));
        assertEquals(NamdHighlighting.NUMBER, styleAt(text, "100"), "a continued line is not a new command");
        assertEquals(NamdHighlighting.UNKNOWN, styleAt(text, "notAKeyword"));
        assertEquals(NamdHighlighting.COMMAND, styleAt(text, "run 10"), "';' starts a command");
    }

    @Test
    void lexerAgreesWithTheSemanticHighlightingOnTheCorpus() throws Exception {
        Path corpus = Path.of(System.getProperty("namdrunner.testdata", "../../testdata"), "namd", "corpus");
        assertTrue(Files.isDirectory(corpus), "corpus missing: " + corpus + " (system property namdrunner.testdata)");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(p -> !p.toString().endsWith(".tsv")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "corpus files: " + files.size());
        int ranges = 0;
        List<String> differences = new ArrayList<>();
        for (Path p : files) {
            String text = Files.readString(p);
            String[] style = new String[text.length() + 1];
            for (NamdLexer.Token t : lexer.tokens(text, 0, text.length())) {
                for (int i = t.offset(); i < t.offset() + t.length(); i++) {
                    style[i] = t.style();
                }
            }
            for (NamdIdeServices.HighlightedRange r : NamdIdeServices.get().highlight(text)) {
                ranges++;
                String mine = style[r.offset()];
                // after the first run NAMD treats a keyword name as a command: the lexer cannot know
                boolean afterRun = r.style().equals(NamdHighlighting.COMMAND) && NamdHighlighting.KEYWORD.equals(mine);
                // a call of a proc the file defines: the ide knows the file's procs, the lexer (which sees only the
                // damaged lines) leaves the name black, as the author guide says
                String word = text.substring(r.offset(), r.offset() + r.length());
                boolean fileProc = r.style().equals(NamdHighlighting.COMMAND) && !NamdHighlighting.COMMAND.equals(mine)
                        && java.util.regex.Pattern.compile("(?m)^\\s*proc\\s+" + java.util.regex.Pattern.quote(word) + "\\s").matcher(text).find();
                if (!r.style().equals(mine) && !afterRun && !fileProc) {
                    differences.add(p.getFileName() + "@" + r.offset() + ": ide " + r.style() + ", lexer " + mine + " '"
                            + text.substring(r.offset(), Math.min(text.length(), r.offset() + Math.min(30, r.length()))) + "'");
                }
            }
        }
        assertTrue(ranges > 1000, "ranges compared: " + ranges);
        assertEquals(List.of(), differences);
    }
}
