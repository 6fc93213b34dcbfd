package org.namdrunner.template.inputs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the atom count of an AMBER ASCII restart/inpcrd (rst7): a title line, then NATOM (and optionally the time),
 * then the coordinates, six values per line; checks that the coordinate lines are all there.
 */
public final class Rst7Reader {

    private Rst7Reader() {
    }

    public static int atomCount(Path file) throws IOException, InputFormatException {
        try (LineScanner in = new LineScanner(file)) {
            if (!in.next() || !in.next()) {
                throw new InputFormatException(file, 0, "no atom count on line 2 (not an AMBER rst7/inpcrd file?)");
            }
            String[] words = in.line().strip().split("\\s+");
            int n;
            try {
                n = Integer.parseInt(words[0]);
            } catch (NumberFormatException e) {
                throw new InputFormatException(file, 2, "the atom count '" + words[0] + "' is not a number");
            }
            long needed = (3L * n + 5) / 6;
            long lines = 0;
            while (lines < needed && in.next()) {
                lines++;
            }
            if (lines < needed) {
                throw new InputFormatException(file, 0, "ends after " + lines + " coordinate lines; " + n + " atoms need " + needed);
            }
            return n;
        }
    }
}
