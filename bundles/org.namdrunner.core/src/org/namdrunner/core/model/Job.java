package org.namdrunner.core.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.namdrunner.core.JobState;

/**
 * One NAMDRunner job as kept locally (database) and on the server ({@code job_info.json}). Immutable: change a
 * job with {@link #toBuilder()}.
 *
 * @param id                 UUID string, the job's identity everywhere (never reused)
 * @param name               user-visible name
 * @param profileId          id of the cluster profile the job runs on
 * @param templateId         id of the template the job was rendered from (null for hand-written configs)
 * @param state              life-cycle state
 * @param slurmJobId         scheduler id once submitted (text: Slurm ids may carry array suffixes like {@code 123_4})
 * @param partition          requested partition (null: cluster default)
 * @param qos                requested QoS (null: cluster default)
 * @param cores              cores per node requested, at least 1
 * @param nodes              nodes requested, at least 1
 * @param memoryMb           memory requested in MB (null: cluster default)
 * @param wallTimeMinutes    wall-time limit in minutes (null: partition default)
 * @param remoteProjectDir   job directory under the project root on the cluster
 * @param remoteScratchDir   job directory under the scratch root on the cluster
 * @param createdAt          when the local record was created (required)
 * @param submittedAt        when the scheduler accepted the job
 * @param startedAt          when the job started running
 * @param endedAt            when the job reached a terminal state
 * @param exitCode           the job's exit code once known
 * @param node               node list the job ran on
 * @param reason             scheduler's pending/failure reason or a local error text
 * @param parentJobId        job this one continues or depends on (chains, restarts)
 * @param groupId            group of jobs created together (parameter sweeps)
 * @param priority           local ordering priority (higher first), 0 by default
 * @param templateValues     the template variables' values used to render the config (insertion-ordered)
 * @param submitIntentToken  random token recorded before {@code sbatch} and put in the job script, so a
 *                           submission interrupted by a crash can be found on the cluster instead of repeated
 * @param templateRevision   revision of the user template {@code templateId} whose text rendered the config (null: a
 *                           built-in template, a hand-written config, or a job from before revisions were kept)
 */
