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
}
