package org.namdrunner.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cli.NamdCli;

class NamdCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new NamdCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validateReportsFileLineColumnAndFails(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.namd");
        Files.writeString(f, "structure a.psf\ncutoff 12\n  langevinTemperature 300\n");
        assertEquals(NamdCli.ERRORS, run("validate", f.toString()));
        assertTrue(out().contains(f + ":3:3: error: unknown NAMD keyword or command 'langevinTemperature': did you mean 'langevinTemp'"), out());
    }

    @Test
    void validateCorpusDirectoryIsClean() {
        Path corpus = Path.of(System.getProperty("namdrunner.testdata"), "namd", "corpus");
        assertEquals(NamdCli.OK, run("validate", corpus.toString()), out() + err());
        assertTrue(err().startsWith("11 file(s): 0 error(s)") || err().matches("(?s)\\d+ file\\(s\\): 0 error\\(s\\).*"), err());
    }

    @Test
    void renderBuiltInWithValues(@TempDir Path dir) throws Exception {
        assertEquals(NamdCli.OK, run("render", "explicit_solvent_npt_v1", "--set", "temperature=300", "--set=run_steps=1000"), err());
        assertTrue(out().contains("langevinTemp        300"), out());
        assertTrue(out().contains("run             1000"), out());
        Path rendered = dir.resolve("npt.namd");
        Files.writeString(rendered, out());
        out.reset();
        err.reset();
        assertEquals(NamdCli.OK, run("validate", rendered.toString()), out());
    }

    @Test
    void renderRefusesBadValues() {
        assertEquals(NamdCli.ERRORS, run("render", "vacuum_optimization_v1", "--set", "temperature=hot"));
        assertEquals("", out());
        assertTrue(err().contains("'temperature' must be a number") && err().contains("nothing rendered"), err());
    }

    @Test
    void usageErrors() {
        assertEquals(NamdCli.USAGE, run());
        assertEquals(NamdCli.USAGE, run("frobnicate"));
        assertEquals(NamdCli.USAGE, run("render", "no_such_template"));
        assertEquals(NamdCli.USAGE, run("render", "vacuum_optimization_v1", "--set", "novalue"));
        assertEquals(NamdCli.USAGE, run("validate", "/no/such/file.namd"));
    }

    @Test
    void templatesListsVariables() {
        assertEquals(NamdCli.OK, run("templates", "vacuum_optimization_v1"));
        assertTrue(out().contains("temperature\tNumber\t310"), out());
    }
}
