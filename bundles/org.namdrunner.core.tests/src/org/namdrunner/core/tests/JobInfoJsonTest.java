package org.namdrunner.core.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobInfo;
import org.namdrunner.core.model.JobInfoFormatException;
import org.namdrunner.core.model.JobInfoJson;
import org.namdrunner.core.model.JobStatusChange;

class JobInfoJsonTest {

    private static Job fullJob() {
        return Job.builder().name("ubq \"equil\" ünï").profileId("hpc").templateId("equil").state(JobState.COMPLETED)
                .slurmJobId("123_4").partition("compute").qos("long").cores(64).nodes(4).memoryMb(128_000L)
                .wallTimeMinutes(2880).remoteProjectDir("/projects/u/namdrunner_jobs/x").remoteScratchDir("/scratch/u/x")
                .createdAt(Instant.parse("2026-03-01T10:00:00.123456789Z")).submittedAt(Instant.parse("2026-03-01T10:01:00Z"))
                .startedAt(Instant.parse("2026-03-01T10:02:00Z")).endedAt(Instant.parse("2026-03-02T10:02:00Z"))
                .exitCode(0).node("c[01-04]").reason("None").parentJobId("p-1").groupId("sweep").priority(-3)
                .templateValue("temperature", "310").templateValue("outputName", "ubq_eq").submitIntentToken("tok")
                .templateRevision(3).build();
    }

    @Test
    void roundTripKeepsEverything() {
        Job j = fullJob();
        List<JobStatusChange> history = List.of(
                new JobStatusChange(j.id(), null, JobState.CREATED, j.createdAt(), "Created", "local"),
                new JobStatusChange(j.id(), JobState.CREATED, JobState.PENDING, j.submittedAt(), null, "sbatch"),
                new JobStatusChange(j.id(), JobState.PENDING, JobState.COMPLETED, j.endedAt(), "exit 0", "sacct"));
        JobInfo info = new JobInfo(1, j, history, Instant.parse("2026-03-02T10:03:00Z"), "NAMDRunner 0.1.0");
        String json = JobInfoJson.write(info);
        assertTrue(json.contains("\"schema_version\": 1"), json);
        assertTrue(json.contains("\"slurm_job_id\": \"123_4\""), json);
        assertTrue(json.contains("\"template_revision\": 3"), json);
        assertEquals(info, JobInfoJson.read(json));
        assertEquals(3, JobInfoJson.read(json).job().templateRevision());
        assertEquals(json, JobInfoJson.write(JobInfoJson.read(json)), "stable output");
    }

    @Test
    void minimalJobRoundTripsAndOmitsAbsentValues() {
        Job j = Job.builder().name("min").createdAt(Instant.parse("2026-01-01T00:00:00Z")).build();
        JobInfo info = JobInfo.of(j, List.of(), "test");
        String json = JobInfoJson.write(info);
        assertFalse(json.contains("slurm_job_id"), json);
        assertFalse(json.contains("null"), json);
        JobInfo back = JobInfoJson.read(json);
        assertEquals(info, back);
        assertNull(back.job().memoryMb());
        assertNull(back.job().exitCode());
    }

    @Test
    void newerSchemaVersionIsRefusedClearly() {
        String json = JobInfoJson.write(JobInfo.of(fullJob(), List.of(), "NAMDRunner 0.1.0"))
                .replace("\"schema_version\": 1", "\"schema_version\": 2").replace("NAMDRunner 0.1.0", "NAMDRunner 9.0");
        JobInfoFormatException e = assertThrows(JobInfoFormatException.class, () -> JobInfoJson.read(json));
        assertTrue(e.getMessage().contains("schema_version 2"), e.getMessage());
        assertTrue(e.getMessage().contains("newer NAMDRunner"), e.getMessage());
        assertTrue(e.getMessage().contains("NAMDRunner 9.0"), e.getMessage());
        assertTrue(e.getMessage().contains("Update NAMDRunner"), e.getMessage());
    }

    @Test
    void unknownFieldsOfAKnownVersionAreIgnored() {
        String json = JobInfoJson.write(JobInfo.of(fullJob(), List.of(), "x"))
                .replace("\"schema_version\": 1,", "\"schema_version\": 1, \"added_later\": {\"a\": [1, 2]},");
        assertEquals(fullJob().name(), JobInfoJson.read(json).job().name());
    }

    @Test
    void badDocumentsAreRefusedWithTheReason() {
        String good = JobInfoJson.write(JobInfo.of(fullJob(), List.of(), "x"));
        assertMessage("{\"job\": {}}", "no schema_version");
        assertMessage("{\"schema_version\": 0}", "invalid schema_version 0");
        assertMessage("{\"schema_version\": \"1\"}", "schema_version must be a number");
        assertMessage("[1, 2]", "must contain a JSON object");
        assertMessage("{\"schema_version\": 1,", "not valid JSON");
        assertMessage("{\"schema_version\": 1} trailing", "not valid JSON");
        assertMessage("{\"schema_version\": 1, \"written_at\": \"2026-01-01T00:00:00Z\"}", "job is missing");
        assertMessage(good.replace("\"cores\": 64", "\"cores\": 6.5"), "job.cores must be a whole number");
        assertMessage(good.replace("\"cores\": 64", "\"cores\": 0"), "cores must be at least 1");
        assertMessage(good.replace("\"name\": \"ubq", "\"nameX\": \"ubq"), "job.name is missing");
        assertMessage(good.replace("2026-03-01T10:00:00.123456789Z", "yesterday"), "job.created_at is not an ISO-8601 instant");
        assertMessage(good.replace("\"temperature\": \"310\"", "\"temperature\": 310"), "template_values.temperature must be a string");
    }

    private static void assertMessage(String json, String part) {
        JobInfoFormatException e = assertThrows(JobInfoFormatException.class, () -> JobInfoJson.read(json));
        assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
    }

    @Test
    void unknownStateIsKeptAsUnknown() {
        String json = JobInfoJson.write(JobInfo.of(fullJob(), List.of(), "x")).replace("\"COMPLETED\"", "\"HIBERNATING\"");
        assertEquals(JobState.UNKNOWN, JobInfoJson.read(json).job().state());
    }
}
