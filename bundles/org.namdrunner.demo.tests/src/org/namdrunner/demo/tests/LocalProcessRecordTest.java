package org.namdrunner.demo.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cluster.local.runner.LocalRunner;

/**
 * How the Local profile recognises its runner and NAMD processes after a restart or from another process: by pid and
 * start, never fooled by a recycled pid, and never taking a live process for a dead one.
 */
class LocalProcessRecordTest {
    @TempDir
    Path dir;

    private Properties record(ProcessHandle h) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(LocalRunner.processRecord(h)));
        return p;
    }

    private Path write(String name, long pid, long start, Long ticks) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "pid=" + pid + "\nstart=" + start + "\n" + (ticks != null ? "ticks=" + ticks + "\n" : ""));
        return f;
    }

    @Test
    void aLiveProcessIsRecognisedFromItsOwnRecord() throws IOException {
        Path f = dir.resolve("self");
        Files.writeString(f, LocalRunner.processRecord(ProcessHandle.current()));
        assertEquals(ProcessHandle.current().pid(), LocalRunner.liveProcess(f).orElseThrow().pid());
    }

    /**
     * Another JVM computes a process's start instant from the boot time it read itself ({@code btime} in whole seconds,
     * which the kernel moves with the wall clock): the same process can appear to start 1 s apart. The clock ticks since
     * boot do not move, so a live runner is still live (the workbench-kill trials found a live runner taken for a
     * failed job this way).
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aStartInstantOneSecondOffStillMatchesByClockTicks() throws IOException {
        Properties p = record(ProcessHandle.current());
        long start = Long.parseLong(p.getProperty("start"));
        long ticks = Long.parseLong(p.getProperty("ticks"));
        long pid = ProcessHandle.current().pid();
        assertTrue(LocalRunner.liveProcess(write("later", pid, start + 1000, ticks)).isPresent());
        assertTrue(LocalRunner.liveProcess(write("earlier", pid, start - 1000, ticks)).isPresent());
        assertFalse(LocalRunner.liveProcess(write("recycled", pid, start, ticks + 1)).isPresent(),
                "a process with the recorded pid that started at another tick is another process");
    }

    @Test
    void withoutClockTicksTheInstantDecidesWithASecondOfSlack() throws IOException {
        long pid = ProcessHandle.current().pid();
        long start = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        assertTrue(LocalRunner.liveProcess(write("old-record", pid, start + 1000, null)).isPresent());
        assertFalse(LocalRunner.liveProcess(write("recycled", pid, start + 60_000, null)).isPresent());
    }

    @Test
    void anEndedProcessIsNotLive() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Path f = dir.resolve("child");
        Files.writeString(f, LocalRunner.processRecord(p.toHandle()));
        p.waitFor();
        assertFalse(LocalRunner.liveProcess(f).isPresent());
    }
}
