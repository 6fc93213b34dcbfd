package org.namdrunner.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wires a parent job's restart files into a child's NAMD config, following NAMD's rules:
 * <ul>
 * <li>{@code bincoordinates} takes the parent's {@code .coor}; {@code coordinates} (the PDB) stays, NAMD still
 * needs it for the atom records;</li>
 * <li>{@code binvelocities} takes the {@code .vel}; then {@code temperature} and {@code velocities} must not be set
 * (NAMD refuses both), so they are commented out; without a {@code .vel} the config keeps its temperature;</li>
 * <li>{@code extendedSystem} takes the {@code .xsc}; the config's own {@code cellBasisVector1..3} and
 * {@code cellOrigin} are commented out, the restart's (possibly NPT-relaxed) cell wins;</li>
 * <li>{@code firsttimestep} is the step the restart was written at, so step numbers and trajectories continue.</li>
 * </ul>
 * A restart of the same stage ({@link Mode#RESTART}) also comments out {@code minimize} and sets the remaining
 * steps: the first {@code run} becomes {@code run <remaining>}, later ones are commented out. Replaced lines are
 * kept as comments marked {@value #MARK}; the wiring block is delimited so wiring a wired config again (a restart of
 * a restart) replaces it. Only plain {@code keyword value} lines are touched; Tcl stays as written.
 */
public final class RestartWiring {
    /** Marks lines NAMDRunner commented out. */
    public static final String MARK = "# [NAMDRunner restart] ";
    public static final String BEGIN = "# >>> NAMDRunner restart wiring (do not edit this block)";
    public static final String END = "# <<< NAMDRunner restart wiring";

    /** Continue with the next stage (own config) or restart the same stage after TIMEOUT/failure. */
    public enum Mode {
        CONTINUE, RESTART
    }

    private static final Pattern LINE = Pattern.compile("^(\\s*)([A-Za-z][A-Za-z0-9_]*)(\\s*=?\\s*)(.*?)\\s*(#.*)?$");
    private static final Set<String> FILE_KEYS = Set.of("bincoordinates", "binvelocities", "extendedsystem", "firsttimestep");

    private RestartWiring() {
    }

    /**
     * @param config     the child's config text
     * @param coor       file name of the coordinates in the child's input directory
     * @param vel        velocities file name or null
     * @param xsc        extended-system file name or null
     * @param firstStep  step of the restart (firsttimestep)
     * @param mode       continue (next stage) or restart (same stage)
     * @param remaining  for RESTART: steps still to run (&gt; 0); ignored for CONTINUE
     */
    public static String wire(String config, String coor, String vel, String xsc, long firstStep, Mode mode, long remaining) {
        List<String> out = new ArrayList<>();
        boolean inBlock = false;
        boolean runSet = false;
        for (String line : config.split("\\R", -1)) {
            if (line.startsWith(BEGIN)) {
                inBlock = true;
                continue;
            }
            if (inBlock) {
                if (line.startsWith(END)) {
                    inBlock = false;
                }
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                out.add(line);
                continue;
            }
            String key = m.group(2).toLowerCase(Locale.ROOT);
            boolean drop = FILE_KEYS.contains(key)
                    || vel != null && (key.equals("temperature") || key.equals("velocities"))
                    || xsc != null && (key.equals("cellbasisvector1") || key.equals("cellbasisvector2")
                            || key.equals("cellbasisvector3") || key.equals("cellorigin"));
            if (mode == Mode.RESTART) {
                if (key.equals("minimize") || key.equals("reinitvels")) {
                    drop = true;
                } else if (key.equals("run")) {
                    if (!runSet) {
                        out.add(MARK + line.strip());
                        out.add(m.group(1) + "run " + remaining);
                        runSet = true;
                        continue;
                    }
                    drop = true;
                }
            }
            out.add(drop ? MARK + line.strip() : line);
        }
        List<String> block = new ArrayList<>();
        block.add(BEGIN);
        block.add("bincoordinates      " + coor);
        if (vel != null) {
            block.add("binvelocities       " + vel);
        }
        if (xsc != null) {
            block.add("extendedSystem      " + xsc);
        }
        block.add("firsttimestep       " + firstStep);
        block.add(END);
        // after the leading comment header, before the first keyword
        int at = 0;
        while (at < out.size() && (out.get(at).isBlank() || out.get(at).strip().startsWith("#") && !out.get(at).startsWith(MARK))) {
            at++;
        }
        out.addAll(at, block);
        return String.join("\n", out);
    }

    /**
     * Steps a config runs in total when started at its {@code firsttimestep}: firsttimestep + every
     * {@code minimize N} + every {@code run N} (NAMD counts minimization steps too). Empty when a count is not a
     * plain integer (Tcl variables, expressions): then the total must be given.
     */
    public static java.util.OptionalLong totalSteps(String config) {
        long first = 0;
        long sum = 0;
        for (String line : config.split("\\R")) {
            if (line.startsWith(MARK)) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String key = m.group(2).toLowerCase(Locale.ROOT);
            if (key.equals("firsttimestep") || key.equals("run") || key.equals("minimize")) {
                String v = m.group(4).strip();
                if (key.equals("run") && v.toLowerCase(Locale.ROOT).startsWith("norepeat ")) {
                    v = v.substring(9).strip();
                }
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    return java.util.OptionalLong.empty();
                }
                if (key.equals("firsttimestep")) {
                    first = n;
                } else {
                    sum += n;
                }
            }
        }
        return java.util.OptionalLong.of(first + sum);
    }
}
