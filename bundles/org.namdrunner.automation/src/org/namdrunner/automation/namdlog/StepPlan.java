package org.namdrunner.automation.namdlog;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps a NAMD config runs, read from its text: {@code firsttimestep} (0 by default), every {@code minimize N} and
 * {@code run [norepeat] N} (NAMD counts minimization steps too), or {@code numsteps N} (the last step) when the config
 * has no run/minimize command; and the {@code timestep} (fs, NAMD's default 1). Only top-level lines with plain
 * numbers count: a count that is a Tcl variable or expression, or a run inside a proc, loop or branch makes the plan
 * unknown ({@link #known()} false) rather than wrong. UI-free.
 *
 * @param firstStep  the first step ({@code firsttimestep})
 * @param lastStep   the step the config ends at, or null when unknown
 * @param timestepFs the time step in fs, or null when it is not a plain number
 */
public record StepPlan(long firstStep, Long lastStep, Double timestepFs) {
    private static final Pattern LINE = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9_]*)\\s*(?:=\\s*|\\s+)(.*?)\\s*(?:;?\\s*#.*)?$");

    /** The plan of a config text. */
    public static StepPlan of(String config) {
        long first = 0;
        long sum = 0;
        boolean runs = false;
        boolean unknown = false;
        Long numsteps = null;
        Double timestep = 1.0;
        int depth = 0;
        for (String raw : config.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int braces = depth;
            for (char ch : line.toCharArray()) {
                depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            String v = m.group(2).strip();
            boolean inBlock = braces > 0 || v.endsWith("{");
            switch (key) {
                case "run", "minimize" -> {
                    runs = true;
                    if (key.equals("run") && v.toLowerCase(Locale.ROOT).startsWith("norepeat ")) {
                        v = v.substring(9).strip();
                    }
                    Long n = number(v);
                    if (n == null || inBlock) {
                        unknown = true;
                    } else {
                        sum += n;
                    }
                }
                case "firsttimestep" -> {
                    Long n = number(v);
                    if (n == null || inBlock) {
                        unknown = true;
                    } else {
                        first = n;
                    }
                }
                case "numsteps" -> {
                    Long n = number(v);
                    if (n == null || inBlock) {
                        unknown = true;
                    } else {
                        numsteps = n;
                    }
                }
                case "timestep" -> {
                    try {
                        timestep = inBlock ? null : Double.valueOf(v);
                    } catch (NumberFormatException e) {
                        timestep = null;
                    }
                }
                case "proc", "for", "foreach", "while", "if" -> {
                    // a run inside a block is counted as unknown through inBlock above
                }
                default -> {
                }
            }
        }
        Long last = unknown ? null : runs ? Long.valueOf(first + sum) : numsteps;
        return new StepPlan(first, last, timestep);
    }

    private static Long number(String v) {
        try {
            return Long.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether the config says how many steps it runs. */
    public boolean known() {
        return lastStep != null;
    }

    /** Steps to run, when known. */
    public Long steps() {
        return lastStep == null ? null : Math.max(0, lastStep - firstStep);
    }
}
