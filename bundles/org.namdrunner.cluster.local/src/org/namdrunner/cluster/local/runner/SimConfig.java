package org.namdrunner.cluster.local.runner;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a NAMD config the demo simulator understands: {@code keyword value} lines (keywords case-insensitive,
 * {@code keyword=value} and {@code keyword = value} too), comments, Tcl {@code set name value} variables with
 * {@code $name} / {@code ${name}} substitution, {@code if {cond} {} else {}} blocks whose condition is a literal
 * (on/off, yes/no, true/false, numbers, as the built-in templates render them), and the actions
 * {@code minimize N} / {@code run N} in order ({@code numsteps N} alone counts as {@code run N}). Anything else Tcl
 * (proc, for, expr ...) is refused with a message naming it. JDK only (runs in the detached runner).
 */
public final class SimConfig {
    private static final Pattern VAR = Pattern.compile("\\$\\{(\\w+)\\}|\\$(\\w+)");
    private static final Pattern IF = Pattern.compile("(?i)if\\s*\\{\\s*([^{}]*?)\\s*\\}\\s*\\{\\s*");
    private static final List<String> REFUSED = List.of("if", "proc", "for", "foreach", "while", "expr", "source", "switch",
            "incr", "eval", "puts", "open", "exec", "callback", "tclforces", "checkpoint", "revert");

    /** Lower-case keyword → value (the last one wins; {@code parameters} keeps all). */
    private final Map<String, String> params = new LinkedHashMap<>();
    private final List<String> parameterFiles = new ArrayList<>();
    /** {@code minimize N} / {@code run N} in config order, as "minimize"/"run" and the step count. */
    private final List<String> actionKinds = new ArrayList<>();
    private final List<Long> actionSteps = new ArrayList<>();

    private SimConfig() {
    }

    /** Reads a config text; throws {@link IllegalArgumentException} with a NAMD-style message on what it cannot do. */
    public static SimConfig parse(String text) {
        SimConfig c = new SimConfig();
        Map<String, String> vars = new HashMap<>();
        // each open brace block: TRUE = taking lines, FALSE = skipping; the else branch flips it
        Deque<Boolean> blocks = new ArrayDeque<>();
        int lineNo = 0;
        for (String raw : text.split("\r?\n")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean active = !blocks.contains(Boolean.FALSE);
            if (line.startsWith("}")) {
                if (blocks.isEmpty()) {
                    throw new IllegalArgumentException("line " + lineNo + ": unbalanced '}'");
                }
                boolean taken = blocks.pop();
                String rest = line.substring(1).strip();
                if (rest.matches("(?i)else\\s*\\{")) {
                    // the else branch runs when the if branch did not (and the enclosing blocks run)
                    blocks.push(!taken && !blocks.contains(Boolean.FALSE) ? Boolean.TRUE : Boolean.FALSE);
                } else if (!rest.isEmpty()) {
                    throw new IllegalArgumentException("line " + lineNo + ": the demo simulator does not understand '" + line + "'");
                }
                continue;
            }
            Matcher m = IF.matcher(line);
            if (m.matches()) {
                blocks.push(active && truth(substitute(m.group(1), vars, lineNo), lineNo));
                continue;
            }
            if (!active) {
                continue;
            }
            int hash = line.indexOf(" #");
            if (hash < 0) {
                hash = line.indexOf(";#");
            }
            if (hash >= 0) {
                line = line.substring(0, hash).strip();
            }
            String[] kv = line.split("[\\s=]+", 2);
            String key = kv[0];
            String lower = key.toLowerCase(Locale.ROOT);
            if (key.contains("{") || key.contains("[") || REFUSED.contains(lower)) {
                throw new IllegalArgumentException("line " + lineNo + ": the demo simulator does not run Tcl command '" + key
                        + "' (it reads keyword value lines, set, if blocks, minimize and run)");
            }
            String value = kv.length > 1 ? substitute(kv[1].strip(), vars, lineNo) : "";
            switch (lower) {
                case "set" -> {
                    String[] nv = value.split("\\s+", 2);
                    vars.put(nv[0], nv.length > 1 ? unbrace(nv[1]) : "");
                }
                case "minimize", "run" -> {
                    String n = value.startsWith("norepeat ") ? value.substring(9).strip() : value;
                    try {
                        long steps = Long.parseLong(n);
                        if (steps < 0) {
                            throw new NumberFormatException();
                        }
                        c.actionKinds.add(lower);
                        c.actionSteps.add(steps);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("line " + lineNo + ": illegal number of steps '" + n + "' for " + lower);
                    }
                }
                case "parameters" -> c.parameterFiles.add(value);
                default -> c.params.put(lower, unbrace(value));
            }
        }
        if (!blocks.isEmpty()) {
            throw new IllegalArgumentException("missing '}' at the end of the config");
        }
        if (c.actionKinds.isEmpty() && c.params.containsKey("numsteps")) {
            c.actionKinds.add("run");
            c.actionSteps.add(c.longParam("numsteps", 0));
        }
        return c;
    }

    private static String unbrace(String v) {
        return v.startsWith("{") && v.endsWith("}") ? v.substring(1, v.length() - 1).strip() : v;
    }

    private static String substitute(String text, Map<String, String> vars, int lineNo) {
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String v = vars.get(name);
            if (v == null) {
                throw new IllegalArgumentException("line " + lineNo + ": can't read \"" + name + "\": no such variable");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean truth(String cond, int lineNo) {
        String c = cond.strip().toLowerCase(Locale.ROOT);
        switch (c) {
            case "on", "yes", "true":
                return true;
            case "off", "no", "false":
                return false;
            default:
                try {
                    return Double.parseDouble(c) != 0;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + lineNo + ": the demo simulator evaluates only literal if "
                            + "conditions (on/off, numbers), not '" + cond + "'");
                }
        }
    }

    /** The value of a keyword (case-insensitive), or null. */
    public String param(String keyword) {
        return params.get(keyword.toLowerCase(Locale.ROOT));
    }

    public boolean has(String keyword) {
        return param(keyword) != null;
    }

    /** A numeric keyword (the first word, an optional unit suffix dropped), or {@code dflt}. */
    public double numParam(String keyword, double dflt) {
        String v = param(keyword);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        Matcher m = Pattern.compile("^[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?").matcher(v.strip().split("\\s+")[0]);
        return m.find() ? Double.parseDouble(m.group()) : dflt;
    }

    public long longParam(String keyword, long dflt) {
        return Math.round(numParam(keyword, dflt));
    }

    /** A boolean keyword (on/yes/true/1), or {@code dflt}. */
    public boolean isOn(String keyword, boolean dflt) {
        String v = param(keyword);
        return v == null ? dflt : List.of("on", "yes", "true", "1").contains(v.strip().toLowerCase(Locale.ROOT));
    }

    public List<String> parameterFiles() {
        return List.copyOf(parameterFiles);
    }

    public int actionCount() {
        return actionKinds.size();
    }

    /** "minimize" or "run". */
    public String actionKind(int i) {
        return actionKinds.get(i);
    }

    public long actionSteps(int i) {
        return actionSteps.get(i);
    }
}
