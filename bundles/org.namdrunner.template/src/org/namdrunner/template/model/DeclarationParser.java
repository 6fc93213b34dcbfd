package org.namdrunner.template.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code #@var} declaration comments. Syntax (one declaration per comment line):
 * <pre>#@var NAME type=Number|Integer|Text|Boolean|File [default=V] [min=N] [max=N] [ext=".a,.b"] [label="..."] [help="..."]</pre>
 * Values are bare words or double-quoted strings ({@code \"} and {@code \\} escapes).
 */
public final class DeclarationParser {

    public static final String PREFIX = "#@var";
    static final Set<String> KEYS = Set.of("type", "default", "min", "max", "ext", "label", "help");

    /** Result: a declaration, or an error message (with the offending relative offset). */
    public record Result(Declaration declaration, String error) {
    }

    private DeclarationParser() {
    }

    public static boolean isDeclaration(String comment) {
        return comment.startsWith(PREFIX) && (comment.length() == PREFIX.length()
                || Character.isWhitespace(comment.charAt(PREFIX.length())));
    }

    public static Result parse(String comment, int offset) {
        String s = comment.substring(PREFIX.length());
        List<String[]> pairs = new ArrayList<>();
        String name = null;
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '=') {
                i++;
            }
            String key = s.substring(start, i);
            if (i < n && s.charAt(i) == '=') {
                i++;
                StringBuilder v = new StringBuilder();
                if (i < n && s.charAt(i) == '"') {
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char c = s.charAt(i++);
                        if (c == '\\' && i < n) {
                            v.append(s.charAt(i++));
                        } else if (c == '"') {
                            closed = true;
                            break;
                        } else {
                            v.append(c);
                        }
                    }
                    if (!closed) {
                        return new Result(null, "unterminated quoted value of '" + key + "'");
                    }
                } else {
                    while (i < n && !Character.isWhitespace(s.charAt(i))) {
                        v.append(s.charAt(i++));
                    }
                }
                pairs.add(new String[] { key, v.toString() });
            } else if (name == null && pairs.isEmpty()) {
                name = key;
            } else {
                return new Result(null, "expected key=value, found '" + key + "'");
            }
        }
        if (name == null) {
            return new Result(null, "missing variable name: #@var NAME type=... ");
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.\\-]*")) {
            return new Result(null, "invalid variable name '" + name + "' (letters, digits, _ . - ; not starting with a digit)");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String[] p : pairs) {
            String k = p[0].toLowerCase(Locale.ROOT);
            if (!KEYS.contains(k)) {
                return new Result(null, "unknown declaration key '" + p[0] + "' (known: type, default, min, max, ext, label, help)");
            }
            if (map.put(k, p[1]) != null) {
                return new Result(null, "key '" + k + "' given twice");
            }
        }
        String typeText = map.get("type");
        if (typeText == null) {
            return new Result(null, "variable '" + name + "' has no type (type=Number, Integer, Text, Boolean or File)");
        }
        VariableType type = VariableType.parse(typeText);
        if (type == null) {
            return new Result(null, "unknown type '" + typeText + "' for variable '" + name
                    + "' (Number, Integer, Text, Boolean or File)");
        }
        Double min = null;
        Double max = null;
        try {
            if (map.containsKey("min")) {
                min = Double.valueOf(map.get("min"));
            }
            if (map.containsKey("max")) {
                max = Double.valueOf(map.get("max"));
            }
        } catch (NumberFormatException e) {
            return new Result(null, "min/max of '" + name + "' must be numbers");
        }
        if ((min != null || max != null) && type != VariableType.NUMBER && type != VariableType.INTEGER) {
            return new Result(null, "min/max only apply to Number and Integer variables ('" + name + "' is " + type.label() + ")");
        }
        if (min != null && max != null && min > max) {
            return new Result(null, "min " + ValueChecks.fmt(min) + " is greater than max " + ValueChecks.fmt(max) + " for '" + name + "'");
        }
        List<String> ext = new ArrayList<>();
        if (map.containsKey("ext")) {
            if (type != VariableType.FILE) {
                return new Result(null, "ext only applies to File variables ('" + name + "' is " + type.label() + ")");
            }
            for (String e : map.get("ext").split(",")) {
                if (!e.isBlank()) {
                    ext.add(e.trim().startsWith(".") ? e.trim() : "." + e.trim());
                }
            }
        }
        return new Result(new Declaration(name, type, map.get("default"), min, max, List.copyOf(ext),
                map.getOrDefault("label", ""), map.getOrDefault("help", ""), offset, comment.length()), null);
    }
}
