package org.namdrunner.automation.draft;

import java.time.Duration;
import java.util.Locale;

import org.namdrunner.core.model.JobProgress;

/**
 * What a request costs and whether its wall time fits the steps, from a measured speed: the New Job wizard's
 * Resources page and continuations (propose a wall time) show and use it. UI-free.
 *
 * <p>The speed of a measured job is scaled to the requested cores as if NAMD scaled perfectly (s/step × measured
 * cores ÷ requested cores) when neither job uses GPUs; a GPU job's speed is taken as measured. Real scaling is worse,
 * so the needed time is a lower bound and {@link #MARGIN} is added where a wall time is proposed.
 *
 * @param cores          cores (tasks) requested
 * @param nodes          nodes requested
 * @param gpusPerNode    GPUs per node requested (0: none)
 * @param wallMinutes    wall time requested, or null (partition default: no cost, no check)
 * @param steps          steps the config runs, or null when not known
 * @param secondsPerStep the expected seconds per step at this request, or null when nothing was measured
 * @param basis          where the speed comes from ("job eq-1 on 16 cores"), or null
 */
public record RunEstimate(int cores, int nodes, int gpusPerNode, Integer wallMinutes, Long steps, Double secondsPerStep,
        String basis) {
    /** Extra time on top of the measured need when a wall time is proposed (start-up, output, slower nodes). */
    public static final double MARGIN = 0.2;
    /** Proposed wall times are at least this many minutes. */
    public static final int MIN_PROPOSED_MINUTES = 10;

    /** A measured speed: seconds per step of a job that ran on {@code cores} cores with {@code gpusPerNode} GPUs. */
    public record Speed(double secondsPerStep, int cores, int gpusPerNode, String jobName) {
        /** The speed of a job's progress facts, or null when none was measured. */
        public static Speed of(JobProgress p, int cores, String jobName) {
            return p == null || p.secondsPerStep() == null || p.secondsPerStep() <= 0 ? null
                    : new Speed(p.secondsPerStep(), cores, p.gpus() == null ? 0 : p.gpus(), jobName);
        }
    }

    /**
     * The newest measured speed of a job of the profile rendered from the template ({@code JobRepository#latestMeasured}),
     * or null (none, or the store cannot be read).
     */
    public static Speed measured(org.namdrunner.store.Store store, String profileId, String templateId) {
        try {
            return store.jobs().latestMeasured(profileId, templateId)
                    .map(e -> Speed.of(e.getValue(), e.getKey().cores(), e.getKey().name())).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The estimate for a request.
     *
     * @param measured a measured speed of a similar job, or null
     */
    public static RunEstimate of(int cores, int nodes, int gpusPerNode, Integer wallMinutes, Long steps, Speed measured) {
        Double sps = null;
        String basis = null;
        if (measured != null && measured.secondsPerStep() > 0) {
            boolean gpu = gpusPerNode > 0 || measured.gpusPerNode() > 0;
            sps = gpu || cores <= 0 || measured.cores() <= 0 ? measured.secondsPerStep()
                    : measured.secondsPerStep() * measured.cores() / cores;
            basis = String.format(Locale.ROOT, "%s: %.3g s/step on %d %s%s", measured.jobName(), measured.secondsPerStep(),
                    measured.cores(), measured.cores() == 1 ? "core" : "cores",
                    measured.gpusPerNode() > 0 ? " with " + measured.gpusPerNode() + " GPU" + (measured.gpusPerNode() == 1 ? "" : "s") + " per node" : "");
        }
        return new RunEstimate(cores, nodes, gpusPerNode, wallMinutes, steps, sps, basis);
    }

    /** cores × wall hours, or null without a wall time. */
    public Double coreHours() {
        return wallMinutes == null ? null : cores * (wallMinutes / 60.0);
    }

    /** GPUs (per node × nodes) × wall hours; 0 without GPUs; null without a wall time. */
    public Double gpuHours() {
        return wallMinutes == null ? null : (double) gpusPerNode * nodes * (wallMinutes / 60.0);
    }

    /** Wall time the steps need at the expected speed (no margin), or null when steps or speed are unknown. */
    public Duration needed() {
        if (steps == null || secondsPerStep == null) {
            return null;
        }
        return Duration.ofMillis(Math.round(steps * secondsPerStep * 1000));
    }

    /** True when the steps are known to need more than the requested wall time. */
    public boolean tooShort() {
        Duration n = needed();
        return n != null && wallMinutes != null && n.compareTo(Duration.ofMinutes(wallMinutes)) > 0;
    }

    /**
     * A wall time for the steps: the need plus {@link #MARGIN}, rounded up to 5 minutes, at least
     * {@link #MIN_PROPOSED_MINUTES}, at most {@code maxMinutes} (null: no maximum); null when the need is unknown.
     */
    public Integer proposedMinutes(Integer maxMinutes) {
        Duration n = needed();
        if (n == null) {
            return null;
        }
        long m = (long) Math.ceil(n.toSeconds() * (1 + MARGIN) / 60.0);
        m = Math.max(MIN_PROPOSED_MINUTES, (m + 4) / 5 * 5);
        if (maxMinutes != null && maxMinutes > 0) {
            m = Math.min(m, maxMinutes);
        }
        return (int) Math.min(Integer.MAX_VALUE, m);
    }

    /** "Costs 32.0 core-hours (4.0 GPU-hours)."; empty without a wall time. */
    public String costText() {
        Double ch = coreHours();
        if (ch == null) {
            return "";
        }
        String gpu = gpusPerNode > 0 ? String.format(Locale.ROOT, " (%s GPU-hours)", number(gpuHours())) : "";
        return "Costs " + JobDraft.formatCoreHours(ch) + gpu + ".";
    }

    /**
     * The warning when the wall time cannot fit the steps: "At the speed of eq-1 (0.05 s/step on 16 cores), 100,000
     * steps need about 1 h 23 min, more than the 1 h asked for: the job would time out."; empty when it fits or
     * nothing is known.
     */
    public String warning() {
        if (!tooShort()) {
            return "";
        }
        return String.format(Locale.ROOT, "At the speed of %s, %,d steps need about %s, more than the %s asked for: the job "
                + "would time out.", basis, steps, JobProgress.span(needed()), JobProgress.span(Duration.ofMinutes(wallMinutes)));
    }

    /** "100,000 steps need about 1 h 23 min at the speed of …"; empty when steps or speed are unknown. */
    public String needText() {
        Duration n = needed();
        return n == null ? "" : String.format(Locale.ROOT, "%,d steps need about %s at the speed of %s.", steps, JobProgress.span(n), basis);
    }

    private static String number(double v) {
        return v < 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%,.0f", v);
    }
}
