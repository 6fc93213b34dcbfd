package org.namdrunner.template.inputs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the periodic cell of a NAMD extended-system file ({@code .xsc}; {@code extendedSystem}): comment lines
 * ({@code # NAMD extended system configuration ...}, {@code #$LABELS step a_x a_y a_z b_x ...}), then a data line:
 * step, the cell vectors a, b, c and the origin (13 numbers at least; more with a flexible cell's strain rates).
 */
public final class XscReader {

    /** The first data line of the file. */
    public record Cell(long step, double[] a, double[] b, double[] c, double[] origin) {

        /** Whether some cell vector is non-zero (a periodic system); all zero is a cell of nothing. */
        public boolean periodic() {
            return nonZero(a) || nonZero(b) || nonZero(c);
        }

        private static boolean nonZero(double[] v) {
            return v[0] != 0 || v[1] != 0 || v[2] != 0;
        }
    }

    private XscReader() {
    }

    public static Cell read(Path file) throws IOException, InputFormatException {
        try (LineScanner in = new LineScanner(file)) {
            while (in.next()) {
                String l = in.line().strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] w = l.split("\\s+");
                if (w.length < 13) {
                    throw new InputFormatException(file, in.number(), "the cell line has " + w.length
                            + " numbers; an extended-system file needs 13 (step, vectors a, b, c, origin)");
                }
                double[] v = new double[13];
                for (int i = 0; i < 13; i++) {
                    try {
                        v[i] = Double.parseDouble(w[i]);
                    } catch (NumberFormatException e) {
                        throw new InputFormatException(file, in.number(), "'" + w[i] + "' (column " + (i + 1) + ") is not a number");
                    }
                }
                return new Cell((long) v[0], new double[] { v[1], v[2], v[3] }, new double[] { v[4], v[5], v[6] },
                        new double[] { v[7], v[8], v[9] }, new double[] { v[10], v[11], v[12] });
            }
            throw new InputFormatException(file, 0, "holds no cell (only comments); an extended-system file has a line with "
                    + "step, cell vectors a, b, c and origin");
        }
    }
}
