package org.namdrunner.template.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EObject;
import org.namdrunner.template.namd.Braced;
import org.namdrunner.template.namd.Bracketed;
import org.namdrunner.template.namd.Part;
import org.namdrunner.template.namd.Placeholder;
import org.namdrunner.template.namd.Quoted;
import org.namdrunner.template.namd.Text;
import org.namdrunner.template.namd.VarRef;
import org.namdrunner.template.namd.Word;

/**
 * One Tcl word of a command with its source position and what can be known about its value without
 * running Tcl: a literal word has a fixed value; a dynamic word contains {@code $var} or {@code [cmd]};
 * a placeholder word contains {@code <<name>>}.
 */
public final class NamdWord {

    /** A complete placeholder: {@code <<name>>}. */
    public static final Pattern PLACEHOLDER = Pattern.compile("<<([A-Za-z_][A-Za-z0-9_.\\-]*)>>");

    private final Word word;
    private final int offset;
    private final String text;
    private final boolean literal;
    private final boolean braced;
    private final String value;
    private final List<PlaceholderRef> placeholders;

    /** A {@code <<name>>} occurrence. */
    public record PlaceholderRef(String name, int offset, int length) {
    }

    NamdWord(Word word, int offset, String text) {
        this.word = word;
        this.offset = offset;
        this.text = text;
        List<PlaceholderRef> refs = new ArrayList<>();
        boolean lit = true;
        StringBuilder val = new StringBuilder();
        List<Part> parts = word.getParts();
        boolean onlyBraced = parts.size() == 1 && parts.get(0) instanceof Braced;
        if (onlyBraced) {
            String inner = text.length() >= 2 ? text.substring(1, text.length() - 1) : "";
            val.append(inner);
            Matcher m = PLACEHOLDER.matcher(inner);
            while (m.find()) {
                refs.add(new PlaceholderRef(m.group(1), offset + 1 + m.start(), m.end() - m.start()));
            }
            lit = refs.isEmpty();
        } else {
            int rel = 0;
            for (Part p : parts) {
                String pt = partText(p);
                if (p instanceof Text t) {
                    String v = t.getValue() == null ? "" : t.getValue();
                    if (v.indexOf('$') >= 0 && !escapedDollarsOnly(v)) {
                        lit = false;
                    }
                    val.append(unescape(v));
                } else if (p instanceof Quoted q) {
                    String v = q.getValue() == null ? "\"\"" : q.getValue();
                    String inner = v.length() >= 2 ? v.substring(1, v.length() - 1) : "";
                    if ((inner.indexOf('$') >= 0 && !escapedDollarsOnly(inner)) || inner.indexOf('[') >= 0) {
                        lit = false;
                    }
                    Matcher m = PLACEHOLDER.matcher(inner);
                    while (m.find()) {
                        refs.add(new PlaceholderRef(m.group(1), offset + rel + 1 + m.start(), m.end() - m.start()));
                        lit = false;
                    }
                    val.append(unescape(inner));
                } else if (p instanceof Placeholder ph) {
                    String v = ph.getValue() == null ? "" : ph.getValue();
                    Matcher m = PLACEHOLDER.matcher(v);
                    if (m.matches()) {
                        refs.add(new PlaceholderRef(m.group(1), offset + rel, v.length()));
                        lit = false;
                    }
                    val.append(v);
                } else if (p instanceof VarRef || p instanceof Bracketed) {
                    lit = false;
                    val.append(pt);
                } else if (p instanceof Braced) {
                    val.append(pt);
                }
                rel += pt.length();
            }
        }
        this.literal = lit;
        this.braced = onlyBraced;
        this.value = val.toString();
        this.placeholders = List.copyOf(refs);
    }

    /**
     * The source text of a part. A token part's value is its token's text (no value converter, no hidden tokens), so
     * only braced and bracketed parts need the node model.
     */
    private static String partText(Part p) {
        String token = p instanceof Text t ? t.getValue()
                : p instanceof Quoted q ? q.getValue()
                : p instanceof VarRef v ? v.getValue()
                : p instanceof Placeholder ph ? ph.getValue() : null;
        if (token != null) {
            return token;
        }
        var node = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(p);
        return node == null ? "" : node.getText();
    }

    /**
     * The source text of a word without the node model when it is one token part (most command names), else
     * {@code null}.
     */
    static String tokenText(Word w) {
        List<Part> parts = w.getParts();
        if (parts.size() != 1) {
            return null;
        }
        Part p = parts.get(0);
        return p instanceof Braced || p instanceof Bracketed ? null : partText(p);
    }

    private static boolean escapedDollarsOnly(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) == '$' && (i == 0 || v.charAt(i - 1) != '\\')) {
                return false;
            }
        }
        return true;
    }

    static String unescape(String v) {
        if (v.indexOf('\\') < 0) {
            return v;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                sb.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public Word getWord() {
        return word;
    }

    public EObject eObject() {
        return word;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return text.length();
    }

    public int end() {
        return offset + text.length();
    }

    /** The word as written in the source. */
    public String text() {
        return text;
    }

    /** The word's value after Tcl quoting (braces/quotes removed, backslashes resolved); meaningful when {@link #isLiteral()}. */
    public String value() {
        return value;
    }

    /** True when the value is known without running Tcl (no $var, [cmd] or placeholder). */
    public boolean isLiteral() {
        return literal;
    }

    /** True when the whole word is one {@code {...}} group. */
    public boolean isBraced() {
        return braced;
    }

    public boolean hasPlaceholders() {
        return !placeholders.isEmpty();
    }

    /** True when the whole word is exactly one placeholder. */
    public boolean isSinglePlaceholder() {
        return placeholders.size() == 1 && placeholders.get(0).length() == text.length();
    }

    public List<PlaceholderRef> placeholders() {
        return placeholders;
    }

    /** The braced body as a parsed script, when the word is a single {...} group. */
    public Braced bracedPart() {
        return braced ? (Braced) word.getParts().get(0) : null;
    }

    @Override
    public String toString() {
        return text;
    }
}
