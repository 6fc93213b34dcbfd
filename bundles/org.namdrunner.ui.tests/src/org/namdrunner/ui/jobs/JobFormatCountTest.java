package org.namdrunner.ui.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Counts read as English: "1 core", "2 cores", "1,000 jobs". */
@Tag("ui")
class JobFormatCountTest {

    @Test
    void singularForOnePluralOtherwise() {
        assertEquals("1 core", JobFormat.count(1, "core"));
        assertEquals("0 jobs", JobFormat.count(0, "job"));
        assertEquals("2 cores", JobFormat.count(2, "core"));
        assertEquals("100,000 jobs", JobFormat.count(100_000, "job"));
    }
}
