package org.namdrunner.jobs.op;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.namdrunner.automation.ConfigRenderer;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.Names;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.Rules;
import org.namdrunner.workflow.JobSpec;
import org.namdrunner.workflow.Workflows;

/**
 * Creates a job from a request (Create Job wizard, {@code namdrunner submit}): the job directory on the cluster, its
 * inputs uploaded, its config rendered and job_info.json written; then, when asked to submit, it enters the
 * profile's submission queue with its priority and one engine round releases it if the profile's cap allows. From
 * there the engine's rounds (the automatic sync) follow it to its end and finish it: logs and results are downloaded
 * into {@code <results root>/<name>-<id8>} when a results root is given.
 */
public final class CreateJobOperation extends JobOperation {

    private final String profileId;
    private final JobRequest request;
    private final ConfigRenderer renderer;
    private final int priority;
    private final boolean submit;
    private final Path resultsRoot;
    private final String jobId = java.util.UUID.randomUUID().toString();

    /**
     * @param resultsRoot where results are downloaded when the job ends ({@code <root>/<name>-<id8>}); null: the
     *                    request's own local results folder, if any
     */
    public CreateJobOperation(JobService service, String profileId, JobRequest request, ConfigRenderer renderer, int priority,
            boolean submit, Path resultsRoot) {
        super(service);
        this.profileId = profileId;
        this.request = request;
        this.renderer = renderer;
        this.priority = priority;
        this.submit = submit;
        this.resultsRoot = resultsRoot;
    }

    /** The id the job gets (known before it is created, so screens can follow it). */
    public String jobId() {
        return jobId;
    }

    @Override
    public String name() {
        return "Creating job '" + request.name() + "'";
    }

    @Override
    public ISchedulingRule rule() {
        return Rules.profile(profileId);
    }

    @Override
    protected Outcome execute(SubMonitor monitor) throws Exception {
        monitor.setWorkRemaining(100);
        ProfileConfig profile = service.sessions().profile(profileId);
        monitor.subTask("Reading the input files of '" + request.name() + "'");
        List<String> inputWarnings = requireInputsAgree(renderer != null ? renderer : service.renderer(), request.templateText(),
                request.templateValues(), request.inputs(), "Job '" + request.name() + "' was not created");
        monitor.subTask("Connecting to " + profile.name());
        ClusterSession s;
        try {
            s = service.sessions().session(profileId, monitor.split(10));
        } catch (org.namdrunner.cluster.ClusterException e) {
            if (e.getKind() == org.namdrunner.cluster.ClusterException.Kind.CANCELLED) {
                throw e;
            }
            throw new org.eclipse.core.runtime.CoreException(org.eclipse.core.runtime.Status.error("Job '" + request.name()
                    + "' was not created:\n" + e.getMessage(), e));
        }
        monitor.subTask("Checking that " + profile.name() + " can start NAMD");
        requireNamd(s, java.util.Collections.singletonList(request.module()), "Job '" + request.name() + "' was not created",
                monitor.split(5));
        Path results = resultsRoot != null ? resultsRoot.resolve(Names.slug(request.name()) + "-" + jobId.substring(0, 8))
                : request.localResultsDir();
        JobSpec spec = JobSpec.named(request.name()).id(jobId).template(request.templateId(), request.templateText())
                .values(request.templateValues()).configFile(request.configFileName()).inputs(request.inputs())
                .resources(request.resources()).module(request.module()).environment(request.environment())
                .localResultsDir(results).priority(priority).submit(submit).renderer(renderer);
        monitor.subTask("Uploading the inputs of '" + request.name() + "'");
        Workflows wf = service.workflows();
        Job job;
        try {
            job = wf.create(s, spec, monitor.split(60));
        } catch (org.namdrunner.workflow.WorkflowException e) {
            if (e.getCause() instanceof org.namdrunner.cluster.ClusterException c && c.getKind() == org.namdrunner.cluster.ClusterException.Kind.CANCELLED) {
                throw c;
            }
            Job stored = service.store().jobs().find(jobId).orElse(null);
            throw new org.eclipse.core.runtime.CoreException(org.eclipse.core.runtime.Status.error((stored == null
                    ? "Job '" + request.name() + "' was not created"
                    : "Job '" + request.name() + "' was created but not submitted (state " + stored.state().label() + ")")
                    + ":\n" + e.getMessage(), e));
        }
        service.events().fire(List.of(job.id()));
        if (!submit) {
            return withWarnings("Created '" + job.name() + "'", inputWarnings, List.of(), List.of(job));
        }
        monitor.subTask("Submitting '" + request.name() + "'");
        Workflows.TickResult t = wf.tick(s, false, monitor.split(30));
        Job now = reload(job.id());
        if (now.slurmJobId() == null && !t.problems().isEmpty()) {
            throw new org.eclipse.core.runtime.CoreException(org.eclipse.core.runtime.Status.error("Job '" + now.name()
                    + "' was created but not submitted (state " + now.state().label() + "):\n" + String.join("\n", t.problems())));
        }
        String message = now.slurmJobId() != null ? "Submitted '" + now.name() + "' as job " + now.slurmJobId() + " on " + profile.name()
                : "Queued '" + now.name() + "': " + wf.queue(profile).stream().filter(q -> q.job().id().equals(now.id()))
                        .map(Workflows.Queued::reason).findFirst().orElse(now.state().label());
        return withWarnings(message, inputWarnings, t.problems(), List.of(now));
    }
}
