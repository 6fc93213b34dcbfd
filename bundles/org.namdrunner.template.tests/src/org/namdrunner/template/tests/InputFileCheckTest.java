package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.template.inputs.CharmmParameterReader;
import org.namdrunner.template.inputs.GroReader;
import org.namdrunner.template.inputs.InputFileCheck;
import org.namdrunner.template.inputs.InputFormatException;
import org.namdrunner.template.inputs.NamdBinaryReader;
import org.namdrunner.template.inputs.Parm7Reader;
import org.namdrunner.template.inputs.PdbReader;
import org.namdrunner.template.inputs.PsfReader;
import org.namdrunner.template.inputs.Rst7Reader;
import org.namdrunner.template.inputs.XscReader;

/** The input-file readers and {@link InputFileCheck} on real-format files (testdata/inputs) and broken copies. */
class InputFileCheckTest {

    @TempDir
    Path tmp;

    Path inputs;

    @BeforeEach
    void setUp() throws IOException {
        inputs = Corpus.corpus().getParent().getParent().resolve("inputs");
        assertTrue(Files.isDirectory(inputs), inputs.toString());
        for (String f : List.of("demo_water.psf", "demo_water.pdb", "demo_water.prm", "demo_water.restart.xsc", "water_stream.str",
                "water3.parm7", "water3.rst7", "water3.gro")) {
            Files.copy(inputs.resolve(f), tmp.resolve(f));
        }
    }

    private Function<String, Path> files() {
        return name -> tmp.resolve(name);
    }

    private static String config(String... lines) {
        return String.join("\n", lines) + "\nrun 1000\n";
    }

    private static List<String> messages(List<InputFileCheck.Problem> problems) {
        return problems.stream().map(p -> (p.error() ? "error: " : "warning: ") + p.message()).toList();
    }

