package org.namdrunner.jobs.op;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.steps.DownloadResultsStep;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.Names;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.Rules;

/**
 * Downloads the results (output/) of jobs, each into {@code <target>/<job name>-<id prefix>}, so results of two jobs
 * never mix. Holds only the jobs' rules: a download never blocks another job's actions or a sync.
 */
public final class DownloadOperation extends JobOperation {

    private final List<Job> jobs;
    private final Path target;

    public DownloadOperation(JobService service, List<Job> jobs, Path target) {
        super(service);
        this.jobs = List.copyOf(jobs);
        this.target = target;
    }

    /** The folder of one job's results under a target folder: {@code <target>/<slug of name>-<id8>}. */
    public static Path folder(Path target, Job job) {
        return target.resolve(Names.slug(job.name()) + "-" + job.id().substring(0, Math.min(8, job.id().length())));
    }

    @Override
    public String name() {
        return "Downloading the results of " + (jobs.size() == 1 ? jobs.get(0).name() : jobs.size() + " jobs");
    }

    @Override
    public ISchedulingRule rule() {
        return Rules.jobs(jobs);
    }

    @Override
    protected Outcome execute(SubMonitor m) throws Exception {
        m.setWorkRemaining(jobs.size());
        List<String> failed = new ArrayList<>();
        for (Job j : jobs) {
            SubMonitor one = m.split(1).setWorkRemaining(10);
            try {
                ClusterSession s = service.sessions().session(j.profileId(), one.split(1));
                StepContext ctx = new StepContext(s, service.workflows().recorder(), null, null, reload(j.id()));
                ctx.attributes().put("localResultsDir", folder(target, j));
                new DownloadResultsStep().execute(ctx, one.split(9));
            } catch (OperationCanceledException e) {
                throw e;
            } catch (Exception e) {
                if (m.isCanceled()) {
                    throw new OperationCanceledException();
                }
                failed.add(j.name() + ": " + message(e));
            }
        }
        if (!failed.isEmpty()) {
            return new Outcome(Status.warning("Downloaded " + (jobs.size() - failed.size()) + " of " + jobs.size()
                    + " jobs into " + target + "; failed: " + String.join("; ", failed)), List.of());
        }
        return Outcome.ok(jobs.size() == 1 ? "Results downloaded to " + folder(target, jobs.get(0))
                : "Downloaded the results of " + jobs.size() + " jobs into " + target);
    }
}
