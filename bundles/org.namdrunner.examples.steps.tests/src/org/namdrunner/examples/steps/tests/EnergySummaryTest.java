package org.namdrunner.examples.steps.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.StepDescriptor;
import org.namdrunner.automation.namdlog.NamdLog;
import org.namdrunner.automation.namdlog.NamdLogParser;
import org.namdrunner.examples.steps.EnergySummary;
import org.namdrunner.examples.steps.EnergySummaryStep;

class EnergySummaryTest {

    private static final String LOG = String.join("\n",
            "Info: NAMD 3.0 for Linux-x86_64-multicore",
            "ETITLE:      TS           BOND          ANGLE          DIHED          IMPRP               ELECT            VDW       BOUNDARY           MISC        KINETIC               TOTAL           TEMP      POTENTIAL         TOTAL3        TEMPAVG            PRESSURE      GPRESSURE         VOLUME       PRESSAVG      GPRESSAVG",
            "ENERGY:       0       100.0000       200.0000        50.0000         5.0000         -1000.0000        80.0000         0.0000         0.0000       300.0000           -265.0000       300.0000      -565.0000      -265.0000       300.0000             10.0000        12.0000      1000.0000        10.0000        12.0000",
            "ENERGY:     100       110.0000       190.0000        52.0000         5.5000         -1010.0000        82.0000         0.0000         0.0000       310.0000           -260.5000       310.0000      -570.5000      -260.5000       305.0000             -4.0000        -2.0000      1000.0000         3.0000         5.0000",
            "ENERGY:     200       105.0000       195.0000        51.0000         5.2000         -1005.0000        81.0000         0.0000         0.0000       305.0000           -262.8000       305.0000      -567.8000      -262.8000       305.0000              1.0000         3.0000      1000.0000         2.0000         4.0000",
            "WallClock: 12.5  CPUTime: 12.0  Memory: 300.0 MB", "");

    @Test
    void summarisesColumnsOfARealFormatLog() {
        NamdLog log = NamdLogParser.parse(LOG);
        EnergySummary s = EnergySummary.of(log, List.of("TOTAL", "temp"));
        assertEquals(3, s.frames());
        EnergySummary.Row total = s.rows().get(0);
        assertEquals("TOTAL", total.column());
        assertEquals(3, total.count());
        assertEquals(-265.0, total.first(), 1e-9);
        assertEquals(-262.8, total.last(), 1e-9);
        assertEquals(-265.0, total.min(), 1e-9);
        assertEquals(-260.5, total.max(), 1e-9);
        assertEquals((-265.0 - 260.5 - 262.8) / 3, total.mean(), 1e-9);
        assertEquals(305.0, s.rows().get(1).mean(), 1e-9);
        String text = s.toText();
        assertTrue(text.contains("3 ENERGY frames, WallClock 12.50 s"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("TEMP ")), text);
    }

    @Test
    void unknownColumnNamesTheColumnsTheLogHas() {
        NamdLog log = NamdLogParser.parse(LOG);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnergySummary.of(log, List.of("TOTL")));
        assertTrue(e.getMessage().contains("'TOTL'") && e.getMessage().contains("TOTAL"), e.getMessage());
    }

    @Test
    void stepIsContributedThroughTheExtensionPoint() {
        AutomationStepRegistry registry = AutomationStepRegistry.fromExtensions();
        StepDescriptor d = registry.find(EnergySummaryStep.ID).orElseThrow(
                () -> new AssertionError("energy summary step not registered: " + registry.all()));
        assertEquals("Energy summary", d.name());
    }
}
