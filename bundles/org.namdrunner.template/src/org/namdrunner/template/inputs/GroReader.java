package org.namdrunner.template.inputs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the atom count of a GROMACS .gro file: a title line, the atom count, one line per atom, then the box line
 * (3 or 9 numbers); checks that all atom lines and the box are there.
 */
public final class GroReader {

    private GroReader() {
    }

    public static int atomCount(Path file) throws IOException, InputFormatException {
        try (LineScanner in = new LineScanner(file)) {
            if (!in.next() || !in.next()) {
                throw new InputFormatException(file, 0, "no atom count on line 2 (not a GROMACS .gro file?)");
            }
            String c = in.line().strip();
            int n;
            try {
                n = Integer.parseInt(c);
            } catch (NumberFormatException e) {
                throw new InputFormatException(file, 2, "the atom count '" + c + "' is not a number");
            }
            long atoms = 0;
            while (atoms < n && in.next()) {
                atoms++;
            }
            if (atoms < n) {
                throw new InputFormatException(file, 0, "has " + atoms + " atom lines, but line 2 says " + n);
            }
            if (!in.next()) {
                throw new InputFormatException(file, 0, "no box line after the " + n + " atoms (fewer atom lines than line 2 says?)");
            }
            String[] box = in.line().strip().split("\\s+");
            if (box.length != 3 && box.length != 9) {
                throw new InputFormatException(file, in.number(), "the box line needs 3 or 9 numbers, found " + box.length
                        + " (more atom lines than line 2 says?)");
            }
            return n;
        }
    }
}
