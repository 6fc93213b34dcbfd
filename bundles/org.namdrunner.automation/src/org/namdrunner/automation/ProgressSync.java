package org.namdrunner.automation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.namdlog.NamdLog;
import org.namdrunner.automation.namdlog.NamdLogParser;
import org.namdrunner.automation.namdlog.StepPlan;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobProgress;
import org.namdrunner.store.Store;

/**
 * Progress facts of running jobs from their NAMD logs: after a status query that reached the cluster, the ends of the
 * logs of all RUNNING jobs of the profile (and, the first time, their configs, for the steps they run) are read in one
 * round trip ({@link org.namdrunner.cluster.JobFiles#tails}), parsed, and stored beside the jobs
 * ({@link org.namdrunner.store.JobRepository#putProgress}). Best effort: a failure leaves the facts as they were.
 */
public final class ProgressSync {
    /** Bytes read from the end of each log: several ENERGY and TIMING lines of a real NAMD log. */
    public static final int LOG_TAIL_BYTES = 16 * 1024;
    /** Bytes read of a config (configs are small; a longer one is read from its end and may lose its plan). */
    public static final int CONFIG_BYTES = 256 * 1024;

    private ProgressSync() {
    }

    /**
     * Reads and stores the progress of the given jobs' RUNNING ones (one round trip for all; none when none runs).
     *
     * @param configName the name of a job's config in {@code input/} (null: {@link JobDocuments#DEFAULT_CONFIG})
     * @param gpus       GPUs per node a job asked for (null: unknown)
     * @return the jobs whose progress was stored
     */
    public static List<Job> refresh(ClusterSession session, Store store, List<Job> jobs, Function<Job, String> configName,
            Function<Job, Integer> gpus, IProgressMonitor monitor) throws ClusterException {
        List<Job> running = jobs.stream().filter(j -> j.state() == JobState.RUNNING && j.remoteProjectDir() != null).toList();
        if (running.isEmpty()) {
            return List.of();
        }
        Map<String, JobProgress> before = store.jobs().progress(running.stream().map(Job::id).toList());
        Map<Job, String> logs = new LinkedHashMap<>();
        Map<Job, String> configs = new LinkedHashMap<>();
        Map<String, Integer> paths = new LinkedHashMap<>();
        for (Job j : running) {
            String log = JobDocuments.logPath(j, JobDocuments.LogKind.NAMD).orElseThrow();
            logs.put(j, log);
            paths.put(log, LOG_TAIL_BYTES + 1);
            JobProgress p = before.get(j.id());
            if (p == null || p.lastStep() == null && p.step() == null) {
                String name = configName.apply(j);
                String cfg = JobDocuments.configPath(j, name == null ? JobDocuments.DEFAULT_CONFIG : name);
                configs.put(j, cfg);
                paths.put(cfg, CONFIG_BYTES);
            }
        }
        Map<String, String> texts = session.files().tails(paths, monitor);
        Instant now = Instant.now();
        List<Job> stored = new ArrayList<>();
        for (Job j : running) {
            String log = texts.get(logs.get(j));
            if (log == null) {
                continue; // not started writing yet
            }
            String cfgText = configs.containsKey(j) ? texts.get(configs.get(j)) : null;
            StepPlan plan = cfgText == null ? null : StepPlan.of(cfgText);
            JobProgress p = measure(j, before.get(j.id()), NamdLogParser.parse(tail(log, LOG_TAIL_BYTES)), plan,
                    gpus.apply(j), now);
            JobProgress old = before.get(j.id());
            if (old != null && java.util.Objects.equals(old.step(), p.step()) && java.util.Objects.equals(old.lastStep(), p.lastStep())) {
                continue; // nothing new: keep when that step was seen, which the next speed is measured from
            }
            if (store.jobs().putProgress(p)) {
                stored.add(j);
            }
        }
        return stored;
    }

    /** The last {@code bytes} characters of a text, from its first whole line. */
    static String tail(String text, int bytes) {
        if (text.length() <= bytes) {
            return text;
        }
        String t = text.substring(text.length() - bytes);
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
    }

