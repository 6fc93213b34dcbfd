package org.namdrunner.core.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.namdrunner.core.text.LineDiff;
import org.namdrunner.core.text.LineDiff.Kind;
import org.namdrunner.core.text.LineDiff.Line;

class LineDiffTest {

    @Test
    void sameTextsHaveNoChangesAndAnEmptyUnifiedDiff() {
        String t = "a\nb\nc\n";
        assertTrue(LineDiff.unchanged(LineDiff.diff(t, t)));
        assertEquals("", LineDiff.unified(t, t, "a", "b", 3));
        // a missing final newline and CRLF line ends are not differences of lines
        assertTrue(LineDiff.unchanged(LineDiff.diff("a\nb\nc", "a\r\nb\r\nc\r\n")));
    }

    @Test
    void oneChangedLineInTheMiddle() {
        List<Line> d = LineDiff.diff("temperature 300\nrun 1000\nminimize 50\n", "temperature 310\nrun 1000\nminimize 50\n");
        assertEquals(List.of("-temperature 300", "+temperature 310", " run 1000", " minimize 50"),
                d.stream().map(Line::toString).toList());
        assertEquals(1, d.get(0).oldLine());
        assertEquals(0, d.get(0).newLine());
        assertEquals(1, d.get(1).newLine());
    }

    @Test
    void unifiedDiffMatchesDiffU() {
        // expected text as written by GNU diff -u for these inputs (compared with the output of GNU diff -u)
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            a.append("line ").append(i).append('\n');
            if (i == 3) {
                b.append("line 3 changed\n");
            } else if (i != 15) {
                b.append("line ").append(i).append('\n');
            }
            if (i == 20) {
                b.append("line 21 new\n");
            }
        }
        String u = LineDiff.unified(a.toString(), b.toString(), "rev 1", "rev 2", 3);
        assertEquals("""
                --- rev 1
                +++ rev 2
                @@ -1,6 +1,6 @@
                 line 1
                 line 2
                -line 3
                +line 3 changed
                 line 4
                 line 5
                 line 6
                @@ -12,9 +12,9 @@
                 line 12
                 line 13
                 line 14
                -line 15
                 line 16
                 line 17
                 line 18
                 line 19
                 line 20
                +line 21 new
                """, u);
    }

    @Test
    void emptySidesUseTheLineBeforeAsDiffUDoes() {
        assertEquals("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n", LineDiff.unified("", "x\ny\n", "a", "b", 3));
        assertEquals("--- a\n+++ b\n@@ -1,2 +0,0 @@\n-x\n-y\n", LineDiff.unified("x\ny\n", "", "a", "b", 3));
    }

    /** Applying the diff's kept and added lines gives the new text, its kept and removed lines the old one; and it is minimal. */
    @Test
    void randomTextsReconstructAndTheDiffIsAnLcs() {
        Random r = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<String> a = randomLines(r);
            List<String> b = randomLines(r);
            List<Line> d = LineDiff.diff(a, b);
            assertEquals(a, d.stream().filter(l -> l.kind() != Kind.ADDED).map(Line::text).toList());
            assertEquals(b, d.stream().filter(l -> l.kind() != Kind.REMOVED).map(Line::text).toList());
            long same = d.stream().filter(l -> l.kind() == Kind.SAME).count();
            assertEquals(lcsLength(a, b), same, "round " + round + ": " + a + " vs " + b);
        }
    }

    private static List<String> randomLines(Random r) {
        List<String> out = new ArrayList<>();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            out.add(String.valueOf((char) ('a' + r.nextInt(4))));
        }
        return out;
    }

    /** Plain recursive-free LCS length, written independently of the code under test. */
    private static int lcsLength(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        for (String x : a) {
            int[] cur = new int[b.size() + 1];
            for (int j = 1; j <= b.size(); j++) {
                cur[j] = x.equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            prev = cur;
        }
        return prev[b.size()];
    }
}
