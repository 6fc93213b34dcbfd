package org.namdrunner.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parameter sweep: one template, base values, and values for one or more variables, combined as a full grid
 * (every combination, first variable slowest) or as a list (the i-th values of every variable together; all lists
 * the same length). Each point gets a systematic name: {@code <base>-<var>_<value>-<var>_<value>} with values made
 * file-name safe, numbered when two points would get the same name.
 */
public final class Sweep {
    public enum Mode {
        GRID, LIST
    }

    /** One job of the sweep: its name and its complete values. */
    public record Point(int index, String name, Map<String, String> values) {
    }

    private Sweep() {
    }

    public static List<Point> expand(String baseName, Map<String, String> baseValues, Map<String, List<String>> variables, Mode mode) {
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("A sweep needs at least one variable with values");
        }
        for (var e : variables.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                throw new IllegalArgumentException("Sweep variable '" + e.getKey() + "' has no values");
            }
        }
        List<String> names = new ArrayList<>(variables.keySet());
        List<Map<String, String>> combos = new ArrayList<>();
        if (mode == Mode.LIST) {
            int n = variables.get(names.get(0)).size();
            for (String v : names) {
                if (variables.get(v).size() != n) {
                    throw new IllegalArgumentException("A list sweep needs the same number of values for every variable: '"
                            + names.get(0) + "' has " + n + ", '" + v + "' has " + variables.get(v).size());
                }
            }
            for (int i = 0; i < n; i++) {
                Map<String, String> m = new LinkedHashMap<>();
                for (String v : names) {
                    m.put(v, variables.get(v).get(i));
                }
                combos.add(m);
            }
        } else {
            combos.add(new LinkedHashMap<>());
            for (String v : names) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> c : combos) {
                    for (String value : variables.get(v)) {
                        Map<String, String> m = new LinkedHashMap<>(c);
                        m.put(v, value);
                        next.add(m);
                    }
                }
                combos = next;
            }
        }
        List<Point> points = new ArrayList<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        int i = 0;
        for (Map<String, String> c : combos) {
            StringBuilder name = new StringBuilder(baseName);
            c.forEach((k, v) -> name.append('-').append(safe(k)).append('_').append(safe(v)));
            String n = name.toString();
            if (!used.add(n.toLowerCase(Locale.ROOT))) {
                n = n + "-" + (i + 1);
                used.add(n.toLowerCase(Locale.ROOT));
            }
            Map<String, String> values = new LinkedHashMap<>(baseValues);
            values.putAll(c);
            points.add(new Point(i++, n, values));
        }
        return points;
    }

    /** A value as a name part: letters, digits, '.', '+', '-' kept, anything else becomes '_'. */
    static String safe(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.strip().toCharArray()) {
            sb.append(ch < 128 && (Character.isLetterOrDigit(ch) || ch == '.' || ch == '+' || ch == '-') ? ch : '_');
        }
        return sb.isEmpty() ? "_" : sb.toString();
    }
}