    /** A NAMD binary coordinate/velocity file: int32 count, then 3 doubles per atom, in the given byte order. */
    private Path binary(String name, int atoms, ByteOrder order) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 24 * atoms).order(order);
        b.putInt(atoms);
        for (int i = 0; i < 3 * atoms; i++) {
            b.putDouble(i * 0.5);
        }
        Path p = tmp.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    @Test
    void readersCountTheAtomsOfRealFormatFiles() throws Exception {
        assertEquals(24, PsfReader.atomCount(tmp.resolve("demo_water.psf")));
        assertEquals(24, PdbReader.atomCount(tmp.resolve("demo_water.pdb")));
        assertEquals(3, Parm7Reader.atomCount(tmp.resolve("water3.parm7")));
        assertEquals(3, Rst7Reader.atomCount(tmp.resolve("water3.rst7")));
        assertEquals(3, GroReader.atomCount(tmp.resolve("water3.gro")));
        assertEquals(24, NamdBinaryReader.atomCount(binary("a.coor", 24, ByteOrder.LITTLE_ENDIAN)));
        assertEquals(24, NamdBinaryReader.atomCount(binary("b.coor", 24, ByteOrder.BIG_ENDIAN)), "NAMD byte-swaps the other order");
        XscReader.Cell cell = XscReader.read(tmp.resolve("demo_water.restart.xsc"));
        assertEquals(1000, cell.step());
        assertEquals(12.4, cell.a()[0]);
        assertEquals(12.4, cell.c()[2]);
        assertTrue(cell.periodic());
        CharmmParameterReader.Summary prm = CharmmParameterReader.check(tmp.resolve("demo_water.prm"));
        assertEquals(2, prm.bonds());
        assertEquals(1, prm.angles());
        assertEquals(2, prm.nonbonded());
        CharmmParameterReader.Summary str = CharmmParameterReader.check(tmp.resolve("water_stream.str"));
        assertEquals(2, str.bonds(), "the topology part (read rtf) is skipped, as NAMD does; its BOND line is no parameter");
        assertEquals(1, str.angles());
        assertEquals(2, str.nonbonded());
    }

    @Test
    void matchingInputsHaveNoProblems() {
        String c = config("structure demo_water.psf", "coordinates demo_water.pdb", "paraTypeCharmm on", "parameters demo_water.prm",
                "parameters water_stream.str", "bincoordinates demo_water.restart.coor", "binvelocities demo_water.restart.vel",
                "extendedSystem demo_water.restart.xsc");
        try {
            binary("demo_water.restart.coor", 24, ByteOrder.LITTLE_ENDIAN);
            binary("demo_water.restart.vel", 24, ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of(), messages(InputFileCheck.check(c, files())));
    }

    @Test
    void aPdbWithAnAtomMissingIsAnErrorNamingBothFilesAndCounts() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(tmp.resolve("demo_water.pdb")));
        lines.removeIf(l -> l.startsWith("ATOM     24 "));
        Files.write(tmp.resolve("short.pdb"), lines);
        String c = config("structure demo_water.psf", "coordinates short.pdb");
        List<InputFileCheck.Problem> p = InputFileCheck.check(c, files());
        assertEquals(1, p.size(), messages(p).toString());
        assertTrue(p.get(0).error());
        String m = p.get(0).message();
        assertTrue(m.contains("short.pdb has 23 atoms") && m.contains("structure demo_water.psf has 24"), m);
        assertEquals(c.indexOf("short.pdb"), p.get(0).offset(), "the problem points at the file name in the config");
    }

    @Test
    void restartFilesOfAnotherSystemOrRunAreReported() throws IOException {
        binary("eq.restart.coor", 24, ByteOrder.LITTLE_ENDIAN);
        binary("eq.restart.vel", 21, ByteOrder.BIG_ENDIAN);
        Files.copy(tmp.resolve("demo_water.restart.xsc"), tmp.resolve("prod.restart.xsc"));
        String c = config("structure demo_water.psf", "coordinates demo_water.pdb", "bincoordinates eq.restart.coor",
                "binvelocities eq.restart.vel", "extendedSystem prod.restart.xsc");
        List<String> m = messages(InputFileCheck.check(c, files()));
        assertEquals(2, m.size(), m.toString());
        assertTrue(m.get(0).startsWith("error: binvelocities eq.restart.vel has 21 atoms, but structure demo_water.psf has 24"), m.get(0));
        assertTrue(m.get(1).startsWith("warning: eq.restart.coor and prod.restart.xsc are not from the same restart"), m.get(1));
    }

    @Test
    void aTruncatedBinaryFileIsAnError() throws IOException {
        Path p = binary("cut.coor", 24, ByteOrder.LITTLE_ENDIAN);
        byte[] all = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(all, all.length - 24));
        InputFormatException e = assertThrows(InputFormatException.class, () -> NamdBinaryReader.atomCount(p));
        assertTrue(e.getMessage().contains("cut.coor") && e.getMessage().contains("24 atoms need 580"), e.getMessage());
        String c = config("structure demo_water.psf", "bincoordinates cut.coor");
        List<String> m = messages(InputFileCheck.check(c, files()));
        assertEquals(1, m.size(), m.toString());
        assertTrue(m.get(0).startsWith("error: bincoordinates cut.coor: is 556 bytes"), m.get(0));
    }

    @Test
    void anExtendedSystemFileWithoutACellIsReported() throws IOException {
        Files.writeString(tmp.resolve("empty.xsc"), "# NAMD extended system configuration output file\n"
                + "#$LABELS step a_x a_y a_z b_x b_y b_z c_x c_y c_z o_x o_y o_z\n");
        Files.writeString(tmp.resolve("zero.xsc"), "#$LABELS step a_x a_y a_z b_x b_y b_z c_x c_y c_z o_x o_y o_z\n"
                + "0 0 0 0 0 0 0 0 0 0 0 0 0\n");
        Files.writeString(tmp.resolve("short.xsc"), "#$LABELS step a_x a_y a_z\n100 12.0 0 0\n");
        List<String> m = messages(InputFileCheck.check(config("extendedSystem empty.xsc"), files()));
        assertEquals(1, m.size(), m.toString());
        assertTrue(m.get(0).startsWith("error: extendedSystem empty.xsc: holds no cell"), m.get(0));
        m = messages(InputFileCheck.check(config("extendedSystem zero.xsc"), files()));
        assertTrue(m.size() == 1 && m.get(0).startsWith("warning: zero.xsc: the cell vectors are all zero"), m.toString());
        m = messages(InputFileCheck.check(config("extendedSystem short.xsc"), files()));
        assertTrue(m.size() == 1 && m.get(0).contains("short.xsc:2: the cell line has 4 numbers"), m.toString());
    }

    @Test
    void brokenCharmmParameterFilesNameTheFileAndLine() throws IOException {
        String prm = Files.readString(tmp.resolve("demo_water.prm"));
        Files.writeString(tmp.resolve("bond.prm"), prm.replace("OT   HT    450.0   0.9572", "OT   HT    450.0"));
        Files.writeString(tmp.resolve("angle.prm"), prm.replace("HT   OT   HT     55.0   104.52", "HT   OT   HT     55.0   104.52  10.0"));
        Files.writeString(tmp.resolve("dihedral.prm"), prm.replace("DIHEDRALS\n", "DIHEDRALS\nCT1 CT1 CT1 CT1  0.2 three 0.0\n"));
        Files.writeString(tmp.resolve("outside.prm"), "* no section yet\n*\nOT   HT    450.0   0.9572\n");
        Files.writeString(tmp.resolve("option.prm"), "* option outside NONBONDED\n*\nBONDS\ncutnb 14.0\n");
        int bondLine = lineOf(prm, "OT   HT    450.0   0.9572");
        assertParameterError("bond.prm", "bond.prm:" + bondLine + ": bad bond line 'OT   HT    450.0'");
        assertParameterError("angle.prm", "angle.prm:" + lineOf(prm, "HT   OT   HT") + ": bad angle line");
        assertParameterError("dihedral.prm", "dihedral.prm:" + (lineOf(prm, "DIHEDRALS") + 1) + ": bad dihedral line");
        assertParameterError("outside.prm", "outside.prm:3: 'OT   HT    450.0   0.9572' is outside any section");
        assertParameterError("option.prm", "option.prm:4: the nonbonded option 'cutnb'");
        // X-PLOR parameter files (paraTypeCharmm off) are not checked
        assertEquals(List.of(), messages(InputFileCheck.check(config("parameters bond.prm"), files())));
        List<String> m = messages(InputFileCheck.check(config("paraTypeCharmm on", "parameters demo_water.prm", "parameters bond.prm"),
                files()));
        assertEquals(1, m.size(), m.toString());
        assertTrue(m.get(0).startsWith("error: parameters bond.prm:" + bondLine + ": bad bond line"), m.get(0));
    }

    private static int lineOf(String text, String part) {
        int at = text.indexOf(part);
        assertTrue(at >= 0, part);
        return (int) text.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1;
    }

    private void assertParameterError(String file, String start) {
        InputFormatException e = assertThrows(InputFormatException.class, () -> CharmmParameterReader.check(tmp.resolve(file)), file);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @Test
    void amberAndGromacsCountsAreCompared() throws IOException {
        String amber = config("amber on", "parmfile water3.parm7", "ambercoor water3.rst7");
        assertEquals(List.of(), messages(InputFileCheck.check(amber, files())));
        Files.writeString(tmp.resolve("two.rst7"), "two atoms\n     2\n   0.0 0.0 0.0 1.0 0.0 0.0\n");
        List<String> m = messages(InputFileCheck.check(config("amber on", "parmfile water3.parm7", "ambercoor two.rst7"), files()));
        assertTrue(m.size() == 1 && m.get(0).startsWith("error: ambercoor two.rst7 has 2 atoms, but parmfile water3.parm7 has 3"),
                m.toString());
        binary("w.coor", 4, ByteOrder.LITTLE_ENDIAN);
        m = messages(InputFileCheck.check(config("gromacs on", "grotopfile water3.top", "grocoorfile water3.gro", "bincoordinates w.coor"),
                files()));
        assertTrue(m.size() == 1 && m.get(0).startsWith("error: bincoordinates w.coor has 4 atoms, but grocoorfile water3.gro has 3"),
                m.toString());
        Files.writeString(tmp.resolve("cut.gro"), Files.readString(tmp.resolve("water3.gro")).replace("    1SOL    HW2    3  -0.076   0.059   0.000\n", ""));
        InputFormatException e = assertThrows(InputFormatException.class, () -> GroReader.atomCount(tmp.resolve("cut.gro")));
        assertTrue(e.getMessage().startsWith("cut.gro: no box line after the 3 atoms (fewer atom lines than line 2 says?)"), e.getMessage());
    }

    @Test
    void filesThatAreNotReadableOrNotChosenAreSkippedOrReported() throws IOException {
        // not chosen: the resolver has no file; dynamic names: not checked
        String c = config("structure demo_water.psf", "coordinates other.pdb", "bincoordinates $out.coor");
        assertEquals(List.of(), messages(InputFileCheck.check(c, name -> name.equals("demo_water.psf") ? tmp.resolve(name) : null)));
        Files.writeString(tmp.resolve("not.psf"), "REMARKS not a psf\n");
        List<String> m = messages(InputFileCheck.check(config("structure not.psf", "coordinates demo_water.pdb"), files()));
        assertTrue(m.size() == 1 && m.get(0).startsWith("error: structure not.psf:1: not a PSF file"), m.toString());
        // commands in a branch or after the first run are not compared
        String branch = "if {$restart} {\n  coordinates other.pdb\n}\nstructure demo_water.psf\ncoordinates demo_water.pdb\nrun 10\n"
                + "coordinates bad.pdb\n";
        assertEquals(List.of(), messages(InputFileCheck.check(branch, files())));
    }

    @Test
    void largeFilesAreStreamedAcrossBufferBoundariesAndLongLinesAreCut() throws Exception {
        Path pdb = tmp.resolve("big.pdb");
        int atoms = 150_000; // about 12 MB: many 64 KiB buffers, lines split across them
        try (BufferedWriter w = Files.newBufferedWriter(pdb, StandardCharsets.US_ASCII)) {
            w.write("REMARK generated\r\n");
            for (int i = 1; i <= atoms; i++) {
                w.write(String.format(Locale.ROOT, "%-6s%5d  CA  ALA A%4d    %8.3f%8.3f%8.3f  1.00  0.00      P1   C\n",
                        i % 7 == 0 ? "HETATM" : "ATOM", i % 100000, i % 10000, i * 0.001, -i * 0.002, 1.5));
            }
            w.write("END\n");
            w.write("ATOM      1  CA  ALA A   1       1.000   1.000   1.000  1.00  0.00      P1   C"); // no final newline
        }
        assertEquals(atoms + 1, PdbReader.atomCount(pdb), "every ATOM/HETATM record, also after END, as NAMD counts");
        Path longLine = tmp.resolve("long.pdb");
        Files.writeString(longLine, "ATOM      1  CA  ALA A   1       1.000   1.000   1.000  1.00  0.00      P1   C\nREMARK "
                + "x".repeat(200_000) + "\nATOM      2\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> PdbReader.atomCount(longLine));
        assertTrue(e.getMessage().startsWith("long.pdb:2: line too long (200007 characters"), e.getMessage());
        assertNotNull(e);
        assertFalse(e.getMessage().contains("xxxx"), "the message does not repeat the line");
    }
}
