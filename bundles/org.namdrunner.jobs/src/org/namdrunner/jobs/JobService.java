package org.namdrunner.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.ConfigRenderer;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.store.Store;
import org.namdrunner.workflow.StageStep;
import org.namdrunner.workflow.WorkflowException;
import org.namdrunner.workflow.Workflows;

/**
 * The engine under every screen: the store, the workflow engine ({@link Workflows}: submission queue, chains,
 * sweeps, automatic continuation), the session service ({@link ClusterSessions}), the job-change events
 * ({@link JobEvents}) and the per-profile sync etiquette. The workbench keeps one per store, the command line one per
 * command; the operations of {@code org.namdrunner.jobs.op} work on it.
 */
public final class JobService implements AutoCloseable {

    /** Work done while holding a scheduling rule. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private final Store store;
    private final ClusterSessions sessions;
    private final JobEvents events;
    private final Workflows workflows;
    private final AutomationStepRegistry registry;
    private final Map<String, SyncGate> gates = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ConfigRenderer renderer;

    public JobService(Store store, ClusterSessions sessions, AutomationStepRegistry registry, ConfigRenderer renderer,
            JobEvents events) {
        this(store, sessions, registry, renderer, events, Clock.systemUTC());
    }

    JobService(Store store, ClusterSessions sessions, AutomationStepRegistry registry, ConfigRenderer renderer,
            JobEvents events, Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.registry = StageStep.register(registry);
        this.events = events == null ? new JobEvents(null) : events;
        this.renderer = renderer == null ? ConfigRenderer.PLACEHOLDERS : renderer;
        this.workflows = new Workflows(store, this.registry, this.renderer);
        this.clock = clock;
    }

    public Store store() {
        return store;
    }

    public ClusterSessions sessions() {
        return sessions;
    }

    public JobEvents events() {
        return events;
    }

    public Workflows workflows() {
        return workflows;
    }

    /** Cached copies of the jobs' documents (logs, scripts), in the data directory next to the database. */
    public org.namdrunner.automation.JobDocuments documents() {
        return new org.namdrunner.automation.JobDocuments(store.directory().resolve("cache").resolve("jobs"));
    }

    /** Renders job templates (the workbench's checks them against NAMD's rules). */
    public ConfigRenderer renderer() {
        return renderer;
    }

    /** The automation steps (installed plugins and the workflow's stage step). */
    public AutomationStepRegistry steps() {
        return registry;
    }

    /**
     * Runs {@code work} holding {@code rule} (waiting while another operation holds a conflicting one; a waiting
     * operation shows as blocked in the Progress view). Nested use with a rule the current job already holds is fine.
     */
    public static <T, E extends Exception> T exclusive(ISchedulingRule rule, IProgressMonitor monitor, Work<T, E> work) throws E {
        if (rule == null) {
            return work.run();
        }
        Job.getJobManager().beginRule(rule, monitor == null ? new NullProgressMonitor() : monitor);
        try {
            return work.run();
        } finally {
            Job.getJobManager().endRule(rule);
        }
    }

    /**
     * One round of the workflow engine for the session's profile — status query (one round trip for all its jobs),
     * releases from the submission queue, automatic continuations, BLOCKED propagation, finishing of ended jobs —
     * under the profile's rule and its etiquette: rounds requested while one runs share it, and only an
     * {@code explicit} request may query before the profile's minimum interval (once per interval).
     */
    public Workflows.TickResult tick(ClusterSession s, boolean explicit, IProgressMonitor monitor) throws WorkflowException {
        String profileId = s.profile().id();
        SyncGate gate = gates.computeIfAbsent(profileId, k -> new SyncGate(clock));
        Workflows.TickResult r = gate.sync(explicit, Duration.ofSeconds(Math.max(0, s.profile().statusMinIntervalSeconds())),
                force -> exclusive(Rules.profile(profileId), monitor, () -> workflows.tick(s, force, monitor)));
        if (r.changed() + r.released().size() + r.continued().size() + r.blocked().size() + r.unblocked().size()
                + r.progressed() > 0) {
            events.fireAll();
        }
        return r;
    }

    /** Closes the sessions (the store belongs to the caller). */
    @Override
    public void close() {
        sessions.close();
    }
}
