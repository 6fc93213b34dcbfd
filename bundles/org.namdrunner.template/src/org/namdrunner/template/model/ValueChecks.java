package org.namdrunner.template.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.namdrunner.template.catalog.KeywordInfo;

/** Value rules of NAMD (ParseOptions) and of template variables. */
public final class ValueChecks {

    public static final Set<String> TRUE_WORDS = Set.of("on", "yes", "true", "1");
    public static final Set<String> FALSE_WORDS = Set.of("off", "no", "false", "0");

    private static final String NUM = "[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?";
    private static final Pattern NUMBER = Pattern.compile(NUM);
    private static final Pattern NUMBER_UNIT = Pattern.compile("(" + NUM + ")([A-Za-z/]+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    /** Units NAMD recognizes, by dimension (ParseOptions). */
    private static final Map<String, String> UNIT_DIMENSION = Map.ofEntries(Map.entry("fs", "time"),
            Map.entry("ns", "time"), Map.entry("sec", "time"), Map.entry("min", "time"), Map.entry("hr", "time"),
            Map.entry("a", "length"), Map.entry("angstrom", "length"), Map.entry("nm", "length"),
            Map.entry("m", "length"), Map.entry("kcal", "energy"), Map.entry("kcal/mol", "energy"),
            Map.entry("kj", "energy"), Map.entry("kj/mol", "energy"), Map.entry("ev", "energy"), Map.entry("k", "temperature"));

    /** Kind of a value problem. */
    public enum Kind {
        TYPE, RANGE, UNIT
    }

    /** A value problem: kind and message. */
    public record ValueProblem(Kind kind, String message) {
    }

    private ValueChecks() {
    }

    public static boolean isBoolean(String v) {
        String l = v.toLowerCase(Locale.ROOT);
        return TRUE_WORDS.contains(l) || FALSE_WORDS.contains(l);
    }

    /** TRUE, FALSE or null (not a constant boolean). */
    public static Boolean booleanValue(String v) {
        String l = v.trim().toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(l)) {
            return Boolean.TRUE;
        }
        if (FALSE_WORDS.contains(l)) {
            return Boolean.FALSE;
        }
        return null;
    }

    public static boolean isNumber(String v) {
        return NUMBER.matcher(v).matches();
    }

    public static boolean isInteger(String v) {
        return INTEGER.matcher(v).matches();
    }

    public static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * Checks literal value words given to a keyword, as NAMD would (words are joined by single spaces).
     *
     * @return null when NAMD accepts the value
     */
    public static ValueProblem checkKeywordValue(KeywordInfo k, List<String> words) {
        String v = String.join(" ", words).trim();
        String name = k.name();
        if (v.isEmpty()) {
            return null;
        }
        switch (k.baseType()) {
            case "bool" -> {
                if (words.size() != 1 || !isBoolean(v)) {
                    return new ValueProblem(Kind.TYPE, name + " expects on/off (yes/no, true/false, 1/0), not '" + v + "'");
                }
            }
            case "int" -> {
                if (words.size() != 1 || !isInteger(v)) {
                    if (words.size() == 2 && isInteger(words.get(0)) && !isNumber(words.get(1)) || NUMBER_UNIT.matcher(v).matches() && !isNumber(v)) {
                        return new ValueProblem(Kind.UNIT, name + " is an integer and takes no unit: '" + v + "'");
                    }
                    return new ValueProblem(Kind.TYPE, name + " expects an integer, not '" + v + "'");
                }
                return checkRange(k, Double.parseDouble(v), v);
            }
            case "float" -> {
                String num;
                String unit = null;
                if (words.size() == 1) {
                    Matcher m = NUMBER_UNIT.matcher(v);
                    if (!m.matches()) {
                        return new ValueProblem(Kind.TYPE, name + " expects a number, not '" + v + "'");
                    }
                    num = m.group(1);
                    unit = m.group(2);
                } else if (words.size() == 2 && isNumber(words.get(0))) {
                    num = words.get(0);
                    unit = words.get(1);
                } else {
                    return new ValueProblem(Kind.TYPE, name + " expects a number, not '" + v + "'");
                }
                if (unit != null) {
                    String dim = UNIT_DIMENSION.get(unit.toLowerCase(Locale.ROOT));
                    if (dim == null) {
                        return new ValueProblem(Kind.UNIT, "unknown unit '" + unit + "' for " + name
                                + (k.units().isEmpty() ? "" : " (expects " + k.units() + ")"));
                    }
                    if (k.units().isEmpty()) {
                        return new ValueProblem(Kind.UNIT, name + " takes no unit: '" + v + "'");
                    }
                    String want = UNIT_DIMENSION.get(k.units().toLowerCase(Locale.ROOT));
                    if (want != null && !want.equals(dim)) {
                        return new ValueProblem(Kind.UNIT, "unit '" + unit + "' is a " + dim + " but " + name
                                + " is a " + want + " (" + k.units() + ")");
                    }
                }
                return checkRange(k, Double.parseDouble(num), v);
            }
            case "vector" -> {
                List<String> parts = new ArrayList<>();
                if (v.indexOf(',') >= 0) {
                    for (String p : v.split(",", -1)) {
                        parts.add(p.trim());
                    }
                    for (String p : parts) {
                        if (p.contains(" ")) {
                            return new ValueProblem(Kind.TYPE, name + ": separate the 3 numbers either all by blanks or all by commas, not '" + v + "'");
                        }
                    }
                } else {
                    parts.addAll(List.of(v.split("\\s+")));
                }
                if (parts.size() != 3 || !parts.stream().allMatch(ValueChecks::isNumber)) {
                    return new ValueProblem(Kind.TYPE, name + " expects a vector of 3 numbers, not '" + v + "'");
                }
            }
            default -> {
                if (k.isEnum()) {
                    for (String e : k.enumValues()) {
                        if (e.equalsIgnoreCase(v)) {
                            return null;
                        }
                        // NAMD compares only the first 4 letters of waterModel (check_config L3247-3255): tip4p is tip4
                        if (k.name().equalsIgnoreCase("waterModel") && v.length() >= 4 && e.equalsIgnoreCase(v.substring(0, 4))) {
                            return null;
                        }
                    }
                    return new ValueProblem(Kind.TYPE, name + " expects one of " + String.join(", ", k.enumValues()) + ", not '" + v + "'");
                }
            }
        }
        return null;
    }

