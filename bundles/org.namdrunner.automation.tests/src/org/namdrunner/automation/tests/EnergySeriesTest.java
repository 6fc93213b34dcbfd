package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.namdrunner.automation.namdlog.EnergySeries;
import org.namdrunner.automation.namdlog.NamdLogParser;
import org.namdrunner.automation.namdlog.PlotScale;

/** The energy plot's data and axis arithmetic (UI-free halves of the job editor's Energy tab). */
class EnergySeriesTest {

    @Test
    void extractsTheFivePlottedQuantitiesOfAStandInLog() throws Exception {
        List<EnergySeries> s = EnergySeries.of(NamdLogParser.parse(Files.readString(Path.of("resources/standin-namd3-log.txt"))));
        assertEquals(List.of("TOTAL", "POTENTIAL", "KINETIC", "TEMP", "PRESSURE"), s.stream().map(EnergySeries::column).toList());
        for (EnergySeries e : s) {
            assertArrayEquals(new double[] { 0, 2, 4, 6 }, e.steps(), e.column());
        }
        assertArrayEquals(new double[] { -64017.0164, -63915.7660, -60549.7128, -60692.8190 }, s.get(0).values(), 1e-9);
        assertArrayEquals(new double[] { 0, 0, 298.5, 297.2472 }, s.get(3).values(), 1e-9);
        assertEquals("K", s.get(3).unit());
        assertEquals(EnergySeries.Group.PRESSURE, s.get(4).group());
        assertEquals(64.9633, s.get(4).last(), 1e-9);
        assertArrayEquals(new double[] { -2135.0045, 64.9633 }, s.get(4).valueRange(), 1e-9);
        assertArrayEquals(new double[] { 0, 6 }, s.get(4).stepRange(), 1e-9);
    }

    @Test
    void shortRowsNeverShiftStepsAgainstValues() {
        String log = "ETITLE: TS BOND TOTAL TEMP\nENERGY: 0 1 -10 300\nENERGY: 1 2 -11\nENERGY: 2 3 -12 310\nENERGY: 3\n";
        List<EnergySeries> s = EnergySeries.of(NamdLogParser.parse(log));
        assertEquals(List.of("TOTAL", "TEMP"), s.stream().map(EnergySeries::column).toList(), "absent columns are left out");
        assertArrayEquals(new double[] { 0, 1, 2 }, s.get(0).steps());
        assertArrayEquals(new double[] { -10, -11, -12 }, s.get(0).values());
        assertArrayEquals(new double[] { 0, 2 }, s.get(1).steps(), "the row without TEMP is skipped, not shifted");
        assertArrayEquals(new double[] { 300, 310 }, s.get(1).values());
    }

    @Test
    void emptyAndTitleLessLogs() {
        assertTrue(EnergySeries.of(NamdLogParser.parse("Info: nothing yet\n")).isEmpty());
        List<EnergySeries> s = EnergySeries.of(NamdLogParser.parse("ETITLE: TS TOTAL\n"));
        assertEquals(1, s.size());
        assertTrue(s.get(0).isEmpty());
        assertTrue(Double.isNaN(s.get(0).last()));
        assertThrows(IllegalArgumentException.class, () -> new EnergySeries("X", "x", "", EnergySeries.Group.ENERGY,
                new double[1], new double[2]));
    }

    @Test
    void niceScalesCoverTheDataWithRoundTicks() {
        PlotScale p = PlotScale.of(-64017.0164, -60549.7128, 6);
        assertEquals(-65000, p.lower(), 1e-9);
        assertEquals(-60000, p.upper(), 1e-9);
        assertEquals(1000, p.step(), 1e-9);
        assertEquals(6, p.ticks().size());
        assertEquals("-65000", p.label(p.ticks().get(0)));

        PlotScale t = PlotScale.of(296.1, 298.5, 5);
        assertTrue(t.lower() <= 296.1 && t.upper() >= 298.5);
        assertEquals(1.0, t.step(), 1e-12, "2.4 K in at most 5 ticks: steps of 1 K (0.5 would need 6)");
        assertEquals(List.of(296.0, 297.0, 298.0, 299.0), t.ticks());
        assertEquals("297", t.label(297));
        assertEquals("296.5", PlotScale.of(296.1, 298.5, 6).label(296.5));
        assertEquals(List.of(0.0, 0.25, 0.5, 0.75, 1.0), PlotScale.of(0, 1, 5).ticks());
        assertEquals("0.25", PlotScale.of(0, 1, 5).label(0.25));
        assertEquals("0.3", PlotScale.of(0.1, 0.9, 9).label(0.1 + 0.2), "no floating point noise");
    }

    @Test
    void flatAndDegenerateRangesStillGiveAnAxis() {
        PlotScale flat = PlotScale.of(300, 300, 5);
        assertTrue(flat.lower() < 300 && flat.upper() > 300, flat.toString());
        PlotScale zero = PlotScale.of(0, 0, 5);
        assertTrue(zero.lower() < 0 && zero.upper() > 0, zero.toString());
        assertEquals(new PlotScale(0, 1, 0.2), PlotScale.of(Double.NaN, 1, 5));
        PlotScale swapped = PlotScale.of(10, 0, 3);
        assertEquals(0, swapped.lower(), 1e-12);
        assertEquals(10, swapped.upper(), 1e-12);
        assertEquals(0, swapped.toPixel(0, 0, 100));
        assertEquals(100, swapped.toPixel(10, 0, 100));
        assertEquals(50, swapped.toPixel(5, 100, 0), "inverted pixel axes (screen y grows downwards)");
    }
}
