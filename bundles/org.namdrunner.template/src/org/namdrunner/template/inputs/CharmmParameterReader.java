package org.namdrunner.template.inputs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks a CHARMM-format parameter or stream file ({@code parameters} with {@code paraTypeCharmm on}) the way NAMD
 * reads it ({@code Parameters::read_charmm_parameter_file} in NAMD's Parameters.C): blank lines, {@code !} comments,
 * {@code *} titles and {@code END} are skipped; a section starts with a line whose first word begins with
 * BOND, ANGL/THET, DIHE/PHI, IMPR/IMPH, NBON/NONB, NBFI, HBON, CMAP, NBTA, THOL or ATOM; {@code read rtf ...} in a
 * stream file skips to its {@code END} ({@code read para} reads on); {@code return} ends the file; nonbonded options
 * (cutnb, e14fac, ...) are allowed only in the nonbonded sections. A parameter line must have what NAMD's
 * {@code sscanf} reads: bonds 2 types + 2 numbers, angles 3 types + 2 or 4 numbers, dihedrals and impropers 4 types +
 * number, integer, number, nonbonded a type + 3 or 5 numbers, NBFIX 2 types + 2 or 4 numbers. CMAP, HBOND, NBTABLE
 * and THOLE lines are not checked. One streaming pass.
 */
public final class CharmmParameterReader {

    /** What was read: parameter lines per section. */
    public record Summary(int bonds, int angles, int dihedrals, int impropers, int nonbonded, int nbfix) {

        public int total() {
            return bonds + angles + dihedrals + impropers + nonbonded + nbfix;
        }
    }

    private enum Section {
        NONE, BONDS, ANGLES, DIHEDRALS, IMPROPERS, NONBONDED, NBFIX, HBOND, CMAP, NBTABLE, THOLE, ATOMS
    }

    private static final String[] NONBONDED_OPTIONS = { "nbxm", "grou", "cdie", "shif", "vgro", "vdis", "vswi", "cutn", "ctof",
            "cton", "eps", "e14f", "wmin", "aexp", "rexp", "haex", "aaex", "noac", "hbno", "cuth" };

    private CharmmParameterReader() {
    }

    public static Summary check(Path file) throws IOException, InputFormatException {
        int[] counts = new int[Section.values().length];
        Section section = Section.NONE;
        boolean skipToEnd = false;
        try (LineScanner in = new LineScanner(file)) {
            while (in.next()) {
                String line = in.line();
                int bang = line.indexOf('!');
                String content = (bang >= 0 ? line.substring(0, bang) : line).strip();
                String[] w = content.isEmpty() ? new String[0] : content.split("\\s+");
                String first = w.length == 0 ? "" : w[0].toLowerCase(Locale.ROOT);
                if (skipToEnd) {
                    if (first.startsWith("end") && !line.strip().startsWith("*")) {
                        skipToEnd = false;
                    }
                    continue;
                }
                if (w.length == 0 || first.startsWith("*") || first.startsWith("end")) {
                    continue;
                }
                Section start = sectionOf(first);
                if (start != null) {
                    section = start;
                    continue;
                }
                if (first.startsWith("ioformat")) {
                    continue;
                }
                if (first.startsWith("read")) {
                    if (w.length < 2) {
                        throw new InputFormatException(file, in.number(), "'" + content + "' names no section to read (read para ..., read rtf ...)");
                    }
                    skipToEnd = !w[1].toLowerCase(Locale.ROOT).startsWith("para");
                    continue;
                }
                if (first.startsWith("retu")) {
                    break;
                }
                if (isNonbondedOption(first)) {
                    if (section != Section.NONBONDED && section != Section.NBFIX && section != Section.HBOND && section != Section.NBTABLE) {
                        throw new InputFormatException(file, in.number(), "the nonbonded option '" + w[0]
                                + "' outside a NONBONDED, NBFIX or HBOND section (NAMD: ERROR IN CHARMM PARAMETER FILE)");
                    }
                    continue;
                }
                switch (section) {
                    case NONE -> throw new InputFormatException(file, in.number(), "'" + content
                            + "' is outside any section (BONDS, ANGLES, DIHEDRALS, IMPROPER, NONBONDED, ...): "
                            + "NAMD stops with UNKNOWN PARAMETER IN CHARMM PARAMETER FILE");
                    case BONDS -> require(file, in, content, "bond", read(w, 2, false), 4, 4, "2 atom types, a force constant and a length");
                    case ANGLES -> {
                        int n = read(w, 3, false);
                        require(file, in, content, "angle", n, 5, 7, "3 atom types, a force constant and an angle (and 2 Urey-Bradley numbers)");
                        if (n == 6) {
                            throw new InputFormatException(file, in.number(), "bad angle line '" + content
                                    + "': 2 numbers, or 4 with Urey-Bradley, not 3 (BAD ANGLE FORMAT IN CHARMM PARAMETER FILE)");
                        }
                    }
                    case DIHEDRALS -> require(file, in, content, "dihedral", read(w, 4, true), 7, 7,
                            "4 atom types, a force constant, an integer multiplicity and a phase");
                    case IMPROPERS -> require(file, in, content, "improper", read(w, 4, true), 7, 7,
                            "4 atom types, a force constant, an integer multiplicity and a phase");
                    case NONBONDED -> {
                        int n = read(w, 1, false);
                        // NAMD: type, (ignored), epsilon, Rmin/2 [, (ignored), epsilon 1-4, Rmin/2 1-4]: 4 or 7 words read
                        require(file, in, content, "nonbonded", n, 4, 7, "an atom type and 3 numbers (or 6 with the 1-4 values)");
                        if (n != 4 && n != 7) {
                            throw new InputFormatException(file, in.number(), "bad nonbonded line '" + content
                                    + "': an atom type and 3 numbers (or 6 with the 1-4 values), not " + (n - 1));
                        }
                    }
                    case NBFIX -> {
                        int n = read(w, 2, false);
                        require(file, in, content, "NBFIX", n, 4, 6, "2 atom types and 2 numbers (or 4 with the 1-4 values)");
                        if (n == 5) {
                            throw new InputFormatException(file, in.number(), "bad NBFIX line '" + content + "': 2 or 4 numbers, not 3");
                        }
                    }
                    case ATOMS -> {
                        if (!first.startsWith("mass")) {
                            throw new InputFormatException(file, in.number(), "'" + content
                                    + "' in the ATOMS section is not a MASS line (NAMD: UNKNOWN PARAMETER IN CHARMM PARAMETER FILE)");
                        }
                    }
                    default -> {
                        // CMAP grids, HBOND, NBTABLE, THOLE: not checked
                    }
                }
                counts[section.ordinal()]++;
            }
        }
        return new Summary(counts[Section.BONDS.ordinal()], counts[Section.ANGLES.ordinal()], counts[Section.DIHEDRALS.ordinal()],
                counts[Section.IMPROPERS.ordinal()], counts[Section.NONBONDED.ordinal()], counts[Section.NBFIX.ordinal()]);
    }

    private static Section sectionOf(String first) {
        if (first.startsWith("bond")) {
            return Section.BONDS;
        }
        if (first.startsWith("angl") || first.startsWith("thet")) {
            return Section.ANGLES;
        }
        if (first.startsWith("dihe") || first.startsWith("phi")) {
            return Section.DIHEDRALS;
        }
        if (first.startsWith("impr") || first.startsWith("imph")) {
            return Section.IMPROPERS;
        }
        if (first.startsWith("nbon") || first.startsWith("nonb")) {
            return Section.NONBONDED;
        }
        if (first.startsWith("nbfi")) {
            return Section.NBFIX;
        }
        if (first.startsWith("hbon")) {
            return Section.HBOND;
        }
        if (first.startsWith("cmap")) {
            return Section.CMAP;
        }
        if (first.startsWith("nbta")) {
            return Section.NBTABLE;
        }
        if (first.startsWith("thol")) {
            return Section.THOLE;
        }
        if (first.startsWith("atom")) {
            return Section.ATOMS;
        }
        return null;
    }

    private static boolean isNonbondedOption(String first) {
        for (String o : NONBONDED_OPTIONS) {
            if (first.startsWith(o)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many fields NAMD's sscanf reads: {@code types} strings, then numbers until one does not parse; with
     * {@code dihedral}, the second number must be an integer (%d).
     */
    private static int read(String[] w, int types, boolean dihedral) {
        if (w.length < types) {
            return w.length;
        }
        int n = types;
        for (int i = types; i < w.length; i++) {
            boolean ok = dihedral && i == types + 1 ? isInteger(w[i]) : isNumber(w[i]);
            if (!ok) {
                break;
            }
            n++;
        }
        return n;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return !s.endsWith("d") && !s.endsWith("D") && !s.endsWith("f") && !s.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isInteger(String s) {
        return s.matches("[+-]?\\d+");
    }

    private static void require(Path file, LineScanner in, String content, String what, int read, int min, int max, String needs)
            throws InputFormatException {
        if (read < min) {
            throw new InputFormatException(file, in.number(), "bad " + what + " line '" + content + "': NAMD needs " + needs
                    + " (BAD " + what.toUpperCase(Locale.ROOT) + " FORMAT IN CHARMM PARAMETER FILE)");
        }
    }
}
