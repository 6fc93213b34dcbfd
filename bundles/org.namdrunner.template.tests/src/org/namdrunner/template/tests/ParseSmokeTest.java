package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.namdrunner.template.ide.NamdIdeSetup;

import com.google.inject.Injector;

class ParseSmokeTest {
    @Test
    void corpusParsesWithoutSyntaxErrors() throws Exception {
        Injector injector = new NamdIdeSetup().createInjectorAndDoEMFRegistration();
        Path corpus = Path.of(System.getProperty("namdrunner.shared"), "namd", "corpus");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(p -> !p.getFileName().toString().endsWith(".tsv")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            XtextResourceSet rs = injector.getInstance(XtextResourceSet.class);
            XtextResource r = (XtextResource) rs.createResource(URI.createURI("dummy:/x.namd"));
            r.load(new ByteArrayInputStream(Files.readAllBytes(f)), null);
            assertEquals(List.of(), r.getErrors().stream().map(e -> f.getFileName() + ":" + e.getLine() + ": " + e.getMessage()).toList());
        }
    }
}
