package org.namdrunner.template.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.namdrunner.template.model.Declaration;
import org.namdrunner.template.model.DeclarationParser;
import org.namdrunner.template.model.NamdCommand;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.model.NamdWord;

/**
 * Outline and folding structure of a document (UI-free): template variables, sections (a whole-line comment
 * directly followed by a command starts a section), the top-level commands of each section, and the
 * foldable regions (multi-line Tcl blocks and the declaration block), all line-aligned.
 */
public record NamdStructure(List<Node> outline, List<Region> folding) {

    /** Kinds of outline nodes (the outline page picks icons and colours by kind). */
    public enum Kind {
        VARIABLES, VARIABLE, SECTION, KEYWORD, COMMAND, BLOCK
    }

    /** An outline node: label, kind and the range it selects in the editor. */
    public record Node(String label, Kind kind, int offset, int length, List<Node> children) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** A foldable range (whole lines, including the last line's delimiter). */
    public record Region(int offset, int length) {
    }

    public static final NamdStructure EMPTY = new NamdStructure(List.of(), List.of());

    /** The structure of an analyzed document. */
    public static NamdStructure of(NamdDocument doc) {
        String text = doc.text();
        List<Node> outline = new ArrayList<>();
        List<Region> folding = new ArrayList<>();

        // template variables
        if (!doc.declarations().isEmpty()) {
            List<Node> vars = new ArrayList<>();
            int first = Integer.MAX_VALUE;
            int last = 0;
            for (Declaration d : doc.declarations().values()) {
                String type = d.type() == null ? "?" : d.type().label();
                String def = d.defaultValue() == null ? "" : " = " + d.defaultValue();
                vars.add(new Node(d.name() + " : " + type + def, Kind.VARIABLE, d.offset(), d.length(), List.of()));
                first = Math.min(first, d.offset());
                last = Math.max(last, d.offset() + d.length());
            }
            outline.add(new Node("Template variables (" + vars.size() + ")", Kind.VARIABLES, first, last - first, vars));
        }
        // declaration blocks of 2+ consecutive lines fold
        int blockStart = -1;
        int blockEnd = -1;
        int blockLines = 0;
        for (NamdDocument.CommentInfo c : doc.comments()) {
            if (c.trailing() || !DeclarationParser.isDeclaration(c.text())) {
                continue;
            }
            int ls = lineStart(text, c.offset());
            if (blockStart >= 0 && ls == lineEnd(text, blockEnd)) {
                blockEnd = c.offset() + c.text().length();
                blockLines++;
            } else {
                addFold(folding, text, blockStart, blockEnd, blockLines);
                blockStart = ls;
                blockEnd = c.offset() + c.text().length();
                blockLines = 1;
            }
        }
        addFold(folding, text, blockStart, blockEnd, blockLines);

        // sections: whole-line comments (not declarations) whose next line holds a command
        List<NamdCommand> top = new ArrayList<>();
        for (NamdCommand c : doc.commands()) {
            if (c.command().eContainer() != null && c.command().eContainer().eContainer() == null) {
                top.add(c);
            }
            if (lineStart(text, c.end()) > lineStart(text, c.offset()) && c.words().stream().anyMatch(NamdWord::isBraced)) {
                addFold(folding, text, lineStart(text, c.offset()), c.end(), 2);
            }
        }
        List<NamdDocument.CommentInfo> headings = new ArrayList<>();
        for (NamdDocument.CommentInfo c : doc.comments()) {
            if (c.trailing() || DeclarationParser.isDeclaration(c.text()) || heading(c.text()).isEmpty()) {
                continue;
            }
            int next = lineEnd(text, c.offset() + c.text().length());
            for (NamdCommand t : top) {
                if (lineStart(text, t.offset()) == next) {
                    headings.add(c);
                    break;
                }
            }
        }
        List<Node> current = outline.isEmpty() && headings.isEmpty() ? outline : null;
        List<Node> preamble = new ArrayList<>();
        int h = 0;
        Node section = null;
        List<Node> sectionChildren = null;
        for (NamdCommand c : top) {
            while (h < headings.size() && headings.get(h).offset() < c.offset()) {
                if (section != null) {
                    outline.add(section);
                }
                NamdDocument.CommentInfo hc = headings.get(h++);
                sectionChildren = new ArrayList<>();
                section = new Node(heading(hc.text()), Kind.SECTION, hc.offset(), hc.text().length(), sectionChildren);
            }
            Node n = commandNode(doc, c);
            if (sectionChildren != null) {
                sectionChildren.add(n);
            } else if (current != null) {
                current.add(n);
            } else {
                preamble.add(n);
            }
        }
        if (section != null) {
            outline.add(section);
        }
        if (!preamble.isEmpty()) {
            int at = outline.isEmpty() || outline.get(0).kind() != Kind.VARIABLES ? 0 : 1;
            outline.addAll(at, preamble);
        }
        folding.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
        return new NamdStructure(List.copyOf(outline), List.copyOf(folding));
    }

    private static Node commandNode(NamdDocument doc, NamdCommand c) {
        String name = c.name().isEmpty() ? c.first().text() : c.name();
        StringBuilder label = new StringBuilder(name);
        boolean block = c.words().stream().anyMatch(NamdWord::isBraced);
        for (int i = 1; i < c.words().size() && label.length() < 48; i++) {
            NamdWord w = c.words().get(i);
            label.append(' ').append(w.isBraced() ? "{...}" : w.text());
        }
        String lower = name.toLowerCase(Locale.ROOT);
        Kind kind = doc.catalog().keyword(lower).isPresent() && !c.afterRun() ? Kind.KEYWORD
                : block ? Kind.BLOCK : Kind.COMMAND;
        String l = label.length() > 60 ? label.substring(0, 57) + "..." : label.toString();
        return new Node(l.replace('\n', ' '), kind, c.offset(), c.end() - c.offset(), List.of());
    }

    private static String heading(String comment) {
        String s = comment.replaceFirst("^#+", "").strip();
        s = s.replaceAll("^[-=*# ]+|[-=*# ]+$", "").strip();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static void addFold(List<Region> out, String text, int start, int end, int lines) {
        if (start < 0 || lines < 2) {
            return;
        }
        int e = lineEnd(text, end);
        if (lineStart(text, e) == lineStart(text, start) && e != text.length()) {
            return;
        }
        out.add(new Region(start, e - start));
    }

    static int lineStart(String text, int offset) {
        int o = Math.min(Math.max(offset, 0), text.length());
        return text.lastIndexOf('\n', o - 1) + 1;
    }

    /** Offset after the line delimiter of the line containing {@code offset} (or the text length). */
    static int lineEnd(String text, int offset) {
        int o = Math.min(Math.max(offset, 0), text.length());
        int nl = text.indexOf('\n', o);
        return nl < 0 ? text.length() : nl + 1;
    }
}
