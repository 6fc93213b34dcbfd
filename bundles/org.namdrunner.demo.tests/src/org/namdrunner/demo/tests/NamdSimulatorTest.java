package org.namdrunner.demo.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.automation.namdlog.NamdLog;
import org.namdrunner.automation.namdlog.NamdLogParser;
import org.namdrunner.cluster.local.runner.NamdSimulator;
import org.namdrunner.cluster.local.runner.SimConfig;
import org.namdrunner.demo.DemoJob;

/** The demo simulator: its log as the project's NAMD log parser reads it, its output files, its config reading. */
class NamdSimulatorTest {
    /** Fast enough that a test does not wait for the simulated pace. */
    static final double FAST = 1e9;

    record Run(int exitCode, String log, NamdLog parsed) {
    }

    static Run simulate(Path dir, String config) throws Exception {
        DemoJob.extractInputs(dir);
        Files.writeString(dir.resolve("run.namd"), config);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            rc = NamdSimulator.run(dir.resolve("run.namd"), 2, FAST, out);
        }
        String log = bytes.toString(StandardCharsets.UTF_8);
        return new Run(rc, log, NamdLogParser.parse(log));
    }

    static final String INPUTS = """
            structure          demo_water.psf
            coordinates        demo_water.pdb
            paraTypeCharmm     on
            parameters         demo_water.prm
            """;

    @Test
    void minimizeThenRunWritesANamdLogTheParserReads(@TempDir Path dir) throws Exception {
        Run r = simulate(dir, INPUTS + """
                set base    water   ;# Tcl variable
                outputName  ${base}_out
                temperature 300
                langevin    on
                langevinTemp 300
                outputEnergies 50
                outputTiming 100
                restartfreq 200
                dcdfreq     100
                minimize    500
                run         1000
                """);
        assertEquals(0, r.exitCode(), r.log());
        List<String> lines = r.log().lines().toList();
        assertTrue(lines.subList(0, 3).stream().anyMatch(l -> l.contains("simulated output, not NAMD")), r.log());
        assertTrue(r.parsed().finishedNormally(), r.log());
        assertTrue(lines.get(lines.size() - 1).endsWith("End of program"), r.log());
        assertEquals("TS", r.parsed().columns().get(0));
        assertTrue(r.parsed().columns().containsAll(List.of("TOTAL", "POTENTIAL", "KINETIC", "TEMP")), r.parsed().columns().toString());
        // an energy row at step 0 and every 50 steps of 1,500
        double[] ts = r.parsed().series("TS");
        assertEquals(31, ts.length, Arrays.toString(ts));
        assertEquals(0, ts[0]);
        assertEquals(1500, ts[ts.length - 1]);
        // minimize: no temperature, potential energy goes down; run: temperature near 300 K
        double[] temp = r.parsed().series("TEMP");
        double[] pot = r.parsed().series("POTENTIAL");
        for (int i = 0; i <= 10; i++) {
            assertEquals(0, temp[i], "minimization rows have no kinetic temperature");
        }
        assertTrue(pot[10] < pot[0] - 24 * 3, "minimization lowers the potential energy: " + pot[0] + " -> " + pot[10]);
        double meanRunTemp = Arrays.stream(temp, 11, temp.length).average().orElseThrow();
        assertTrue(meanRunTemp > 240 && meanRunTemp < 360, "run temperature fluctuates around 300 K: " + meanRunTemp);
        // TIMING every 100 steps with ns/day figures
        assertEquals(15, lines.stream().filter(l -> l.startsWith("TIMING: ")).count(), r.log());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("PERFORMANCE: ") && l.contains("ns/day")), r.log());
        assertTrue(r.log().contains("WRITING COORDINATES TO OUTPUT FILE AT STEP 1500"), r.log());
        assertTrue(r.log().contains("WRITING COORDINATES TO RESTART FILE AT STEP 1400"), r.log());

        // output files in NAMD's binary format with the input's 24 atoms
        for (String f : List.of("water_out.coor", "water_out.vel", "water_out.restart.coor", "water_out.restart.vel")) {
            assertEquals(24 * 3, NamdSimulator.readBinaryCoordinates(dir.resolve(f)).length, f);
        }
        assertTrue(Files.readString(dir.resolve("water_out.xsc")).lines().anyMatch(l -> l.startsWith("1500 ")));
        assertTrue(Files.readString(dir.resolve("water_out.restart.xsc")).lines().anyMatch(l -> l.startsWith("1400 ")));
        // the last coordinates stay near the input structure
        double[] in = NamdSimulator.readPdb(dir.resolve("demo_water.pdb"));
        double[] out = NamdSimulator.readBinaryCoordinates(dir.resolve("water_out.coor"));
        for (int i = 0; i < in.length; i++) {
            assertTrue(Math.abs(in[i] - out[i]) < 2.0, "atom coordinate " + i + " drifted: " + in[i] + " -> " + out[i]);
        }

        // DCD: a frame every 100 steps, CHARMM header with the frame count, atom count and float32 coordinates
        ByteBuffer dcd = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("water_out.dcd"))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(84, dcd.getInt(0));
        assertEquals("CORD", new String(Arrays.copyOfRange(dcd.array(), 4, 8), StandardCharsets.US_ASCII));
        assertEquals(15, dcd.getInt(8), "NSET: frames");
        assertEquals(100, dcd.getInt(12), "ISTART: the first frame's step");
        assertEquals(100, dcd.getInt(16), "NSAVC: steps between frames");
        assertEquals(0, dcd.getInt(48), "no unit cell in vacuum");
        int titleEnd = 92 + 4 + 4 + 2 * 80;
        assertEquals(164, dcd.getInt(titleEnd));
        assertEquals(24, dcd.getInt(titleEnd + 4 + 4), "NATOM");
        int header = titleEnd + 4 + 12;
        int frame = 3 * (8 + 4 * 24);
        assertEquals(header + 15 * frame, dcd.capacity());
        assertEquals(4 * 24, dcd.getInt(header), "X record length");
    }

    @Test
    void firstTimestepNumbersTheStepsAndRestartsOfAContinuation(@TempDir Path dir) throws Exception {
        Run r = simulate(dir, INPUTS + """
                outputName     next
                firsttimestep  2000
                outputEnergies 100
                restartfreq    500
                cellBasisVector1 20 0 0
                cellBasisVector2 0 21 0
                cellBasisVector3 0 0 22
                numsteps       1000
                """);
        assertEquals(0, r.exitCode(), r.log());
        double[] ts = r.parsed().series("TS");
        assertEquals(2000, ts[0]);
        assertEquals(3000, ts[ts.length - 1]);
        assertEquals(11, ts.length);
        assertTrue(r.parsed().columns().contains("PRESSURE"), "a periodic cell adds the pressure columns");
        assertEquals(20 * 21 * 22, r.parsed().last("VOLUME").getAsDouble(), 20 * 21 * 22 * 0.01);
        String xsc = Files.readString(dir.resolve("next.restart.xsc"));
        assertTrue(xsc.lines().anyMatch(l -> l.startsWith("3000 20 0 0 0 21 0 0 0 22")), xsc);
        assertFalse(Files.exists(dir.resolve("next.dcd")), "no dcdfreq, no trajectory");
    }

    @Test
    void aRestartReadsTheBinaryCoordinatesAndExtendedSystem(@TempDir Path dir) throws Exception {
        assertEquals(0, simulate(dir, INPUTS + "outputName first\ncellBasisVector1 30 0 0\ncellBasisVector2 0 30 0\n"
                + "cellBasisVector3 0 0 30\nrun 100\n").exitCode());
        Run r = simulate(dir, INPUTS + """
                bincoordinates first.coor
                binvelocities  first.vel
                extendedSystem first.xsc
                outputName     second
                firsttimestep  100
                dcdfreq        50
                run            100
                """);
        assertEquals(0, r.exitCode(), r.log());
        assertTrue(r.log().contains("PERIODIC CELL BASIS 1  30 0 0"), "cell from the .xsc: " + r.log());
        ByteBuffer dcd = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("second.dcd"))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, dcd.getInt(48), "a periodic system's DCD has unit-cell records");
        assertEquals(2, dcd.getInt(8));
    }

    @Test
    void missingInputsAndUnsupportedTclEndWithAFatalError(@TempDir Path dir) throws Exception {
        Run missing = simulate(dir, INPUTS.replace("demo_water.pdb", "absent.pdb") + "outputName x\nrun 10\n");
        assertEquals(1, missing.exitCode());
        assertEquals(List.of("Unable to open PDB file absent.pdb: No such file or directory"), missing.parsed().fatalErrors());
        assertFalse(missing.parsed().finishedNormally());

        Run noOutput = simulate(dir, INPUTS + "run 10\n");
        assertEquals(1, noOutput.exitCode());
        assertTrue(noOutput.parsed().fatalErrors().get(0).contains("outputname"), noOutput.log());

        Run tcl = simulate(dir, INPUTS + "outputName x\nfor {set i 0} {$i < 3} {incr i} {\n run 10\n}\n");
        assertEquals(1, tcl.exitCode());
        assertTrue(tcl.parsed().fatalErrors().get(0).contains("does not run Tcl command 'for'"), tcl.log());
    }

    @Test
    void configReaderHonoursSetIfElseAndComments() {
        SimConfig c = SimConfig.parse("""
                # comment
                set steps 40
                set name  demo
                outputName  ${name}_x ;# trailing comment
                Temperature = 310K
                if {on} {
                    if {0} {
                        minimize 1
                    } else {
                        minimize $steps
                    }
                } else {
                    run 99
                }
                if {off} {
                    dcdfreq 5
                }
                run 60
                """);
        assertEquals("demo_x", c.param("outputname"));
        assertEquals(310, c.numParam("temperature", 0));
        assertFalse(c.has("dcdfreq"));
        assertEquals(2, c.actionCount());
        assertArrayEquals(new Object[] {"minimize", 40L, "run", 60L},
                new Object[] {c.actionKind(0), c.actionSteps(0), c.actionKind(1), c.actionSteps(1)});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimConfig.parse("run $nosuch\n"));
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimConfig.parse("if {on} {\nrun 5\n"));
    }
}
