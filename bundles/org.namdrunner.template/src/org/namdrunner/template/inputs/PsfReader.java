package org.namdrunner.template.inputs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the atom count of a CHARMM/X-PLOR PSF: the {@code N !NATOM} line after the {@code PSF} header and the title
 * block. Only the lines up to it are read, whatever the size of the file.
 */
public final class PsfReader {

    private PsfReader() {
    }

    public static int atomCount(Path file) throws IOException, InputFormatException {
        try (LineScanner in = new LineScanner(file)) {
            boolean header = false;
            while (in.next()) {
                String l = in.line().strip();
                if (!header) {
                    if (l.isEmpty()) {
                        continue;
                    }
                    if (!l.startsWith("PSF")) {
                        throw new InputFormatException(file, in.number(), "not a PSF file (the first line must start with PSF)");
                    }
                    header = true;
                    continue;
                }
                int bang = l.indexOf('!');
                if (bang > 0 && l.regionMatches(true, bang, "!NATOM", 0, 6)) {
                    String n = l.substring(0, bang).strip();
                    try {
                        int count = Integer.parseInt(n);
                        if (count < 0) {
                            throw new NumberFormatException();
                        }
                        return count;
                    } catch (NumberFormatException e) {
                        throw new InputFormatException(file, in.number(), "the atom count '" + n + "' of !NATOM is not a number");
                    }
                }
            }
            throw new InputFormatException(file, 0, header ? "no !NATOM section" : "the file is empty");
        }
    }
}
