package org.namdrunner.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The restart set a finished NAMD run left behind: {@code <base>.coor}, {@code <base>.vel}, {@code <base>.xsc}.
 * NAMD writes {@code <outputName>.coor/.vel/.xsc} at the end of a run and {@code <restartName>.coor/.vel/.xsc}
 * (default {@code <outputName>.restart}) every {@code restartfreq} steps; a job that hit its wall time only has
 * the latter. Detection prefers a complete final set, then a complete {@code .restart} set, then any set with
 * coordinates; NAMD's {@code .old} backups are ignored.
 *
 * @param coor path of the binary coordinates (relative to the listed directory)
 * @param vel  path of the binary velocities, or null
 * @param xsc  path of the extended-system file, or null
 */
public record RestartFiles(String coor, String vel, String xsc) {

    /** Detects the restart set among file paths (relative, as {@code JobFiles.list} returns them). */
    public static Optional<RestartFiles> detect(Collection<String> files) {
        TreeMap<String, String[]> byBase = new TreeMap<>();
        for (String f : files) {
            int slash = f.lastIndexOf('/');
            String name = f.substring(slash + 1);
            for (int k = 0; k < 3; k++) {
                String ext = switch (k) {
                    case 0 -> ".coor";
                    case 1 -> ".vel";
                    default -> ".xsc";
                };
                if (name.endsWith(ext) && name.length() > ext.length()) {
                    String base = f.substring(0, f.length() - ext.length());
                    byBase.computeIfAbsent(base, b -> new String[3])[k] = f;
                }
            }
        }
        List<String[]> finals = new ArrayList<>();
        List<String[]> restarts = new ArrayList<>();
        for (var e : byBase.entrySet()) {
            if (e.getValue()[0] == null) {
                continue;
            }
            (e.getKey().endsWith(".restart") ? restarts : finals).add(e.getValue());
        }
        for (List<String[]> group : List.of(finals, restarts)) {
            for (String[] s : group) {
                if (s[1] != null && s[2] != null) {
                    return Optional.of(new RestartFiles(s[0], s[1], s[2]));
                }
            }
        }
        for (List<String[]> group : List.of(finals, restarts)) {
            if (!group.isEmpty()) {
                String[] s = group.get(0);
                return Optional.of(new RestartFiles(s[0], s[1], s[2]));
            }
        }
        return Optional.empty();
    }

    /**
     * Detects the restart set a job produced: its output directory also holds copies of its inputs (the job script
     * copies input/ into the work directory and the whole work directory back), e.g. the {@code restart.coor} a
     * continued stage started from; those are not its results and are ignored, unless NAMD overwrote them (a file
     * whose base is the config's {@code outputName}).
     *
     * @param outputs    files of the job's output directory
     * @param inputs     files of the job's input directory
     * @param outputName the config's plain {@code outputName} value, or null
     */
    public static Optional<RestartFiles> detect(Collection<String> outputs, Collection<String> inputs, String outputName) {
        java.util.Set<String> in = new java.util.HashSet<>(inputs);
        List<String> produced = new ArrayList<>();
        for (String f : outputs) {
            boolean own = outputName != null && (f.startsWith(outputName + ".") || f.startsWith(outputName + ".restart."));
            if (own || !in.contains(f)) {
                produced.add(f);
            }
        }
        return detect(produced);
    }

    /** The plain value of {@code outputName} in a NAMD config (last setting wins), or null (absent, Tcl-computed). */
    public static String outputName(String config) {
        String found = null;
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("(?i)^\\s*outputname\\s*=?\\s*([A-Za-z0-9_.+-]+)\\s*(#.*)?$");
        for (String line : config.split("\\R")) {
            java.util.regex.Matcher m = p.matcher(line);
            if (m.matches()) {
                found = m.group(1);
            }
        }
        return found;
    }

    /**
     * The time step an {@code .xsc} file was written at: the first number of its first data line (NAMD's
     * {@code #$LABELS step a_x ...} header comes first).
     */
    public static OptionalLongStep stepOfXsc(String xscText) {
        for (String line : xscText.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String first = t.split("\\s+")[0];
            try {
                return new OptionalLongStep(true, Long.parseLong(first));
            } catch (NumberFormatException e) {
                try {
                    return new OptionalLongStep(true, (long) Double.parseDouble(first));
                } catch (NumberFormatException e2) {
                    return new OptionalLongStep(false, 0);
                }
            }
        }
        return new OptionalLongStep(false, 0);
    }

    /** A step number that may be missing. */
    public record OptionalLongStep(boolean present, long step) {
    }
}
