package org.namdrunner.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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

    /**
     * The corpus of real configs: the only errors are those of the files KNOWN_BAD.tsv lists (real NAMD errors, each with
     * the NAMD message in the list), so the exit code is ERRORS exactly when that list is not empty.
     */
    @Test
    void validateCorpusDirectoryReportsOnlyTheKnownNamdErrors() throws Exception {
        Path corpus = Path.of(System.getProperty("namdrunner.testdata"), "namd", "corpus");
        Set<String> knownBad = new TreeSet<>();
        for (String line : Files.readAllLines(corpus.resolve("KNOWN_BAD.tsv"))) {
            if (!line.isBlank() && !line.startsWith("file\t")) {
                knownBad.add(line.split("\t")[0]);
            }
        }
        int code = run("validate", corpus.toString());
        Set<String> withErrors = new TreeSet<>(out().lines().filter(l -> l.contains(": error: "))
                .map(l -> Path.of(l.substring(0, l.indexOf(':'))).getFileName().toString()).toList());
        assertEquals(knownBad, withErrors, out());
        assertEquals(knownBad.isEmpty() ? NamdCli.OK : NamdCli.ERRORS, code, out() + err());
        assertTrue(err().matches("(?s)\\d+ file\\(s\\): \\d+ error\\(s\\).*"), err());
    }

    /** --namd 2.14|3.0: a keyword only the other release has is an error that says so; without --namd both are accepted. */
    @Test
    void validateForANamdRelease(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("gpu.namd");
        assertEquals(NamdCli.OK, run("render", "explicit_solvent_npt_v1", "-o", f.toString()), err());
        Files.writeString(f, Files.readString(f).replace("# Stage", "GPUresident on\n# Stage"));
        out.reset();
        err.reset();
        assertEquals(NamdCli.OK, run("validate", f.toString()), out() + err());
        assertEquals(NamdCli.OK, run("validate", "--namd", "3.0", f.toString()), out() + err());
        assertEquals(NamdCli.ERRORS, run("validate", "--namd", "2.14", f.toString()), out() + err());
        assertTrue(out().contains("NAMD 2.14 has no keyword 'GPUresident': it is new in NAMD 3.0"), out());
        assertEquals(NamdCli.USAGE, run("validate", "--namd", "2.9", f.toString()));
        assertTrue(err().contains("--namd: unknown NAMD version '2.9'"), err());
    }

    /** A driver that sources a file beside it: the file is followed, so what it sets counts and a fragment is a note. */
    @Test
    void validateFollowsSourcedFilesBesideTheConfig(@TempDir Path dir) throws Exception {
        Path common = dir.resolve("common.namd");
        Files.writeString(common, "structure a.psf\ncoordinates a.pdb\nparameters p.prm\nexclude scaled1-4\ncutoff 12\n"
                + "switchdist 10\npairlistdist 14\ntemperature 300\nproc stage {n} { run $n }\nset temp 300\n");
        Path driver = dir.resolve("eq.namd");
        Files.writeString(driver, "source common.namd\nlangevin on\nlangevinTemp $temp\nlangevinDamping 1\noutputName eq\nstage 1000\n");
        assertEquals(NamdCli.OK, run("validate", common.toString(), driver.toString()), out() + err());
        assertTrue(out().contains(common + ":1:1: note: no run, minimize or numsteps: validated as a fragment"), out());
        assertTrue(err().startsWith("2 file(s): 0 error(s), 0 warning(s), 1 note(s)"), err());
        // the followed file is known entirely: a keyword missing from both is an error of the driver
        Files.writeString(driver, Files.readString(driver).replace("outputName eq\n", ""));
        out.reset();
        err.reset();
        assertEquals(NamdCli.ERRORS, run("validate", driver.toString()), out() + err());
        assertTrue(out().contains("outputname is required before stage"), out());
    }

    /** The input files beside a config are read against each other: a PDB with an atom less than the PSF fails. */
    @Test
    void validateReadsTheInputFilesBesideTheConfig(@TempDir Path dir) throws Exception {
        Path inputs = Path.of(System.getProperty("namdrunner.testdata"), "inputs");
        Files.copy(inputs.resolve("demo_water.psf"), dir.resolve("w.psf"));
        Files.copy(inputs.resolve("demo_water.prm"), dir.resolve("w.prm"));
        Files.write(dir.resolve("w.pdb"), Files.readAllLines(inputs.resolve("demo_water.pdb")).stream()
                .filter(l -> !l.startsWith("ATOM     24 ")).toList());
        Path f = dir.resolve("w.namd");
        assertEquals(NamdCli.OK, run("render", "vacuum_optimization_v1", "--set", "structure_file=w.psf", "--set", "coordinates_file=w.pdb",
                "--set", "parameter_file=w.prm", "-o", f.toString()), err());
        out.reset();
        err.reset();
        assertEquals(NamdCli.ERRORS, run("validate", f.toString()), out() + err());
        int line = Files.readAllLines(f).indexOf(Files.readAllLines(f).stream().filter(l -> l.startsWith("coordinates")).findFirst().orElseThrow()) + 1;
        assertTrue(out().contains(f + ":" + line + ":21: error: coordinates w.pdb has 23 atoms, but structure w.psf has 24 "
                + "(NAMD: Number of pdb and psf atoms are not the same!)"), out());
        assertTrue(err().startsWith("1 file(s): 1 error(s)"), err());
        Files.copy(inputs.resolve("demo_water.pdb"), dir.resolve("w.pdb"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        out.reset();
        err.reset();
        assertEquals(NamdCli.OK, run("validate", f.toString()), out() + err());
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
