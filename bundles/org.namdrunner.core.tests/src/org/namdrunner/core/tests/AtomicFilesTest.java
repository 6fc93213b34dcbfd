package org.namdrunner.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.core.AtomicFiles;

class AtomicFilesTest {
    @TempDir
    Path tmp;

    static long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void writesIntoNewFoldersAndReplaces() throws Exception {
        Path f = tmp.resolve("a/b/out.txt");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two \u00e9");
        assertEquals("two \u00e9", Files.readString(f));
        assertEquals(1, entries(f.getParent()), "no temporary file left");
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary() throws Exception {
        Path f = tmp.resolve("out.txt");
        AtomicFiles.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(1, entries(tmp));
    }
}
