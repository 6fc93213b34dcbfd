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

/** The repository's NAMD config corpus, testdata/namd/corpus (system property namdrunner.testdata, set by pom.xml). */
final class Corpus {

    private Corpus() {
    }

    static Path corpus() {
        String p = System.getProperty("namdrunner.testdata");
        assertNotNull(p, "system property namdrunner.testdata (the repository's testdata folder) is not set");
        Path path = Path.of(p, "namd", "corpus");
        assertTrue(Files.isDirectory(path), "corpus missing: " + path + " (system property namdrunner.testdata)");
        return path;
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(corpus())) {
            List<Path> files = s.filter(p -> !p.getFileName().toString().endsWith(".tsv")).sorted().toList();
            assertFalse(files.isEmpty(), "empty corpus");
            return files;
        }
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
