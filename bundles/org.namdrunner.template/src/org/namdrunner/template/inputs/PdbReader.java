package org.namdrunner.template.inputs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Counts the atoms of a PDB as NAMD does ({@code PDB::PDB} in NAMD's PDB.C): every {@code ATOM} and {@code HETATM}
 * record of the whole file (NAMD does not stop at {@code END} or {@code ENDMDL}); a line of 149 characters or more
 * stops NAMD ("Line too long in pdbfile"). One streaming pass in constant memory.
 */
public final class PdbReader {

    /** NAMD reads lines with fgets(buf, 150, ...) and dies when one fills the buffer. */
    static final int MAX_LINE = 148;

    private PdbReader() {
    }

    public static int atomCount(Path file) throws IOException, InputFormatException {
        long count = 0;
        try (LineScanner in = new LineScanner(file)) {
            while (in.next()) {
                if (in.fullLength() > MAX_LINE) {
                    throw new InputFormatException(file, in.number(), "line too long (" + in.fullLength()
                            + " characters; NAMD reads PDB lines of at most " + MAX_LINE + ")");
                }
                if (in.startsWith("HETATM") || in.startsWith("ATOM") && (in.at(4) == ' ' || in.at(4) == -1)) {
                    count++;
                }
            }
        }
        if (count > Integer.MAX_VALUE) {
            throw new InputFormatException(file, 0, "more atoms than NAMD can count: " + count);
        }
        return (int) count;
    }
}
