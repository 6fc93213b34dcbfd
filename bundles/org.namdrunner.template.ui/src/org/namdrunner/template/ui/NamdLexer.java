package org.namdrunner.template.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.namdrunner.template.catalog.KeywordCatalog;
import org.namdrunner.template.ide.NamdHighlighting;

/**
 * Lexical colouring of NAMD configs and templates, fast enough to run on the UI thread for every keystroke.
 * It follows the word rules of the grammar (Namd.xtext): {@code #} starts a comment where a word starts,
 * {@code ;} {@code \{} {@code [} and an unescaped newline start a command, the first word of a command is
 * looked up in the keyword catalog (keyword, Tcl/NAMD command or unknown). Values are numbers (with units),
 * booleans, quoted strings, {@code $var}/{@code ${var}} and {@code <<placeholder>>}.
 * UI-free, so it is tested without a display.
 */
public final class NamdLexer {

    /** A coloured range with a {@link NamdHighlighting} style id or {@link NamdStyles#DEFAULT}. */
    public record Token(int offset, int length, String style) {
    }

    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eEdD][-+]?\\d+)?(?:[A-Za-z\u00c5]{1,4})?");
    private static final Set<String> UNITS = Set.of("a", "\u00e5", "k", "fs", "ps", "ns", "bar", "atm", "kcal/mol");
    private static final Set<String> BOOLEANS = Set.of("on", "off", "yes", "no", "true", "false");

    private final KeywordCatalog catalog;

    public NamdLexer(KeywordCatalog catalog) {
        this.catalog = catalog;
    }

    /** Whether a command starts at {@code offset} (used to resume lexing at a line start). */
    public static boolean commandStartsAt(CharSequence text, int offset) {
        if (offset <= 0) {
            return true;
        }
        char prev = text.charAt(offset - 1);
        if (prev == '\n' || prev == '\r') {
            int i = offset - 1;
            if (prev == '\n' && i > 0 && text.charAt(i - 1) == '\r') {
                i--;
            }
            return i == 0 || text.charAt(i - 1) != '\\';
        }
        return prev == ';' || prev == '{' || prev == '[';
    }

    /** Tokens covering {@code [start, end)} of {@code text} without gaps; lexing begins at {@code start}. */
    public List<Token> tokens(CharSequence text, int start, int end) {
        List<Token> out = new ArrayList<>();
        boolean commandStart = commandStartsAt(text, start);
        boolean wordStart = true;
        boolean afterNumber = false;
        int i = start;
        int pending = start; // start of the not yet emitted default text
        while (i < end) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                boolean continued = i > start && text.charAt(i - 1) == '\\';
                commandStart = commandStart || !continued;
                wordStart = true;
                afterNumber = false;
                i++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\f' || c == '\u00a0') {
                wordStart = true;
                i++;
                continue;
            }
            if (c == ';' || c == '{' || c == '[') {
                commandStart = true;
                wordStart = true;
                i++;
                continue;
            }
            if (c == '}' || c == ']') {
                wordStart = false;
                i++;
                continue;
            }
            if (c == '#' && (wordStart || commandStart)) {
                int e = i + 1;
                while (e < end && text.charAt(e) != '\n' && text.charAt(e) != '\r') {
                    e += text.charAt(e) == '\\' && e + 1 < end ? 2 : 1;
                }
                e = Math.min(e, end);
                String comment = text.subSequence(i, e).toString();
                boolean declaration = comment.startsWith("#@var") && (comment.length() == 5 || Character.isWhitespace(comment.charAt(5)));
                pending = emit(out, pending, i, e, declaration ? NamdHighlighting.DECLARATION : NamdHighlighting.COMMENT);
                i = e;
                continue;
            }
            if (c == '"') {
                int e = i + 1;
                int partStart = i;
                while (e < end && text.charAt(e) != '"') {
                    if (text.charAt(e) == '\\') {
                        e += 2;
                        continue;
                    }
                    int special = special(text, e, end);
                    if (special > e) {
                        pending = emit(out, pending, partStart, e, NamdHighlighting.STRING);
                        pending = emit(out, pending, e, special, text.charAt(e) == '$' ? NamdHighlighting.VARIABLE : NamdHighlighting.PLACEHOLDER);
                        e = special;
                        partStart = e;
                        continue;
                    }
                    e++;
                }
                e = Math.min(e + 1, end);
                pending = emit(out, pending, partStart, e, NamdHighlighting.STRING);
                i = e;
                commandStart = false;
                wordStart = false;
                continue;
            }
            int special = special(text, i, end);
            if (special > i) {
                pending = emit(out, pending, i, special, c == '$' ? NamdHighlighting.VARIABLE : NamdHighlighting.PLACEHOLDER);
                i = special;
                commandStart = false;
                wordStart = false;
                afterNumber = false;
                continue;
            }
            // a bare run of characters
            int e = i;
            while (e < end && !isBreak(text, e, end)) {
                e += text.charAt(e) == '\\' && e + 1 < end && text.charAt(e + 1) != '\n' ? 2 : 1;
            }
            if (e == i) {
                e = i + 1; // a lone '<' or '$'
            }
            e = Math.min(e, end);
            String word = text.subSequence(i, e).toString();
            if (commandStart && wordStart) {
                int eq = word.indexOf('=');
                String name = eq > 0 ? word.substring(0, eq) : word;
                pending = emit(out, pending, i, i + name.length(), commandStyle(name));
                if (eq > 0 && eq + 1 < word.length()) {
                    String value = word.substring(eq + 1);
                    pending = emit(out, pending, i + eq + 1, e, valueStyle(value, false));
                }
                afterNumber = false;
            } else {
                String style = wordStart ? valueStyle(word, afterNumber) : NamdStyles.DEFAULT;
                pending = emit(out, pending, i, e, style);
                afterNumber = NamdHighlighting.NUMBER.equals(style);
            }
            commandStart = false;
            wordStart = false;
            i = e;
        }
        emit(out, pending, end, end, NamdStyles.DEFAULT);
        return out;
    }

    /** End of a {@code $var}, {@code ${var}} or {@code <<name>>} starting at i, or i when none starts there. */
    private static int special(CharSequence text, int i, int end) {
        char c = text.charAt(i);
        if (c == '$' && i + 1 < end) {
            char n = text.charAt(i + 1);
            if (n == '{') {
                int e = i + 2;
                while (e < end && text.charAt(e) != '}' && text.charAt(e) != '\n') {
                    e++;
                }
                return e < end && text.charAt(e) == '}' ? e + 1 : e;
            }
            int e = i + 1;
            while (e < end && (Character.isLetterOrDigit(text.charAt(e)) || text.charAt(e) == '_'
                    || text.charAt(e) == ':' && e + 1 < end && text.charAt(e + 1) == ':')) {
                e += text.charAt(e) == ':' ? 2 : 1;
            }
            if (e > i + 1 && e < end && text.charAt(e) == '(') {
                int close = e;
                while (close < end && text.charAt(close) != ')' && text.charAt(close) != '\n') {
                    close++;
                }
                if (close < end && text.charAt(close) == ')') {
                    e = close + 1;
                }
            }
            return e > i + 1 ? e : i;
        }
        if (c == '<' && i + 1 < end && text.charAt(i + 1) == '<') {
            int e = i + 2;
            while (e < end && (Character.isLetterOrDigit(text.charAt(e)) || "_.-".indexOf(text.charAt(e)) >= 0)) {
                e++;
            }
            if (e + 1 < end && text.charAt(e) == '>' && text.charAt(e + 1) == '>') {
                e += 2;
            }
            return e;
        }
        return i;
    }

    private static boolean isBreak(CharSequence text, int i, int end) {
        char c = text.charAt(i);
        return switch (c) {
            case ' ', '\t', '\f', '\u00a0', '\n', '\r', ';', '{', '}', '[', ']', '"' -> true;
            case '$' -> special(text, i, end) > i;
            case '<' -> i + 1 < end && text.charAt(i + 1) == '<';
            default -> false;
        };
    }

    private String commandStyle(String name) {
        if (name.isEmpty()) {
            return NamdStyles.DEFAULT;
        }
        if (catalog.keyword(name).isPresent()) {
            return NamdHighlighting.KEYWORD;
        }
        if (catalog.command(name).isPresent() || catalog.isModuleCommand(name)) {
            return NamdHighlighting.COMMAND;
        }
        return NamdHighlighting.UNKNOWN;
    }

    private static String valueStyle(String word, boolean afterNumber) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (BOOLEANS.contains(lower)) {
            return NamdHighlighting.BOOLEAN;
        }
        if (afterNumber && UNITS.contains(lower)) {
            return NamdHighlighting.NUMBER;
        }
        boolean allNumbers = !word.isEmpty();
        for (String part : word.split(",", -1)) {
            if (!NUMBER.matcher(part).matches()) {
                allNumbers = false;
                break;
            }
        }
        return allNumbers ? NamdHighlighting.NUMBER : NamdStyles.DEFAULT;
    }

    /** Emits default text in [pending, from) and a token [from, to); returns the new pending offset. */
    private static int emit(List<Token> out, int pending, int from, int to, String style) {
        if (from > pending) {
            add(out, pending, from - pending, NamdStyles.DEFAULT);
        }
        if (to > from) {
            add(out, from, to - from, style);
        }
        return Math.max(pending, to);
    }

    private static void add(List<Token> out, int offset, int length, String style) {
        if (!out.isEmpty()) {
            Token last = out.get(out.size() - 1);
            if (last.style().equals(style) && last.offset() + last.length() == offset) {
                out.set(out.size() - 1, new Token(last.offset(), last.length() + length, style));
                return;
            }
        }
        out.add(new Token(offset, length, style));
    }
}
