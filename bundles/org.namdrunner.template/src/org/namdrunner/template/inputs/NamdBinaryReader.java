package org.namdrunner.template.inputs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the atom count of a NAMD binary coordinate or velocity file ({@code .coor}, {@code .vel}; the
 * {@code binCoordinates}/{@code binVelocities} of a restart): a 32-bit atom count, then three 64-bit doubles per atom.
 * NAMD ({@code read_binary_file}) reads the count in the machine's byte order and, when it does not match the
 * structure, byte-swapped; so either order is accepted here: the one whose count the file's size fits
 * ({@code 4 + 24 × count} bytes). Reads 4 bytes and the size, whatever the size of the file.
 */
public final class NamdBinaryReader {

    private NamdBinaryReader() {
    }

    public static int atomCount(Path file) throws IOException, InputFormatException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer b = ByteBuffer.allocate(4);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // read the count
            }
            if (b.hasRemaining()) {
                throw new InputFormatException(file, 0, "is " + size + " bytes: too short for a NAMD binary file (atom count + coordinates)");
            }
            b.flip();
            int little = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
            int big = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
            for (int n : new int[] { little, big }) {
                if (n >= 0 && 4 + 24L * n == size) {
                    return n;
                }
            }
            int n = little >= 0 && (big < 0 || little <= big) ? little : big;
            if (n >= 0 && 4 + 24L * n > size) {
                throw new InputFormatException(file, 0, "is " + size + " bytes, but its " + n + " atoms need " + (4 + 24L * n)
                        + " (truncated, or not a NAMD binary coordinate/velocity file)");
            }
            throw new InputFormatException(file, 0, "is " + size + " bytes, which fits no atom count (4 + 24 × atoms); not a "
                    + "NAMD binary coordinate/velocity file?");
        }
    }
}
