package org.namdrunner.template.inputs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the atom count of an AMBER parm7/prmtop file: NATOM, the first value of {@code %FLAG POINTERS} (format
 * {@code 10I8}). Reads up to that section only.
 */
public final class Parm7Reader {

    private Parm7Reader() {
    }

    public static int atomCount(Path file) throws IOException, InputFormatException {
        try (LineScanner in = new LineScanner(file)) {
            boolean pointers = false;
            while (in.next()) {
                String l = in.line();
                if (l.startsWith("%FLAG")) {
                    pointers = l.substring(5).strip().equals("POINTERS");
                    continue;
                }
                if (!pointers || l.startsWith("%")) {
                    continue;
                }
                String first = l.length() >= 8 ? l.substring(0, 8).strip() : l.strip();
                try {
                    return Integer.parseInt(first);
                } catch (NumberFormatException e) {
                    throw new InputFormatException(file, in.number(), "NATOM of %FLAG POINTERS is not a number: '" + first + "'");
                }
            }
            throw new InputFormatException(file, 0, "no %FLAG POINTERS section (not an AMBER parm7 file?)");
        }
    }
}
