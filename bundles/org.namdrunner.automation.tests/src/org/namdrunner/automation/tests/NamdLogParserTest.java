package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.namdrunner.automation.namdlog.NamdLog;
import org.namdrunner.automation.namdlog.NamdLogParser;

class NamdLogParserTest {

    @Test
    void parsesStandinLogWithEtitleColumnsAndWallClock() throws Exception {
        NamdLog log = NamdLogParser.parse(Files.readString(Path.of("resources/standin-namd3-log.txt")));
        assertEquals(20, log.columns().size());
        assertEquals("TS", log.columns().get(0));
        assertEquals(11, log.column("TEMP"));
        assertEquals(4, log.energies().size());
        assertArrayEquals(new double[] {0, 2, 4, 6}, log.series("TS"));
        assertEquals(297.2472, log.last("TEMP").getAsDouble(), 1e-9);
        assertEquals(-71225.4828, log.series("ELECT")[1], 1e-9);
        assertEquals(0.091, log.wallClockS(), 1e-9);
        assertEquals(0.08918, log.cpuTimeS(), 1e-9);
        assertEquals(42.3125, log.memoryMb(), 1e-9);
        assertTrue(log.finishedNormally());
    }

    @Test
    void fatalErrorsAndTruncatedLogs() {
        NamdLog log = NamdLogParser.parse("ETITLE: TS BOND\nENERGY: 0 1.5\nENERGY: 1 2.5 garbage\nENERGY: 2\n"
                + "FATAL ERROR: Unable to open coordinate file x.pdb\n");
        assertEquals(3, log.energies().size());
        assertArrayEquals(new double[] {0, 1, 2}, log.series("TS"));
        assertArrayEquals(new double[] {1.5, 2.5}, log.series("BOND"), "short rows are kept as far as they go");
        assertNull(log.wallClockS());
        assertEquals(1, log.fatalErrors().size());
        assertFalse(log.finishedNormally());
        assertTrue(log.last("PRESSURE").isEmpty());
    }

    @Test
    void speedFactsFromBenchmarkAndTimingLines() {
        String log = String.join("\n", "Info: TIMESTEP               2",
                "Info: Benchmark time: 2 CPUs 0.0520557 s/step 0.301248 days/ns 269.418 MB memory",
                "TIMING: 500  CPU: 26.0566, 0.0520066/step  Wall: 26.4196, 0.0523469/step, 0.0072704 hours remaining, 269.418 MB of memory in use.",
                "TIMING: 1000  CPU: 52.1, 0.0521/step  Wall: 52.6, 0.05/step, 1.5 hours remaining, 269.418 MB of memory in use.", "");
        org.namdrunner.automation.namdlog.NamdLog.Speed sp = org.namdrunner.automation.namdlog.NamdLogParser.parse(log).speed();
        org.junit.jupiter.api.Assertions.assertEquals(2.0, sp.timestepFs());
        org.junit.jupiter.api.Assertions.assertEquals(0.301248, sp.benchmarkDaysPerNs());
        org.junit.jupiter.api.Assertions.assertEquals(1000L, sp.timingStep(), "the last TIMING line counts");
        // 86,400 s/day / 0.05 s/step x 2 fs/step = 3.456 ns/day
        org.junit.jupiter.api.Assertions.assertEquals(3.456, sp.nsPerDay().getAsDouble(), 1e-9);
        org.junit.jupiter.api.Assertions.assertEquals("3.46 ns/day \u00b7 step 1,000 \u00b7 about 1.5 h left", sp.summary());
        // only the benchmark (early in a run): 1 / 0.301248 days/ns
        org.namdrunner.automation.namdlog.NamdLog.Speed early = org.namdrunner.automation.namdlog.NamdLogParser.parse(
                "Info: Benchmark time: 2 CPUs 0.0520557 s/step 0.301248 days/ns 269.418 MB memory\n").speed();
        org.junit.jupiter.api.Assertions.assertEquals(1 / 0.301248, early.nsPerDay().getAsDouble(), 1e-9);
        org.junit.jupiter.api.Assertions.assertEquals("", org.namdrunner.automation.namdlog.NamdLogParser.parse("ENERGY: 0 1 2\n").speed().summary());
    }
}
