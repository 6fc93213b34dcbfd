package org.namdrunner.core.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts (longest common subsequence of lines, trimmed of the common head and tail first) and
 * its unified form ({@code diff -u} style hunks). For template texts: a few hundred lines each, so the quadratic
 * table is small; texts whose changed middle exceeds {@link #MAX_CELLS} table cells fall back to "all removed,
 * all added", which is still a correct (if not minimal) diff.
 */
public final class LineDiff {

    /** Largest LCS table (changed lines of the old text times of the new) computed exactly. */
    public static final long MAX_CELLS = 25_000_000L;

    /** What happened to a line. */
    public enum Kind {
        SAME(' '), REMOVED('-'), ADDED('+');

        private final char mark;

        Kind(char mark) {
            this.mark = mark;
        }

        /** The unified-diff prefix: ' ', '-' or '+'. */
        public char mark() {
            return mark;
        }
    }

    /**
     * One line of the diff.
     *
     * @param oldLine 1-based line number in the old text (0 for an added line)
     * @param newLine 1-based line number in the new text (0 for a removed line)
     */
    public record Line(Kind kind, String text, int oldLine, int newLine) {
        @Override
        public String toString() {
            return kind.mark() + text;
        }
    }

    private LineDiff() {
    }

    /** The texts' lines ('\n', '\r\n' or '\r' end a line; a missing final newline is not a difference). */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String l : text.split("\r\n|\r|\n", -1)) {
            out.add(l);
        }
        if (out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** Every line of both texts in order: kept, removed (old only) and added (new only). */
    public static List<Line> diff(String oldText, String newText) {
        return diff(lines(oldText), lines(newText));
    }

    public static List<Line> diff(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            out.add(new Line(Kind.SAME, a.get(i), i + 1, i + 1));
        }
        List<String> am = a.subList(head, a.size() - tail);
        List<String> bm = b.subList(head, b.size() - tail);
        middle(am, bm, head, out);
        for (int k = tail; k > 0; k--) {
            int i = a.size() - k;
            int j = b.size() - k;
            out.add(new Line(Kind.SAME, a.get(i), i + 1, j + 1));
        }
        return out;
    }

    private static void middle(List<String> a, List<String> b, int offset, List<Line> out) {
        int n = a.size();
        int m = b.size();
        if ((long) n * m > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                out.add(new Line(Kind.REMOVED, a.get(i), offset + i + 1, 0));
            }
            for (int j = 0; j < m; j++) {
                out.add(new Line(Kind.ADDED, b.get(j), 0, offset + j + 1));
            }
            return;
        }
        // lcs[i][j]: length of the LCS of a[i..] and b[j..]
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                out.add(new Line(Kind.SAME, a.get(i), offset + i + 1, offset + j + 1));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // on a tie the removal comes first, as diff -u writes a changed line
                out.add(new Line(Kind.REMOVED, a.get(i), offset + i + 1, 0));
                i++;
            } else {
                out.add(new Line(Kind.ADDED, b.get(j), 0, offset + j + 1));
                j++;
            }
        }
    }

    /** True when the diff has no added or removed line. */
    public static boolean unchanged(List<Line> diff) {
        return diff.stream().allMatch(l -> l.kind() == Kind.SAME);
    }

    /**
     * The diff in unified form: {@code --- oldName}, {@code +++ newName}, then hunks {@code @@ -a,b +c,d @@} with
     * {@code context} unchanged lines around each change. Empty when the texts have the same lines.
     */
    public static String unified(String oldText, String newText, String oldName, String newName, int context) {
        List<Line> d = diff(oldText, newText);
        if (unchanged(d)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        int idx = 0;
        while (idx < d.size()) {
            int firstChange = idx;
            while (firstChange < d.size() && d.get(firstChange).kind() == Kind.SAME) {
                firstChange++;
            }
            if (firstChange == d.size()) {
                break;
            }
            int start = Math.max(idx, firstChange - context);
            // extend the hunk while the next change is within 2 * context unchanged lines
            int end = firstChange;
            int lastChange = firstChange;
            while (end < d.size()) {
                if (d.get(end).kind() != Kind.SAME) {
                    lastChange = end;
                } else if (end - lastChange > 2 * context) {
                    break;
                }
                end++;
            }
            end = Math.min(d.size(), lastChange + context + 1);
            List<Line> hunk = d.subList(start, end);
            int oldStart = 0;
            int newStart = 0;
            int oldCount = 0;
            int newCount = 0;
            for (Line l : hunk) {
                if (l.kind() != Kind.ADDED) {
                    oldStart = oldStart == 0 ? l.oldLine() : oldStart;
                    oldCount++;
                }
                if (l.kind() != Kind.REMOVED) {
                    newStart = newStart == 0 ? l.newLine() : newStart;
                    newCount++;
                }
            }
            if (oldCount == 0) {
                oldStart = lineBefore(d, start, true);
            }
            if (newCount == 0) {
                newStart = lineBefore(d, start, false);
            }
            sb.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount)).append(" @@\n");
            for (Line l : hunk) {
                sb.append(l).append('\n');
            }
            idx = end;
        }
        return sb.toString();
    }

    /** For an empty side of a hunk: the number of the line before it (0 at the start), as diff -u writes it. */
    private static int lineBefore(List<Line> d, int start, boolean old) {
        for (int k = start - 1; k >= 0; k--) {
            int n = old ? d.get(k).oldLine() : d.get(k).newLine();
            if (n > 0) {
                return n;
            }
        }
        return 0;
    }

    private static String range(int start, int count) {
        return count == 1 ? String.valueOf(start) : start + "," + count;
    }
}
