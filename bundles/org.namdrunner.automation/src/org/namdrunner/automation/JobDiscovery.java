package org.namdrunner.automation;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobInfo;
import org.namdrunner.core.model.JobInfoJson;
import org.namdrunner.store.Store;

/**
 * Rebuilds local records from the {@code job_info.json} files under the profile's project root (after a
 * reinstall, on a second computer, after a database reset). Jobs already known locally are left alone; a file
 * that cannot be read is reported, never guessed.
 */
public final class JobDiscovery {
    /** What discovery did. */
    public record Result(List<Job> imported, int alreadyKnown, List<String> problems, java.util.Map<String, String> workflowFacts) {
        public Result(List<Job> imported, int alreadyKnown, List<String> problems) {
            this(imported, alreadyKnown, problems, java.util.Map.of());
        }
    }

    private JobDiscovery() {
    }

    public static Result rebuild(ClusterSession session, Store store, IProgressMonitor monitor) throws ClusterException {
        List<Job> imported = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        java.util.Map<String, String> facts = new java.util.LinkedHashMap<>();
        int known = 0;
        for (ClusterSession.RemoteDocument doc : session.findJobInfos(monitor)) {
            JobInfo info;
            try {
                info = JobInfoJson.read(doc.content());
            } catch (RuntimeException e) {
                problems.add(doc.path() + ": " + e.getMessage());
                continue;
            }
            Job job = info.job();
            if (store.jobs().find(job.id()).isPresent()) {
                known++;
                continue;
            }
            if (job.profileId() == null) {
                job = job.toBuilder().profileId(session.profile().id()).build();
            }
            store.jobs().insert(job, info.history());
            imported.add(job);
            if (info.workflow() != null) {
                facts.put(job.id(), info.workflow());
            }
        }
        return new Result(imported, known, problems, facts);
    }
}
