package org.namdrunner.jobs.op;

import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.JobService;
import org.namdrunner.workflow.Workflows;

/**
 * A user's operation on jobs, UI-free, in the manner of EGit's {@code core.op}: the workbench runs it in an Eclipse
 * job with {@link #rule()} as its scheduling rule, the command line calls {@link #run} directly. Operations fire
 * the service's job-change events for what they changed.
 */
public abstract class JobOperation {

    /** Plug-in id used in statuses. */
    public static final String PLUGIN_ID = "org.namdrunner.jobs";

    /** What an operation did: a status for the user and the jobs it created, if any. */
    public record Outcome(IStatus status, List<Job> created) {
        public static Outcome ok(String message) {
            return new Outcome(Status.info(message), List.of());
        }

        public Job first() {
            return created.isEmpty() ? null : created.get(0);
        }
    }

    protected final JobService service;

    protected JobOperation(JobService service) {
        this.service = service;
    }

    /** A short name for the Progress view, e.g. "Cancelling run-1". */
    public abstract String name();

    /** The scheduling rule: the profile's or the jobs' (see {@link org.namdrunner.jobs.Rules}). */
    public abstract ISchedulingRule rule();

    /** The work, under {@link #rule()}. */
    protected abstract Outcome execute(SubMonitor monitor) throws Exception;

    /**
     * Runs the operation holding its rule. Cancelling gives {@link OperationCanceledException}; any other failure a
     * {@link CoreException} whose message is meant for the user.
     */
    public final Outcome run(IProgressMonitor monitor) throws CoreException {
        SubMonitor sub = SubMonitor.convert(monitor, name(), 100);
        try {
            return JobService.exclusive(rule(), sub, () -> execute(sub));
        } catch (OperationCanceledException e) {
            throw e;
        } catch (CoreException e) {
            throw e;
        } catch (Exception e) {
            if (sub.isCanceled() || e instanceof ClusterException c && c.getKind() == ClusterException.Kind.CANCELLED
                    || e.getCause() instanceof ClusterException cc && cc.getKind() == ClusterException.Kind.CANCELLED) {
                throw new OperationCanceledException();
            }
            throw new CoreException(Status.error(name() + " failed: " + message(e), e));
        } finally {
            service.events().fireAll();
        }
    }

    /** A message for users from an exception: its own message, never a stack trace. */
    public static String message(Throwable t) {
        Throwable cur = t;
        while (cur.getMessage() == null && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur.getMessage() != null ? cur.getMessage() : cur.getClass().getSimpleName();
    }

    /** The message, with the engine's problems of a round appended as a warning. */
    protected static Outcome withProblems(Workflows.TickResult t, String message, List<Job> created) {
        return withWarnings(message, List.of(), t.problems(), created);
    }

    /** The message with the input files' warnings and then the engine's problems appended: a warning when any. */
    protected static Outcome withWarnings(String message, List<String> inputWarnings, List<String> problems, List<Job> created) {
        List<String> all = new java.util.ArrayList<>(inputWarnings);
        all.addAll(problems);
        return new Outcome(all.isEmpty() ? Status.info(message) : Status.warning(message + "; " + String.join("; ", all)), created);
    }

    /**
     * Refuses, before anything is created or uploaded, when {@code s}'s profile cannot start NAMD with the module named
     * {@code moduleName} (null: the profile's default): what this computer can tell (the profile type, e.g. no NAMD
     * on PATH here) and what the cluster says ({@link ClusterSession#namdProblem}: the modules fail to load, no
     * executable after loading them).
     *
     * @param what how the refusal begins, e.g. "Job 'x' was not created"
     */
    protected void requireNamd(ClusterSession s, java.util.Collection<String> moduleNames, String what, IProgressMonitor m)
            throws CoreException, ClusterException {
        org.namdrunner.cluster.ProfileConfig p = s.profile();
        List<String> problems = new java.util.ArrayList<>();
        for (String name : moduleNames) {
            org.namdrunner.cluster.NamdModule mod = p.module(name).orElse(name == null || name.isBlank() ? null
                    : new org.namdrunner.cluster.NamdModule(name, "", null)); // a module the profile does not list
            List<String> found = new java.util.ArrayList<>();
            try {
                found.addAll(service.sessions().registry().type(p.typeId()).namdProblems(p, mod));
            } catch (RuntimeException e) {
                // a type no plugin provides: the session could not have been opened
            }
            if (found.isEmpty()) {
                s.namdProblem(mod, m).ifPresent(found::add);
            }
            for (String f : found) {
                if (!problems.contains(f)) {
                    problems.add(f);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CoreException(Status.error(what + ": " + p.name() + " cannot start NAMD: " + String.join("; ", problems)));
        }
    }

    /**
     * Refuses, before anything is created or uploaded, when the local input files do not belong together as the
     * rendered config uses them ({@link org.namdrunner.automation.InputContents}: atom counts, parameter files,
     * restart set, cell); returns the warnings. A config that does not render is left to the lifecycle, which says why.
     *
     * @param what how the refusal begins, e.g. "Job 'x' was not created"
     */
    protected static List<String> requireInputsAgree(org.namdrunner.automation.ConfigRenderer renderer, String templateText,
            java.util.Map<String, String> values, java.util.Collection<java.nio.file.Path> inputs, String what) throws CoreException {
        if (renderer == null || templateText == null || inputs == null || inputs.isEmpty()) {
            return List.of();
        }
        org.namdrunner.automation.InputContents.Findings f = org.namdrunner.automation.InputContents.check(renderer, templateText,
                values, inputs);
        if (!f.ok()) {
            throw new CoreException(Status.error(what + ": the input files do not belong together:\n" + String.join("\n", f.errors())));
        }
        return f.warnings();
    }

    /** The job as stored now. */
    protected Job reload(String id) throws CoreException {
        return service.store().jobs().find(id).orElseThrow(() -> new CoreException(Status.error("The job was deleted")));
    }
}
