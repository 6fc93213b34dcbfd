package org.namdrunner.cluster;

import org.namdrunner.core.JobState;

/**
 * The scheduler's view of one job.
 *
 * @param schedulerId the scheduler's job id
 * @param state       mapped state
 * @param rawState    the scheduler's own word (e.g. {@code CANCELLED by 1000})
 * @param reason      pending / end reason, or null
 * @param elapsed     elapsed time as the scheduler prints it, or null
 * @param exitCode    exit code of the batch script once known
 * @param nodes       node list, or null
 * @param source      {@code squeue}, {@code sacct} or {@code local}
 */
public record JobStatus(String schedulerId, JobState state, String rawState, String reason, String elapsed,
        Integer exitCode, String nodes, String source) {

    private static final java.util.regex.Pattern DURATION =
            java.util.regex.Pattern.compile("(?:(\\d+)-)?(?:(\\d+):)?(\\d+):(\\d+)(?:\\.\\d+)?");

    /**
     * {@link #elapsed} as a duration: the schedulers' forms {@code [days-][hours:]minutes:seconds} (squeue's
     * {@code %M} prints {@code 0:05}, {@code 1:02:03}, {@code 2-03:04:05}; sacct and Grid Engine {@code 00:00:05});
     * empty when there is none or it is not a duration ({@code INVALID}, {@code UNLIMITED}).
     */
    public java.util.Optional<java.time.Duration> elapsedDuration() {
        if (elapsed == null) {
            return java.util.Optional.empty();
        }
        java.util.regex.Matcher m = DURATION.matcher(elapsed.strip());
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long hours = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        long seconds = ((days * 24 + hours) * 60 + Long.parseLong(m.group(3))) * 60 + Long.parseLong(m.group(4));
        return java.util.Optional.of(java.time.Duration.ofSeconds(seconds));
    }
}
