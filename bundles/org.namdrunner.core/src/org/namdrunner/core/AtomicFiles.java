package org.namdrunner.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a local file through a temporary file beside it that is then moved into place, so a failed or interrupted
 * write never leaves half a file under the final name (exports, caches).
 */
public final class AtomicFiles {

    /** Writes the content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code content} to {@code file} (parent folders created), replacing it atomically where possible. */
    public static Path write(Path file, Content content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /** {@link #write} of UTF-8 text. */
    public static Path writeString(Path file, String text) throws IOException {
        return write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@link #write} of bytes. */
    public static Path write(Path file, byte[] bytes) throws IOException {
        return write(file, out -> out.write(bytes));
    }
}
