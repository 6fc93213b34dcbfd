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
