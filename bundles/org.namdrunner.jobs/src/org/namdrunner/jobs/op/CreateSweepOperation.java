package org.namdrunner.jobs.op;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.namdrunner.cluster.Names;
import org.namdrunner.store.JobQuery;
import org.namdrunner.automation.ConfigRenderer;
import org.namdrunner.automation.StepException;
import org.namdrunner.workflow.WorkflowException;
import java.util.Map;

import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.Rules;
import org.namdrunner.workflow.JobSpec;
import org.namdrunner.workflow.Sweep;
import org.namdrunner.workflow.Workflows;

/** Creates the jobs of a sweep (one group) and runs one engine round, which releases them within the profile's cap. */
public final class CreateSweepOperation extends JobOperation {

    private final String profileId;
    private final JobSpec base;
    private final Map<String, List<String>> variables;
    private final Sweep.Mode mode;

    public CreateSweepOperation(JobService service, String profileId, JobSpec base, Map<String, List<String>> variables, Sweep.Mode mode) {
        super(service);
        this.profileId = profileId;
        this.base = base;
        this.variables = variables;
        this.mode = mode;
    }

    @Override
    public String name() {
        return "Creating sweep '" + base.name + "'";
    }

    @Override
    public ISchedulingRule rule() {
        return Rules.profile(profileId);
    }

    private volatile List<Job> created = List.of();

    /** The jobs created so far (all of them once done; those before an error after a failure). */
    public List<Job> created() {
        return created;
    }

    /**
     * Renders every point's config first (a bad point creates nothing), creates the jobs in one group, then one
     * engine round releases them within the profile's cap.
     */
    @Override
    protected Outcome execute(SubMonitor m) throws Exception {
        List<Sweep.Point> points = Sweep.expand(base.name, base.values, variables, mode);
        List<String> bad = new ArrayList<>();
        ConfigRenderer renderer = base.renderer != null ? base.renderer : service.renderer();
        for (Sweep.Point p : points) {
            try {
                renderer.render(base.templateText, p.values());
            } catch (StepException e) {
                bad.add(p.name() + ": " + e.getMessage());
            }
        }
        if (!bad.isEmpty()) {
            throw new CoreException(Status.error("Sweep '" + base.name + "' was not created; the config of "
                    + (bad.size() == 1 ? "this job is" : "these jobs are") + " not valid:\n" + String.join("\n", bad)));
        }
        // the points' local inputs read against each point's config (a swept file variable changes what is read)
        List<String> inputWarnings = new ArrayList<>();
        m.subTask("Reading the input files of sweep '" + base.name + "'");
        for (Sweep.Point p : points) {
            try {
                for (String w : requireInputsAgree(renderer, base.templateText, p.values(), base.inputs, p.name())) {
                    if (!inputWarnings.contains(w)) {
                        inputWarnings.add(w);
                    }
                }
            } catch (CoreException e) {
                bad.add(e.getStatus().getMessage());
            }
        }
        if (!bad.isEmpty()) {
            throw new CoreException(Status.error("Sweep '" + base.name + "' was not created:\n" + String.join("\n", bad)));
        }
        ClusterSession s = service.sessions().session(profileId, m.split(10));
        requireNamd(s, java.util.Collections.singletonList(base.module), "Sweep '" + base.name + "' was not created", m.split(2));
        Workflows wf = service.workflows();
        String group = base.groupId != null ? base.groupId : "sweep-" + Names.slug(base.name) + "-" + UUID.randomUUID().toString().substring(0, 8);
        base.groupId = group;
        try {
            created = wf.createSweep(s, base, variables, mode, m.split(70));
        } catch (WorkflowException e) {
            created = service.store().jobs().list(JobQuery.all().withGroupId(group));
            throw new CoreException(Status.error("Sweep '" + base.name + "' was not created (" + created.size()
                    + " jobs created before the error stay in its group):\n" + e.getMessage(), e));
        }
        service.events().fireAll();
        Workflows.TickResult t = wf.tick(s, false, m.split(20));
        String message = "Created " + created.size() + " jobs of sweep '" + base.name + "' (submitted " + t.released().size() + ")";
        return withWarnings(message, inputWarnings, t.problems(), created);
    }
}
