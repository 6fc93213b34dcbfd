package org.namdrunner.template.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.catalog.KeywordCatalog;
import org.namdrunner.template.catalog.KeywordInfo;
import org.namdrunner.template.model.Declaration;
import org.namdrunner.template.model.NamdCommand;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.model.NamdWord;
import org.namdrunner.template.model.ValueChecks;
import org.namdrunner.template.validation.NamdRules;

/**
 * Quick fixes for validation problems, as text edits (UI-free; the editor wraps them in JFace proposals):
 * <ul>
 * <li>{@code namd.unknownKeyword}: replace the word with each "did you mean" suggestion;</li>
 * <li>{@code namd.parentOff}: turn the parent on where it is set off, or insert {@code parent on} above;</li>
 * <li>{@code namd.requiredMissing}: insert the missing keyword;</li>
 * <li>{@code template.undeclaredVariable}: insert a {@code #@var} declaration (type guessed from the keyword);</li>
 * <li>{@code template.unusedVariable}: remove the declaration.</li>
 * </ul>
 */
public final class NamdQuickFixes {

    /**
     * A fix: replace {@code [offset, offset+length)} with {@code replacement}; the caret goes to
     * {@code offset + cursor} afterwards.
     */
    public record Fix(String label, int offset, int length, String replacement, int cursor) {

        public String apply(String text) {
            return text.substring(0, offset) + replacement + text.substring(offset + length);
        }
    }

    private NamdQuickFixes() {
    }

    /** Whether the rule with this code has fixes. */
    public static boolean hasFixes(String code) {
        return NamdRules.UNKNOWN_KEYWORD.equals(code) || NamdRules.PARENT_OFF.equals(code)
                || NamdRules.REQUIRED_MISSING.equals(code) || NamdRules.UNDECLARED_VARIABLE.equals(code)
                || NamdRules.UNUSED_VARIABLE.equals(code);
    }

    /** The fixes of a problem of {@code text} (empty when there are none). */
    public static List<Fix> fixes(String text, EditorProblem p) {
        List<Fix> out = new ArrayList<>();
        if (p.code() == null) {
            return out;
        }
        switch (p.code()) {
            case NamdRules.UNKNOWN_KEYWORD -> {
                String word = text.substring(p.offset(), Math.min(text.length(), p.offset() + p.length()));
                int eq = word.indexOf('=');
                int len = eq > 0 ? eq : word.length();
                for (String s : p.data()) {
                    out.add(new Fix("Change to '" + s + "'", p.offset(), len, s, s.length()));
                }
            }
            case NamdRules.PARENT_OFF -> parentFixes(text, p, out);
            case NamdRules.REQUIRED_MISSING -> requiredFixes(text, p, out);
            case NamdRules.UNDECLARED_VARIABLE -> declareFix(text, p, out);
            case NamdRules.UNUSED_VARIABLE -> {
                int ls = NamdStructure.lineStart(text, p.offset());
                int le = NamdStructure.lineEnd(text, p.offset());
                String name = p.data().isEmpty() ? "variable" : p.data().get(0);
                out.add(new Fix("Remove the declaration of '" + name + "'", ls, le - ls, "", 0));
            }
            default -> {
                // no fixes
            }
        }
        return out;
    }

    private static void parentFixes(String text, EditorProblem p, List<Fix> out) {
        if (p.data().isEmpty()) {
            return;
        }
        String parent = p.data().get(0);
        KeywordCatalog catalog = KeywordCatalog.standard();
        Optional<KeywordInfo> info = catalog.keyword(parent);
        boolean bool = info.map(KeywordInfo::isBool).orElse(true);
        NamdDocument doc = NamdLanguage.analyze(EditorProblem.parse(text, "fix.namd"));
        for (NamdCommand c : doc.commands()) {
            if (c.isCertain() && c.name().equalsIgnoreCase(parent) && c.words().size() == 2) {
                NamdWord v = c.words().get(1);
                if (v.isLiteral() && Boolean.FALSE.equals(ValueChecks.booleanValue(v.value()))) {
                    out.add(new Fix("Turn " + c.name() + " on (line " + doc.line(v.offset()) + ")", v.offset(), v.length(), "on", 2));
                    return;
                }
            }
        }
        String name = info.map(KeywordInfo::name).orElse(parent);
        int ls = NamdStructure.lineStart(text, p.offset());
        String indent = indent(text, ls);
        String line = bool ? name + " on" : name + " ";
        out.add(new Fix("Insert '" + line.strip() + "' above this line", ls, 0, indent + line + "\n", indent.length() + line.length()));
    }

    private static void requiredFixes(String text, EditorProblem p, List<Fix> out) {
        if (p.data().isEmpty()) {
            return;
        }
        String child = KeywordCatalog.standard().keyword(p.data().get(0)).map(KeywordInfo::name).orElse(p.data().get(0));
        String word = text.substring(p.offset(), Math.min(text.length(), p.offset() + p.length())).toLowerCase(Locale.ROOT);
        int ls = NamdStructure.lineStart(text, p.offset());
        String indent = indent(text, ls);
        if (word.equals("run") || word.equals("minimize") || word.equals("startup")) {
            // a keyword required before the first run: insert it above the run
            out.add(new Fix("Insert '" + child + "' above this line", ls, 0, indent + child + " \n", indent.length() + child.length() + 1));
        } else {
            int le = NamdStructure.lineEnd(text, p.offset());
            boolean lastLine = le == text.length() && !text.endsWith("\n");
            String insert = (lastLine ? "\n" : "") + indent + child + " " + (lastLine ? "" : "\n");
            out.add(new Fix("Insert '" + child + "' below this line", le, 0, insert, insert.stripTrailing().length() + 1));
        }
    }

    private static void declareFix(String text, EditorProblem p, List<Fix> out) {
        if (p.data().isEmpty()) {
            return;
        }
        String name = p.data().get(0);
        NamdDocument doc = NamdLanguage.analyze(EditorProblem.parse(text, "fix.namd"));
        String type = "Text";
        for (NamdCommand c : doc.commands()) {
            if (c.offset() <= p.offset() && p.offset() < c.end() && c.first().offset() + c.first().length() <= p.offset()) {
                type = KeywordCatalog.standard().keyword(c.name()).map(NamdQuickFixes::typeFor).orElse("Text");
            }
        }
        int at = 0;
        for (Declaration d : doc.declarations().values()) {
            at = Math.max(at, NamdStructure.lineEnd(text, d.offset() + d.length()));
        }
        if (at == 0) {
            // after the leading comment block
            int o = 0;
            while (o < text.length() && text.startsWith("#", o)) {
                o = NamdStructure.lineEnd(text, o);
            }
            at = o;
        }
        String decl = "#@var " + name + " type=" + type + " label=\"" + name.replace('_', ' ') + "\"";
        String prefix = at > 0 && text.charAt(at - 1) != '\n' ? "\n" : "";
        out.add(new Fix("Declare <<" + name + ">> (" + type + ")", at, 0, prefix + decl + "\n", prefix.length() + decl.length()));
    }

    private static String typeFor(KeywordInfo k) {
        if (k.isBool()) {
            return "Boolean";
        }
        if (k.isInt()) {
            return "Integer";
        }
        if (k.isFloat()) {
            return "Number";
        }
        if (k.isFile()) {
            return "File";
        }
        return "Text";
    }

    private static String indent(String text, int lineStart) {
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }
}
