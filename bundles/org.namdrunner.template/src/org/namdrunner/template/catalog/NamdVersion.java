package org.namdrunner.template.catalog;

import java.util.Optional;

/**
 * A NAMD release whose keywords the catalog knows (column {@code namd_versions} of {@code keywords.tsv}, extracted
 * from each release's {@code src/SimParameters.C}; see the catalog's README).
 */
public enum NamdVersion {
    /** NAMD 2.14 (namd2) */
    V2_14("2.14"),
    /** NAMD 3.0 (namd3) */
    V3_0("3.0");

    private final String label;

    NamdVersion(String label) {
        this.label = label;
    }

    /** "2.14" or "3.0", as in the catalog and on the command line. */
    public String label() {
        return label;
    }

    /**
     * The version for a version string such as "2.14", "2.14b2", "3.0", "3.0.1", "3.0b7" or "namd3": the major.minor
     * part decides; empty when it is neither 2.14 nor 3.0.
     */
    public static Optional<NamdVersion> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String v = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.startsWith("namd")) {
            v = v.substring(4);
        }
        if (v.equals("2") || v.equals("2.14") || v.startsWith("2.14") && !Character.isDigit(v.length() > 4 ? v.charAt(4) : 'x')) {
            return Optional.of(V2_14);
        }
        if (v.equals("3") || v.equals("3.0") || v.startsWith("3.0") && !Character.isDigit(v.length() > 3 ? v.charAt(3) : 'x')) {
            return Optional.of(V3_0);
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return label;
    }
}