    private static ValueProblem checkRange(KeywordInfo k, double d, String v) {
        if ("POSITIVE".equals(k.range()) && !(d > 0)) {
            return new ValueProblem(Kind.RANGE, k.name() + " must be greater than 0, not " + v);
        }
        if ("NOT_NEGATIVE".equals(k.range()) && d < 0) {
            return new ValueProblem(Kind.RANGE, k.name() + " must not be negative, not " + v);
        }
        return null;
    }

    /**
     * Checks a value for a template variable against its declaration.
     *
     * @return null when valid, else a message
     */
    public static String checkVariableValue(Declaration d, String value) {
        if (d.type() == null) {
            return "variable '" + d.name() + "' has no valid type";
        }
        String v = value.trim();
        String who = "'" + d.name() + "'";
        switch (d.type()) {
            case NUMBER, INTEGER -> {
                boolean ok = d.type() == VariableType.INTEGER ? isInteger(v) : isNumber(v);
                if (!ok) {
                    return who + " must be " + (d.type() == VariableType.INTEGER ? "an integer" : "a number") + ", not '" + value + "'";
                }
                double x = Double.parseDouble(v);
                if (d.min() != null && x < d.min()) {
                    return who + " must be at least " + fmt(d.min()) + ", not " + v;
                }
                if (d.max() != null && x > d.max()) {
                    return who + " must be at most " + fmt(d.max()) + ", not " + v;
                }
            }
            case BOOLEAN -> {
                if (!isBoolean(v)) {
                    return who + " must be on/off (yes/no, true/false, 1/0), not '" + value + "'";
                }
            }
            case TEXT, FILE -> {
                if (v.isEmpty()) {
                    return who + " must not be empty";
                }
                for (char c : v.toCharArray()) {
                    if (Character.isWhitespace(c) || "[]{}$;\"\\#".indexOf(c) >= 0) {
                        return who + " must be one word without blanks or Tcl special characters [ ] { } $ ; \" \\ #, not '" + value + "'";
                    }
                }
                if (d.type() == VariableType.FILE && !d.extensions().isEmpty()
                        && d.extensions().stream().noneMatch(e -> v.toLowerCase(Locale.ROOT).endsWith(e.toLowerCase(Locale.ROOT)))) {
                    return who + " must be a file ending in " + String.join(" or ", d.extensions()) + ", not '" + value + "'";
                }
            }
        }
        return null;
    }

    /** The text a valid variable value is rendered as (booleans normalized to on/off). */
    public static String renderValue(Declaration d, String value) {
        String v = value.trim();
        if (d.type() == VariableType.BOOLEAN) {
            return Boolean.TRUE.equals(booleanValue(v)) ? "on" : "off";
        }
        return v;
    }
}
