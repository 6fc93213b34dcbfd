package org.namdrunner.jobs.op;

import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.namdrunner.automation.JobDiscovery;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.Rules;

/**
 * Rebuild from cluster (Preferences > Database, {@code namdrunner rebuild}): imports the job_info.json records under
 * the profile's project root that the database lacks, with their workflow facts (parent, chain kind, group,
 * dependencies, priority); never duplicates. {@link #result()} says what was found, imported and skipped.
 */
public final class RebuildOperation extends JobOperation {

    private final String profileId;
    private volatile JobDiscovery.Result result;

    public RebuildOperation(JobService service, String profileId) {
        super(service);
        this.profileId = profileId;
    }

    public JobDiscovery.Result result() {
        return result;
    }

    @Override
    public String name() {
        return "Rebuilding jobs from the cluster";
    }

    @Override
    public ISchedulingRule rule() {
        return Rules.profile(profileId);
    }

    @Override
    protected Outcome execute(SubMonitor m) throws Exception {
        ClusterSession s = service.sessions().session(profileId, m.split(20));
        JobDiscovery.Result r = JobDiscovery.rebuild(s, service.store(), m.split(80));
        // the engine's facts (parent, chain kind, dependencies, queue, continuation) come back with the jobs
        for (org.namdrunner.core.model.Job j : r.imported()) {
            String facts = r.workflowFacts().get(j.id());
            if (facts != null) {
                service.workflows().state().restore(j.id(), facts, j.state().isTerminal());
            }
        }
        result = r;
        String text = summary(r, s.profile().name());
        return new Outcome(r.problems().isEmpty() ? Status.info(text) : Status.warning(text), r.imported());
    }

    /** "Found N job records on X: imported I, already known K, skipped S." (with the unreadable ones named). */
    public static String summary(JobDiscovery.Result r, String profileName) {
        int found = r.imported().size() + r.alreadyKnown() + r.problems().size();
        return "Found " + found + (found == 1 ? " job record" : " job records") + " on " + profileName + ": imported "
                + r.imported().size() + ", already known " + r.alreadyKnown() + ", skipped " + r.problems().size()
                + (r.problems().isEmpty() ? "." : " (unreadable: " + String.join("; ", r.problems()) + ").");
    }
}
