package org.namdrunner.jobs.op;

import java.io.IOException;
import java.util.List;

import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.namdrunner.automation.JobLifecycle;
import org.namdrunner.automation.StepContext;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.Rules;

/**
 * Deletes a job's record (and its workflow state and cached documents) and, with files, first cancels it and removes
 * its directories on the cluster.
 */
public final class DeleteOperation extends JobOperation {

    private final Job job;
    private final boolean withFiles;

    public DeleteOperation(JobService service, Job job, boolean withFiles) {
        super(service);
        this.job = job;
        this.withFiles = withFiles;
    }

    @Override
    public String name() {
        return "Deleting " + job.name();
    }

    @Override
    public ISchedulingRule rule() {
        return Rules.all(List.of(Rules.profile(job.profileId()), Rules.job(job.id())));
    }

    @Override
    protected Outcome execute(SubMonitor m) throws Exception {
        if (withFiles) {
            ClusterSession s = service.sessions().session(job.profileId(), m.split(20));
            new JobLifecycle(service.steps()).delete(new StepContext(s, service.workflows().recorder(), null, null, reload(job.id())),
                    m.split(70));
        } else {
            service.store().jobs().delete(job.id());
        }
        service.workflows().state().remove(job.id());
        String note = "";
        try {
            service.documents().forget(job.id());
        } catch (IOException e) {
            note = " (its cached files were not removed: " + e.getMessage() + ")";
        }
        return Outcome.ok("Deleted '" + job.name() + "'" + (withFiles ? " and its files on the cluster" : "") + note);
    }
}
