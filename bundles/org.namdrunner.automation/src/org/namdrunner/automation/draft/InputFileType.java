package org.namdrunner.automation.draft;

import java.util.List;
import java.util.Locale;

/**
 * Kinds of NAMD input files, recognised by their file name ending (case-insensitive): structure ({@code .psf}),
 * coordinates ({@code .pdb}), force-field parameters ({@code .prm .par .str}), extra bonds
 * ({@code .exb .enm.extra}), restart coordinates ({@code .coor}), restart velocities ({@code .vel}) and the
 * extended system / periodic cell ({@code .xsc}).
 */
public enum InputFileType {
    STRUCTURE("Structure (PSF)", "structure", ".psf"),
    COORDINATES("Coordinates (PDB)", "coordinates", ".pdb"),
    PARAMETERS("Force-field parameters", "parameters", ".prm", ".par", ".str"),
    EXTRA_BONDS("Extra bonds", "extraBondsFile", ".exb", ".enm.extra"),
    RESTART_COORDINATES("Restart coordinates", "bincoordinates", ".coor"),
    RESTART_VELOCITIES("Restart velocities", "binvelocities", ".vel"),
    EXTENDED_SYSTEM("Extended system (cell)", "extendedSystem", ".xsc"),
    OTHER("Other file", null);

    private final String label;
    private final String keyword;
    private final List<String> extensions;

    InputFileType(String label, String keyword, String... extensions) {
        this.label = label;
        this.keyword = keyword;
        this.extensions = List.of(extensions);
    }

    /** Human name for forms. */
    public String label() {
        return label;
    }

    /** The NAMD keyword that usually reads this kind of file, or null. */
    public String keyword() {
        return keyword;
    }

    /** File name endings of this type, with the dot. */
    public List<String> extensions() {
        return extensions;
    }

    /** The type of a file, by the longest matching ending ({@code x.enm.extra} is EXTRA_BONDS); OTHER if none. */
    public static InputFileType of(String fileName) {
        if (fileName == null) {
            return OTHER;
        }
        String n = fileName.toLowerCase(Locale.ROOT);
        InputFileType best = OTHER;
        int bestLength = 0;
        for (InputFileType t : values()) {
            for (String e : t.extensions) {
                if (n.endsWith(e) && n.length() > e.length() && e.length() > bestLength) {
                    best = t;
                    bestLength = e.length();
                }
            }
        }
        return best;
    }

    /** Whether {@code fileName} ends with one of {@code allowed} (case-insensitive); true when none are given. */
    public static boolean hasExtension(String fileName, List<String> allowed) {
        if (allowed == null || allowed.isEmpty()) {
            return true;
        }
        String n = fileName.toLowerCase(Locale.ROOT);
        return allowed.stream().anyMatch(e -> n.endsWith(e.toLowerCase(Locale.ROOT)));
    }
}
