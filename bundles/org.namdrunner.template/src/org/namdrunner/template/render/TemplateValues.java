package org.namdrunner.template.render;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.namdrunner.template.model.Declaration;
import org.namdrunner.template.model.DeclarationParser;
import org.namdrunner.template.model.NamdDocument;
import org.namdrunner.template.model.ValueChecks;

/**
 * The values a template is rendered with: every {@code #@var} variable gets the given value or else its declared
 * default; a variable with neither is an error naming the variable and the lines where it is declared and used;
 * every value (defaults included) is checked against its declaration (Number/Integer with min/max, Boolean, Text,
 * File with extensions). One implementation for every place a template is rendered (the template language's
 * {@link TemplateRenderer}, the lifecycle's and workflows' renderers, the command line).
 *
 * <p>{@link #renderLenient} is the renderer for texts that need not be valid NAMD configs (no NAMD validation of the
 * result): declared variables are resolved as above, undeclared {@code <<name>>} placeholders take the given
 * value and are an error (with their line) when none is given.
 */
public final class TemplateValues {
    /** Placeholders as the lenient renderer accepts them (blanks inside the brackets allowed). */
    static final Pattern LENIENT_PLACEHOLDER = Pattern.compile("<<\\s*([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*>>");

    /**
     * Outcome of resolving values.
     *
     * @param values value to insert per declared variable (rendered form: booleans as on/off), or empty on errors
     * @param errors messages of the form {@code template:LINE: ...}
     */
    public record Resolved(Map<String, String> values, List<String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private TemplateValues() {
    }

    /**
     * Values typed one per line as {@code name=value} (blank lines and {@code #} comments skipped; spaces around the
     * name and the value dropped), in order.
     *
     * @throws IllegalArgumentException "line N: write name=value, not '…'" for a line without a name and '='
     */
    public static Map<String, String> parseAssignments(String text) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        int n = 0;
        for (String line : (text == null ? "" : text).split("\\R")) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("line " + n + ": write name=value, not '" + l + "'");
            }
            out.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
        return out;
    }

    /** {@code values} as {@link #parseAssignments} reads them, one per line. */
    public static String formatAssignments(Map<String, String> values) {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    /** 1-based line of {@code offset} in {@code text}. */
    public static int lineOf(String text, int offset) {
        return NamdDocument.lineOf(text, offset);
    }

    /**
     * Declarations found by scanning the template line by line (a line whose text starts with {@code #@var}); bad
     * declarations are reported in {@code errors} (may be null to ignore them).
     */
    public static Map<String, Declaration> scanDeclarations(String template, String templateName, List<String> errors) {
        Map<String, Declaration> out = new LinkedHashMap<>();
        int offset = 0;
        int line = 1;
        for (String raw : template.split("(?<=\n)", -1)) {
            String stripped = raw.strip();
            if (DeclarationParser.isDeclaration(stripped)) {
                int start = offset + raw.indexOf(stripped);
                DeclarationParser.Result r = DeclarationParser.parse(stripped, start);
                if (r.error() != null) {
                    if (errors != null) {
                        errors.add(templateName + ":" + line + ": bad #@var declaration: " + r.error());
                    }
                } else if (out.containsKey(r.declaration().name())) {
                    if (errors != null) {
                        errors.add(templateName + ":" + line + ": variable '" + r.declaration().name() + "' is declared twice (first on line "
                                + lineOf(template, out.get(r.declaration().name()).offset()) + ")");
                    }
                } else {
                    out.put(r.declaration().name(), r.declaration());
                }
            }
            offset += raw.length();
            line++;
        }
        return out;
    }

    /** Names of all variables a template declares or uses as placeholders (declaration lines excluded). */
    public static Set<String> variables(String template) {
        Set<String> names = new LinkedHashSet<>(scanDeclarations(template, "template", null).keySet());
        names.addAll(uses(template).keySet());
        return names;
    }

    /** First line where each placeholder is used (declaration lines do not count). */
    static Map<String, Integer> uses(String template) {
        Map<String, Integer> out = new LinkedHashMap<>();
        int line = 1;
        for (String raw : template.split("\n", -1)) {
            if (!DeclarationParser.isDeclaration(raw.strip())) {
                Matcher m = LENIENT_PLACEHOLDER.matcher(raw);
                while (m.find()) {
                    out.putIfAbsent(m.group(1), line);
                }
            }
            line++;
        }
        return out;
    }

    /**
     * Resolves the values of the declared variables.
     *
     * @param template     the template text (for line numbers of declarations and uses)
     * @param templateName name used in messages
     * @param declarations the template's declarations (offsets into {@code template})
     * @param values       given values by name; a name that is not declared is ignored here
     */
    public static Resolved resolve(String template, String templateName, Collection<Declaration> declarations,
            Map<String, String> values) {
        List<String> errors = new ArrayList<>();
        Map<String, Integer> uses = uses(template);
        Map<String, String> out = new LinkedHashMap<>();
        for (Declaration d : declarations) {
            int line = lineOf(template, d.offset());
            String where = templateName + ":" + line + ": ";
            Integer used = uses.get(d.name());
            String given = values.get(d.name());
            if (given == null && d.defaultValue() == null) {
                errors.add(where + "variable '" + d.name() + "' needs a value: its declaration has no default"
                        + (used == null ? "" : " (used on line " + used + ")")
                        + "; give one (e.g. --set " + d.name() + "=...) or add default=... to the #@var line");
                continue;
            }
            String v = given != null ? given : d.defaultValue();
            String err = ValueChecks.checkVariableValue(d, v);
            if (err != null) {
                errors.add(where + (given == null ? "default value of '" + d.name() + "' is invalid: " : "") + err
                        + (d.type() != null && given != null ? " (declared " + describe(d) + ")" : ""));
                continue;
            }
            out.put(d.name(), ValueChecks.renderValue(d, v));
        }
        return errors.isEmpty() ? new Resolved(Collections.unmodifiableMap(out), List.of())
                : new Resolved(Map.of(), List.copyOf(errors));
    }

    private static String describe(Declaration d) {
        StringBuilder sb = new StringBuilder(d.type().label());
        if (d.min() != null) {
            sb.append(" min=").append(ValueChecks.fmt(d.min()));
        }
        if (d.max() != null) {
            sb.append(" max=").append(ValueChecks.fmt(d.max()));
        }
        if (!d.extensions().isEmpty()) {
            sb.append(" ext=").append(String.join(",", d.extensions()));
        }
        return sb.toString();
    }

    /**
     * Renders without NAMD validation: declared variables resolved by {@link #resolve} (defaults, type checks),
     * undeclared placeholders take the given value; declaration lines are removed. Values for names the template
     * neither declares nor uses are ignored.
     */
    public static RenderResult renderLenient(String template, String templateName, Map<String, String> values) {
        List<String> errors = new ArrayList<>();
        Map<String, Declaration> decls = scanDeclarations(template, templateName, errors);
        Resolved r = resolve(template, templateName, decls.values(), values);
        errors.addAll(r.errors());
        Map<String, String> all = new LinkedHashMap<>(r.values());
        for (Map.Entry<String, Integer> u : uses(template).entrySet()) {
            if (decls.containsKey(u.getKey())) {
                continue;
            }
            String v = values.get(u.getKey());
            if (v == null) {
                errors.add(templateName + ":" + u.getValue() + ": template variable '" + u.getKey() + "' has no value "
                        + "(and no #@var declaration with a default)");
            } else {
                all.put(u.getKey(), v);
            }
        }
        if (!errors.isEmpty()) {
            return new RenderResult(null, List.copyOf(errors), List.of());
        }
        return new RenderResult(substitute(template, all, LENIENT_PLACEHOLDER), List.of(), List.of());
    }

    /** Removes declaration lines and replaces every placeholder that has a value. */
    static String substitute(String template, Map<String, String> values, Pattern placeholder) {
        StringBuilder sb = new StringBuilder();
        for (String line : template.split("(?<=\n)", -1)) {
            if (DeclarationParser.isDeclaration(line.strip())) {
                continue;
            }
            Matcher m = placeholder.matcher(line);
            StringBuilder l = new StringBuilder();
            while (m.find()) {
                String v = values.get(m.group(1));
                m.appendReplacement(l, Matcher.quoteReplacement(v == null ? m.group() : v));
            }
            m.appendTail(l);
            sb.append(l);
        }
        return sb.toString();
    }
}