    /**
     * The facts of an ended job from its whole log (downloaded when the job finished): the first and last step of its
     * {@code ENERGY:} lines (the plan read while it ran is kept), and its speed — the one measured while it ran, else
     * NAMD's {@code TIMING:} wall s/step, else {@code WallClock} over the steps it made (start-up included), else
     * NAMD's benchmark. Never the time since the last reading: the job ended somewhere in between.
     *
     * @return the facts, or null when the log has no step
     */
    public static JobProgress atEnd(Job job, JobProgress previous, NamdLog log, Integer gpus, Instant now) {
        NamdLog.Speed sp = log.speed();
        List<double[]> rows = log.energies();
        Long firstSeen = rows.isEmpty() || rows.get(0).length == 0 ? null : (long) rows.get(0)[0];
        Long step = sp.timingStep();
        if (!rows.isEmpty() && rows.get(rows.size() - 1).length > 0 && (step == null || rows.get(rows.size() - 1)[0] > step)) {
            step = (long) rows.get(rows.size() - 1)[0];
        }
        if (step == null) {
            return null;
        }
        Long first = previous != null && previous.firstStep() != null ? previous.firstStep() : firstSeen;
        Long last = previous != null && previous.lastStep() != null ? previous.lastStep() : log.finishedNormally() ? step : null;
        Double sps = null;
        if (previous != null && previous.secondsPerStep() != null) {
            sps = previous.secondsPerStep();
        } else if (sp.wallSecondsPerStep() != null && sp.wallSecondsPerStep() > 0) {
            sps = sp.wallSecondsPerStep();
        } else if (log.wallClockS() != null && firstSeen != null && step > firstSeen) {
            sps = log.wallClockS() / (step - firstSeen);
        } else if (sp.benchmarkSecondsPerStep() != null && sp.benchmarkSecondsPerStep() > 0) {
            sps = sp.benchmarkSecondsPerStep();
        }
        Double timestep = sp.timestepFs() != null ? sp.timestepFs() : previous == null ? null : previous.timestepFs();
        Double nsPerDay = sps != null && timestep != null && sps > 0 && timestep > 0 ? Double.valueOf(86_400.0 / sps * timestep * 1e-6)
                : previous == null ? null : previous.nsPerDay();
        Integer g = gpus != null ? gpus : previous == null ? null : previous.gpus();
        return new JobProgress(job.id(), first, last, step, sps, nsPerDay, timestep, g, now);
    }

    /**
     * The progress of a job from the end of its log. The step is the last {@code TIMING:} or {@code ENERGY:} step; the
     * speed NAMD's own {@code TIMING:} wall s/step, else the steps made since the previous reading over the time between
     * them, else NAMD's benchmark, else the previous speed. (Not the run time since the job's start: that start is when a
     * sync first saw the job running, too late by up to a sync interval.)
     *
     * @param previous the facts read before (null: none), whose plan is kept when {@code plan} is null
     * @param plan     the steps the config runs (null: keep the previous plan)
     */
    public static JobProgress measure(Job job, JobProgress previous, NamdLog log, StepPlan plan, Integer gpus, Instant now) {
        Long first = plan != null ? Long.valueOf(plan.firstStep()) : previous == null ? null : previous.firstStep();
        Long last = plan != null ? plan.lastStep() : previous == null ? null : previous.lastStep();
        NamdLog.Speed sp = log.speed();
        Long step = sp.timingStep();
        // the first number of an ENERGY line is its step (TS), also when the tail lost the ETITLE line
        if (!log.energies().isEmpty()) {
            double[] row = log.energies().get(log.energies().size() - 1);
            if (row.length > 0 && (step == null || row[0] > step)) {
                step = (long) row[0];
            }
        }
        if (step == null && previous != null) {
            step = previous.step();
        }
        Double timestep = sp.timestepFs() != null ? sp.timestepFs()
                : plan != null && plan.timestepFs() != null ? plan.timestepFs() : previous == null ? null : previous.timestepFs();
        Double sps = null;
        if (sp.wallSecondsPerStep() != null && sp.wallSecondsPerStep() > 0) {
            sps = sp.wallSecondsPerStep();
        } else if (previous != null && previous.step() != null && step != null && step > previous.step()
                && now.isAfter(previous.measuredAt())) {
            sps = Duration.between(previous.measuredAt(), now).toMillis() / 1000.0 / (step - previous.step());
        } else if (sp.benchmarkSecondsPerStep() != null && sp.benchmarkSecondsPerStep() > 0) {
            sps = sp.benchmarkSecondsPerStep();
        } else if (previous != null) {
            sps = previous.secondsPerStep();
        }
        Double nsPerDay = null;
        if (sps != null && timestep != null && sps > 0 && timestep > 0) {
            nsPerDay = 86_400.0 / sps * timestep * 1e-6;
        } else if (sp.nsPerDay().isPresent()) {
            nsPerDay = sp.nsPerDay().getAsDouble();
        }
        Integer g = gpus != null ? gpus : previous == null ? null : previous.gpus();
        return new JobProgress(job.id(), first, last, step, sps, nsPerDay, timestep, g, now);
    }
}
