package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Access to ../shared (system property namdrunner.shared). */
final class Corpus {

    private Corpus() {
    }

    static Path shared() {
        String p = System.getProperty("namdrunner.shared");
        assertNotNull(p, "system property namdrunner.shared (path of ../shared) is not set");
        Path path = Path.of(p);
        assertTrue(Files.isDirectory(path), "namdrunner.shared does not exist: " + path);
        return path;
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(shared().resolve("namd").resolve("corpus"))) {
            List<Path> files = s.filter(p -> !p.getFileName().toString().endsWith(".tsv")).sorted().toList();
            assertFalse(files.isEmpty(), "empty corpus");
            return files;
        }
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
