package org.namdrunner.jobs.op;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.Rules;

/**
 * Cancels jobs (an editor's Cancel Job, the Jobs view's multi-selection): per cluster profile one cancel command for
 * all of its queued and running jobs; a job still waiting in the submission queue is taken out of it. Each is
 * recorded CANCELLED (locally and in its job_info.json). Jobs that already ended are left as they are.
 */
public final class CancelOperation extends JobOperation {

    private final List<Job> jobs;

    public CancelOperation(JobService service, List<Job> jobs) {
        super(service);
        this.jobs = List.copyOf(jobs);
    }

    @Override
    public String name() {
        return jobs.size() == 1 ? "Cancelling " + jobs.get(0).name() : "Cancelling " + jobs.size() + " jobs";
    }

    @Override
    public ISchedulingRule rule() {
        return Rules.jobs(jobs);
    }

    @Override
    protected Outcome execute(SubMonitor m) throws Exception {
        Map<String, List<Job>> byProfile = new LinkedHashMap<>();
        for (Job j : jobs) {
            Job now = service.store().jobs().find(j.id()).orElse(null);
            if (now != null && !now.state().isTerminal()) {
                byProfile.computeIfAbsent(now.profileId(), k -> new ArrayList<>()).add(now);
            }
        }
        int cancelled = 0;
        m.setWorkRemaining(byProfile.size() * 10 + 1);
        for (Map.Entry<String, List<Job>> e : byProfile.entrySet()) {
            ClusterSession s = service.sessions().session(e.getKey(), m.split(2));
            List<String> ids = e.getValue().stream().map(Job::slurmJobId).filter(Objects::nonNull).toList();
            if (!ids.isEmpty()) {
                s.cancel(ids, m.split(3));
            }
            SubMonitor each = m.split(5).setWorkRemaining(e.getValue().size());
            for (Job j : e.getValue()) {
                if (j.slurmJobId() == null && service.workflows().state().node(j.id()).isPresent()) {
                    service.workflows().withdraw(j.id());
                }
                service.workflows().recorder().record(j.toBuilder().state(JobState.CANCELLED).reason("cancelled by the user")
                        .endedAt(Instant.now()).build(), "cancelled by the user", "user", s, each.split(1));
                cancelled++;
            }
        }
        int skipped = jobs.size() - cancelled;
        return Outcome.ok((jobs.size() == 1 && cancelled == 1 ? "Job cancelled" : "Cancelled " + cancelled + (cancelled == 1 ? " job" : " jobs"))
                + (skipped > 0 ? "; " + skipped + " had already ended" : ""));
    }
}
