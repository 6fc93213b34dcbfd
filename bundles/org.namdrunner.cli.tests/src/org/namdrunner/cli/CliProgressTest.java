package org.namdrunner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.SubMonitor;
import org.junit.jupiter.api.Test;

/** What a person at a terminal sees of a long command: its steps, and the share done at most once a second. */
class CliProgressTest {
    @Test
    void stepsOnceEachAndTheShareDoneAtMostOncePerSecond() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        CliProgress p = new CliProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);
        // as the operations report: a SubMonitor over the CLI's monitor, steps named, work counted
        SubMonitor m = SubMonitor.convert(p, "Uploading inputs", 100);
        m.subTask("md.psf");
        m.subTask("md.psf");
        m.worked(10);
        now.addAndGet(200_000_000L);
        m.worked(10); // 0.2 s later: not printed
        now.addAndGet(900_000_000L);
        m.worked(30);
        m.subTask("md.pdb");
        now.addAndGet(100_000_000L);
        m.worked(50); // 100 % is always printed
        m.setTaskName("Submitting");
        m.done();
        assertEquals(List.of("Uploading inputs \u2026", "Uploading inputs: md.psf \u2026", "   10 %  Uploading inputs",
                "   50 %  Uploading inputs", "Uploading inputs: md.pdb \u2026", "  100 %  Uploading inputs", "Submitting \u2026"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void withoutATerminalNothingIsPrinted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (System.console() == null) {
            CliProgress.of(new PrintStream(bytes, true, StandardCharsets.UTF_8)).beginTask("Syncing", 1);
            assertEquals("", bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