public record Job(
        String id,
        String name,
        String profileId,
        String templateId,
        JobState state,
        String slurmJobId,
        String partition,
        String qos,
        int cores,
        int nodes,
        Long memoryMb,
        Integer wallTimeMinutes,
        String remoteProjectDir,
        String remoteScratchDir,
        Instant createdAt,
        Instant submittedAt,
        Instant startedAt,
        Instant endedAt,
        Integer exitCode,
        String node,
        String reason,
        String parentJobId,
        String groupId,
        int priority,
        Map<String, String> templateValues,
        String submitIntentToken,
        Integer templateRevision) {

    public Job {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("A job needs an id");
        }
        Objects.requireNonNull(name, "A job needs a name");
        Objects.requireNonNull(state, "A job needs a state");
        Objects.requireNonNull(createdAt, "A job needs a creation time");
        if (cores < 1) {
            throw new IllegalArgumentException("Job " + id + ": cores must be at least 1, not " + cores);
        }
        if (nodes < 1) {
            throw new IllegalArgumentException("Job " + id + ": nodes must be at least 1, not " + nodes);
        }
        if (memoryMb != null && memoryMb < 0) {
            throw new IllegalArgumentException("Job " + id + ": memory must not be negative: " + memoryMb);
        }
        if (templateRevision != null && templateRevision < 1) {
            throw new IllegalArgumentException("Job " + id + ": template revisions start at 1, not " + templateRevision);
        }
        if (wallTimeMinutes != null && wallTimeMinutes < 0) {
            throw new IllegalArgumentException("Job " + id + ": wall time must not be negative: " + wallTimeMinutes);
        }
        templateValues = templateValues == null || templateValues.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(templateValues));
    }

    /**
     * How long the job waited in the queue: started − submitted, when both are known (the start is when a sync first
     * saw the job running, so it is exact to within the sync interval).
     */
    public java.time.Duration queueWait() {
        if (submittedAt == null || startedAt == null || startedAt.isBefore(submittedAt)) {
            return null;
        }
        return java.time.Duration.between(submittedAt, startedAt);
    }

    /** A builder for a new job with a fresh random id, state {@link JobState#CREATED} and creation time now. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this job's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builder for {@link Job}; every setter returns the builder. */
    public static final class Builder {
        private String id = java.util.UUID.randomUUID().toString();
        private String name = "";
        private String profileId;
        private String templateId;
        private JobState state = JobState.CREATED;
        private String slurmJobId;
        private String partition;
        private String qos;
        private int cores = 1;
        private int nodes = 1;
        private Long memoryMb;
        private Integer wallTimeMinutes;
        private String remoteProjectDir;
        private String remoteScratchDir;
        private Instant createdAt = Instant.now();
        private Instant submittedAt;
        private Instant startedAt;
        private Instant endedAt;
        private Integer exitCode;
        private String node;
        private String reason;
        private String parentJobId;
        private String groupId;
        private int priority;
        private Map<String, String> templateValues = new LinkedHashMap<>();
        private String submitIntentToken;
        private Integer templateRevision;

        Builder() {
        }

        Builder(Job j) {
            id = j.id;
            name = j.name;
            profileId = j.profileId;
            templateId = j.templateId;
            state = j.state;
            slurmJobId = j.slurmJobId;
            partition = j.partition;
            qos = j.qos;
            cores = j.cores;
            nodes = j.nodes;
            memoryMb = j.memoryMb;
            wallTimeMinutes = j.wallTimeMinutes;
            remoteProjectDir = j.remoteProjectDir;
            remoteScratchDir = j.remoteScratchDir;
            createdAt = j.createdAt;
            submittedAt = j.submittedAt;
            startedAt = j.startedAt;
            endedAt = j.endedAt;
            exitCode = j.exitCode;
            node = j.node;
            reason = j.reason;
            parentJobId = j.parentJobId;
            groupId = j.groupId;
            priority = j.priority;
            templateValues = new LinkedHashMap<>(j.templateValues);
            submitIntentToken = j.submitIntentToken;
            templateRevision = j.templateRevision;
        }

        public Builder id(String v) { id = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder profileId(String v) { profileId = v; return this; }
        public Builder templateId(String v) { templateId = v; return this; }
        public Builder state(JobState v) { state = v; return this; }
        public Builder slurmJobId(String v) { slurmJobId = v; return this; }
        public Builder partition(String v) { partition = v; return this; }
        public Builder qos(String v) { qos = v; return this; }
        public Builder cores(int v) { cores = v; return this; }
        public Builder nodes(int v) { nodes = v; return this; }
        public Builder memoryMb(Long v) { memoryMb = v; return this; }
        public Builder wallTimeMinutes(Integer v) { wallTimeMinutes = v; return this; }
        public Builder remoteProjectDir(String v) { remoteProjectDir = v; return this; }
        public Builder remoteScratchDir(String v) { remoteScratchDir = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder submittedAt(Instant v) { submittedAt = v; return this; }
        public Builder startedAt(Instant v) { startedAt = v; return this; }
        public Builder endedAt(Instant v) { endedAt = v; return this; }
        public Builder exitCode(Integer v) { exitCode = v; return this; }
        public Builder node(String v) { node = v; return this; }
        public Builder reason(String v) { reason = v; return this; }
        public Builder parentJobId(String v) { parentJobId = v; return this; }
        public Builder groupId(String v) { groupId = v; return this; }
        public Builder priority(int v) { priority = v; return this; }
        public Builder templateValues(Map<String, String> v) { templateValues = v == null ? new LinkedHashMap<>() : new LinkedHashMap<>(v); return this; }
        public Builder templateValue(String key, String value) { templateValues.put(key, value); return this; }
        public Builder submitIntentToken(String v) { submitIntentToken = v; return this; }
        public Builder templateRevision(Integer v) { templateRevision = v; return this; }

        public Job build() {
            return new Job(id, name, profileId, templateId, state, slurmJobId, partition, qos, cores, nodes, memoryMb,
                    wallTimeMinutes, remoteProjectDir, remoteScratchDir, createdAt, submittedAt, startedAt, endedAt,
                    exitCode, node, reason, parentJobId, groupId, priority, templateValues, submitIntentToken, templateRevision);
        }
    }
}
