package org.namdrunner.jobs.op;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.Names;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.Rules;
import org.namdrunner.store.JobQuery;
import org.namdrunner.workflow.JobSpec;
import org.namdrunner.workflow.WorkflowException;
import org.namdrunner.workflow.WorkflowNode;
import org.namdrunner.workflow.Workflows;

/**
 * Duplicate, "clone and resubmit": a new job made the way an existing one was — its template text, values, config
 * name, resources, module and environment ({@link Workflows#recipe}) — with the user's changes, its input files copied
 * from the existing job on the cluster (nothing is sent again), checked like any new job (values, resources, NAMD
 * module) before anything is created, then queued for submission unless asked not to. The new job stands alone: not in
 * the source's chain or group.
 */
public final class DuplicateOperation extends JobOperation {

    /**
     * What to change; null keeps the source's.
     *
     * @param name        the new job's name (null: "&lt;source&gt;-copy", numbered when taken)
     * @param values      template values that replace the source's (others are kept)
     * @param resources   resources to change: its non-null parts replace the source's (null: all the source's)
     * @param resultsRoot where the job's results folder is made (null: beside the source's)
     * @param submit      queue it for submission now (else it waits for Submit)
     */
    public record Changes(String name, Map<String, String> values, ResourceRequest resources, Path resultsRoot, boolean submit) {
        public static Changes none() {
            return new Changes(null, Map.of(), null, null, true);
        }
    }

    private final Job source;
    private final Changes changes;
    private final String jobId = UUID.randomUUID().toString();

    public DuplicateOperation(JobService service, Job source, Changes changes) {
        super(service);
        this.source = source;
        this.changes = changes == null ? Changes.none() : changes;
    }

    /** The new job's id (fixed before it runs). */
    public String jobId() {
        return jobId;
    }

    /** {@link #copyName(String, Set)} against the names of the stored jobs. */
    public static String copyName(org.namdrunner.store.Store store, String name) {
        Set<String> taken = new HashSet<>();
        store.jobs().list(JobQuery.all().withText(name + "-copy")).forEach(j -> taken.add(j.name()));
        return copyName(name, taken);
    }

    @Override
    public String name() {
        return "Duplicating '" + source.name() + "'";
    }

    @Override
    public ISchedulingRule rule() {
        return Rules.profile(source.profileId());
    }

    /** "&lt;name&gt;-copy", or "-copy2", "-copy3" … when a job has that name already. */
    public static String copyName(String name, Set<String> taken) {
        String base = name.length() > Names.MAX_JOB_NAME - 8 ? name.substring(0, Names.MAX_JOB_NAME - 8) : name;
        String candidate = base + "-copy";
        for (int i = 2; taken.contains(candidate); i++) {
            candidate = base + "-copy" + i;
        }
        return candidate;
    }

    /** {@code was} with the non-null parts of {@code change}. */
    static ResourceRequest merged(ResourceRequest was, ResourceRequest change) {
        if (was == null) {
            return change;
        }
        return new ResourceRequest(or(change.partition(), was.partition()), or(change.qos(), was.qos()),
                or(change.cores(), was.cores()), or(change.nodes(), was.nodes()), or(change.memoryMb(), was.memoryMb()),
                or(change.wallTimeMinutes(), was.wallTimeMinutes()), or(change.account(), was.account()),
                or(change.gpus(), was.gpus()), or(change.gpuType(), was.gpuType()));
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }

    @Override
    protected Outcome execute(SubMonitor m) throws Exception {
        m.setWorkRemaining(100);
        Workflows wf = service.workflows();
        ClusterSession s = service.sessions().session(source.profileId(), m.split(10));
        JobSpec spec;
        try {
            spec = wf.recipe(s, source.id(), m.split(5));
        } catch (WorkflowException e) {
            throw new CoreException(Status.error("'" + source.name() + "' was not duplicated: " + e.getMessage(), e));
        }
        String name = changes.name() != null && !changes.name().isBlank() ? changes.name().strip()
                : copyName(service.store(), source.name());
        spec.name = name;
        spec.id(jobId).submit(changes.submit());
        if (changes.values() != null) {
            spec.values.putAll(changes.values());
        }
        if (changes.resources() != null) {
            spec.resources(merged(spec.resources, changes.resources()));
        }
        Path root = changes.resultsRoot();
        if (root == null) {
            String was = wf.state().node(source.id()).map((WorkflowNode n) -> n.localResultsDir).orElse(null);
            root = was != null && Path.of(was).getParent() != null ? Path.of(was).getParent()
                    : org.namdrunner.core.NamdRunner.defaultResultsRoot();
        }
        spec.localResultsDir(root.resolve(Names.slug(name) + "-" + jobId.substring(0, 8)));
        requireNamd(s, Collections.singletonList(spec.module), "'" + name + "' was not created", m.split(5));
        m.subTask("Creating '" + name + "' with the inputs of '" + source.name() + "'");
        Job job;
        try {
            job = wf.create(s, spec, m.split(50));
        } catch (WorkflowException e) {
            Job stored = service.store().jobs().find(jobId).orElse(null);
            throw new CoreException(Status.error((stored == null ? "'" + name + "' was not created"
                    : "'" + name + "' was created but not prepared (state " + stored.state().label() + ")") + ":\n"
                    + e.getMessage(), e));
        }
        service.events().fire(List.of(job.id()));
        if (!changes.submit()) {
            return new Outcome(Status.info("Created '" + name + "' as a copy of '" + source.name() + "'"), List.of(job));
        }
        Workflows.TickResult t = wf.tick(s, false, m.split(30));
        Job now = reload(job.id());
        String message = now.slurmJobId() != null
                ? "Submitted '" + name + "' (a copy of '" + source.name() + "') as job " + now.slurmJobId()
                : "Queued '" + name + "' (a copy of '" + source.name() + "'): " + wf.queue(s.profile()).stream()
                        .filter(q -> q.job().id().equals(now.id())).map(Workflows.Queued::reason).findFirst()
                        .orElse(now.state().label());
        return withProblems(t, message, List.of(now));
    }
}
