package org.namdrunner.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;

/** Base class: every test gets fresh data directories under the {@code namdrunner.data} directory. */
abstract class StoreTestSupport {
    private final List<Path> dirs = new ArrayList<>();
    private final List<Store> stores = new ArrayList<>();

    static Path baseDir() throws IOException {
        String prop = System.getProperty(StoreLocation.DATA_PROPERTY);
        Path base = prop != null ? Path.of(prop) : Path.of(System.getProperty("java.io.tmpdir"), "namdrunner-store-tests");
        Files.createDirectories(base);
        return base;
    }

    Path newDir() throws IOException {
        Path d = Files.createTempDirectory(baseDir(), getClass().getSimpleName() + "-");
        dirs.add(d);
        return d;
    }

    Store open(Path dir) {
        Store s = Store.open(dir);
        stores.add(s);
        return s;
    }

    Store newStore() throws IOException {
        return open(newDir());
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (Store s : stores) {
            s.close();
        }
        for (Path d : dirs) {
            if (Files.exists(d)) {
                try (Stream<Path> w = Files.walk(d)) {
                    for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    static Job job(String name) {
        return Job.builder().name(name).profileId("slurm-local").createdAt(Instant.parse("2026-01-02T03:04:05.123456789Z"))
                .build();
    }

    static Job fullJob() {
        return Job.builder()
                .name("ubiquitin equilibration")
                .profileId("hpc-uni")
                .templateId("tmpl-equil")
                .state(JobState.RUNNING)
                .slurmJobId("123456_7")
                .partition("compute")
                .qos("normal")
                .cores(32)
                .nodes(2)
                .memoryMb(64_000L)
                .wallTimeMinutes(720)
                .remoteProjectDir("/projects/alice/namdrunner_jobs/ubq")
                .remoteScratchDir("/scratch/alice/namdrunner_jobs/ubq")
                .createdAt(Instant.parse("2026-03-01T10:00:00.123456789Z"))
                .submittedAt(Instant.parse("2026-03-01T10:05:00Z"))
                .startedAt(Instant.parse("2026-03-01T11:00:00Z"))
                .endedAt(null)
                .exitCode(null)
                .node("c[001-002]")
                .reason("None")
                .parentJobId("0e7c2a4b-0000-4000-8000-000000000001")
                .groupId("sweep-42")
                .priority(5)
                .templateValue("temperature", "310")
                .templateValue("steps", "500000")
                .templateValue("note", "quotes \" and ' and ünïcode")
                .submitIntentToken("tok-abc")
                .templateRevision(4)
                .build();
    }
}
