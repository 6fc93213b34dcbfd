package org.namdrunner.core.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How far a job got and how fast it goes, as the status sync read it from the job's NAMD log (stored beside the job,
 * table {@code job_progress}). Any fact may be null when the log or the config does not tell it.
 *
 * @param jobId          the job
 * @param firstStep      the step the config starts at ({@code firsttimestep}, 0 by default)
 * @param lastStep       the step the config ends at (first step + every {@code minimize N} and {@code run N}, or
 *                       {@code numsteps})
 * @param step           the last step the log reached (last {@code TIMING:} or {@code ENERGY:} line)
 * @param secondsPerStep measured wall seconds per step
 * @param nsPerDay       simulated nanoseconds per day of wall time
 * @param timestepFs     the time step in fs
 * @param gpus           GPUs per node the job asked for (0: none; null: not known)
 * @param measuredAt     when these facts were read
 */
public record JobProgress(String jobId, Long firstStep, Long lastStep, Long step, Double secondsPerStep, Double nsPerDay,
        Double timestepFs, Integer gpus, Instant measuredAt) {

    public JobProgress {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(measuredAt, "measuredAt");
    }

    /** Steps the config runs in all, when known and positive. */
    public Long totalSteps() {
        return firstStep == null || lastStep == null || lastStep <= firstStep ? null : lastStep - firstStep;
    }

    /** Steps done of {@link #totalSteps()} (0 .. total), when known. */
    public Long stepsDone() {
        if (step == null) {
            return null;
        }
        long first = firstStep == null ? 0 : firstStep;
        long done = Math.max(0, step - first);
        Long total = totalSteps();
        return total == null ? done : Math.min(done, total);
    }

    /** Fraction done (0..1), when the total and the step are known. */
    public Double fraction() {
        Long total = totalSteps();
        Long done = stepsDone();
        return total == null || done == null ? null : (double) done / total;
    }

    /** Wall time still needed for the remaining steps at the measured speed, when known. */
    public Duration remaining() {
        Long total = totalSteps();
        Long done = stepsDone();
        if (total == null || done == null || secondsPerStep == null || secondsPerStep <= 0) {
            return null;
        }
        return Duration.ofMillis(Math.round((total - done) * secondsPerStep * 1000));
    }

    /** When the run should end: {@link #measuredAt()} + {@link #remaining()}, when known. */
    public Instant eta() {
        Duration r = remaining();
        return r == null ? null : measuredAt.plus(r);
    }

    /** "42 % · ETA 1 h 10 min" (the parts that are known, ETA counted from {@code now}); empty when none is. */
    public String summary(Instant now) {
        List<String> parts = new ArrayList<>();
        Double f = fraction();
        if (f != null) {
            parts.add(String.format(Locale.ROOT, "%d %%", (int) Math.floor(f * 100)));
        } else if (step != null) {
            parts.add(String.format(Locale.ROOT, "step %,d", step));
        }
        Instant eta = eta();
        if (eta != null && f != null && f < 1) {
            Duration left = Duration.between(now, eta);
            parts.add("ETA " + (left.isNegative() || left.isZero() ? "any moment" : span(left)));
        }
        return String.join(" \u00b7 ", parts);
    }

    /** "12.3 ns/day · 0.052 s/step · step 5,000 of 10,000" (the parts that are known). */
    public String speedSummary() {
        List<String> parts = new ArrayList<>();
        if (nsPerDay != null) {
            parts.add(String.format(Locale.ROOT, nsPerDay >= 10 ? "%.1f ns/day" : "%.3g ns/day", nsPerDay));
        }
        if (secondsPerStep != null) {
            parts.add(String.format(Locale.ROOT, "%.3g s/step", secondsPerStep));
        }
        Long done = stepsDone();
        Long total = totalSteps();
        if (done != null && total != null) {
            parts.add(String.format(Locale.ROOT, "%,d of %,d steps", done, total));
        } else if (step != null) {
            parts.add(String.format(Locale.ROOT, "step %,d", step));
        }
        return String.join(" \u00b7 ", parts);
    }

    /** "45 s", "12 min", "1 h 10 min", "2 d 3 h": a span for people, rounded to its two largest units. */
    public static String span(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        long min = s / 60;
        if (min < 60) {
            return min + " min";
        }
        long h = min / 60;
        if (h < 24) {
            return min % 60 == 0 ? h + " h" : h + " h " + (min % 60) + " min";
        }
        return h % 24 == 0 ? (h / 24) + " d" : (h / 24) + " d " + (h % 24) + " h";
    }
}
