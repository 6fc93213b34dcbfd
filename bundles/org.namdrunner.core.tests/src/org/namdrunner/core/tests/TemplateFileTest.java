package org.namdrunner.core.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.namdrunner.core.model.TemplateFile;

class TemplateFileTest {

    @Test
    void exportedFileCarriesTheRevisionAndReadsBackToTheSameText() {
        String text = "#@var steps type=Integer default=100\nrun <<steps>>\n";
        Instant at = Instant.parse("2026-12-03T05:30:00Z");
        String file = TemplateFile.write(text, "My \"best\" one", "3f0c-uuid", 4, false, at);
        assertEquals("#@namdrunner-export name=\"My \\\"best\\\" one\" id=\"3f0c-uuid\" revision=4 exported=\"2026-12-03T05:30:00Z\"\n"
                + text, file);
        TemplateFile.Content c = TemplateFile.read(file);
        assertEquals(text, c.text());
        assertEquals("My \"best\" one", c.name());
        assertEquals("3f0c-uuid", c.id());
        assertEquals(4, c.revision());
        assertFalse(c.builtIn());
        assertEquals(at, c.exported());
        assertEquals("Imported from best.namd: revision 4 of template 'My \"best\" one' (3f0c-uuid), exported 2026-12-03T05:30:00Z",
                c.origin("best.namd"));
        // CRLF files keep their text after the header
        assertEquals("run 1\r\n", TemplateFile.read(file.replace("\n", "\r\n").replaceFirst("(?s)\r\n.*", "\r\nrun 1\r\n")).text());
    }

    @Test
    void builtInExportsSayBuiltInAndHaveNoRevision() {
        TemplateFile.Content c = TemplateFile.read(TemplateFile.write("run 1\n", "Vacuum", "vacuum_optimization_v1", null, true, null));
        assertTrue(c.builtIn());
        assertNull(c.revision());
        assertEquals("run 1\n", c.text());
        assertEquals("Imported from v.namd: built-in template 'Vacuum' (vacuum_optimization_v1)", c.origin("v.namd"));
    }

    @Test
    void filesWithoutAHeaderAreTakenWhole() {
        for (String plain : new String[] {"run 1\n", "", "#@var x type=Text\n", "#@namdrunner-export\nrun 1\n",
                "#@namdrunner-export revision=3\nrun 1\n"}) {
            TemplateFile.Content c = TemplateFile.read(plain);
            assertEquals(plain, c.text());
            assertFalse(c.hasHeader());
            assertEquals("Imported from a.namd", c.origin("a.namd"));
        }
    }

    @Test
    void aDamagedRevisionOrTimeIsUnknownNotAnError() {
        TemplateFile.Content c = TemplateFile.read("#@namdrunner-export id=\"x\" revision=abc exported=\"yesterday\"\nrun 1\n");
        assertEquals("x", c.id());
        assertEquals("x", c.name());
        assertNull(c.revision());
        assertNull(c.exported());
        assertEquals("run 1\n", c.text());
    }
}
