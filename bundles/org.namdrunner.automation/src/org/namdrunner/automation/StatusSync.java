package org.namdrunner.automation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.steps.Steps;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.cluster.StatusReport;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.JobQuery;

/**
 * Syncs every tracked (active) job of one profile: one status query for all of them (one round trip, whatever
 * their number), changes stored locally with history, and the changed jobs' job_info.json rewritten in one more
 * round trip (none when nothing changed).
 */
public final class StatusSync {
    /** States whose jobs are tracked. */
    public static final Set<JobState> TRACKED = EnumSet.of(JobState.PENDING, JobState.RUNNING, JobState.SUSPENDED,
            JobState.COMPLETING, JobState.REQUEUED, JobState.UNKNOWN);

    /** Result of a sync. */
    public record Result(int tracked, int changed, boolean fromCache, List<Job> changedJobs) {
    }

    private StatusSync() {
    }

    public static Result sync(ClusterSession session, JobRecorder recorder, boolean force, IProgressMonitor monitor)
            throws ClusterException {
        JobQuery q = JobQuery.all().withStates(TRACKED);
        q = new JobQuery(q.text(), q.states(), null, null, session.profile().id(), null, null, q.sort(), true, 0, JobQuery.MAX_LIMIT);
        Map<String, Job> bySlurmId = new LinkedHashMap<>();
        for (Job j : recorder.store().jobs().list(q)) {
            if (j.slurmJobId() != null) {
                bySlurmId.put(j.slurmJobId(), j);
            }
        }
        if (bySlurmId.isEmpty()) {
            return new Result(0, 0, false, List.of());
        }
        StatusReport report = session.status(bySlurmId.keySet(), force, monitor);
        List<Job> changed = new ArrayList<>();
        for (Map.Entry<String, JobStatus> e : report.statuses().entrySet()) {
            Job j = bySlurmId.get(e.getKey());
            JobStatus s = e.getValue();
            if (j != null && Steps.changes(j, s)) {
                s = FailureExplanation.explain(session, j, s, monitor);
                Job updated = Steps.apply(j, s);
                recorder.recordLocally(updated, s.reason(), s.source());
                changed.add(updated);
            }
        }
        if (!changed.isEmpty()) {
            recorder.writeJobInfos(changed, session, monitor);
        }
        return new Result(bySlurmId.size(), changed.size(), report.fromCache(), changed);
    }
}
