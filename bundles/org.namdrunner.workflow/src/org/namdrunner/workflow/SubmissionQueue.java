package org.namdrunner.workflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.namdrunner.core.model.Job;

/**
 * The client-side release order of one cluster: highest priority first, then oldest first (then id, so the order
 * is total and stable), never more than the profile's cap of jobs in the cluster queue.
 */
public final class SubmissionQueue {
    /** Profile property: maximum number of this user's jobs in the cluster queue (pending + running); 0 = no cap. */
    public static final String CAP_PROPERTY = "workflow.maxJobsInQueue";

    public static final Comparator<Job> ORDER = Comparator.comparingInt(Job::priority).reversed()
            .thenComparing(Job::createdAt).thenComparing(Job::id);

    private SubmissionQueue() {
    }

    /**
     * The jobs to release now, in release order.
     *
     * @param ready      jobs whose dependencies allow submission
     * @param inQueue    jobs of this profile in the cluster queue now
     * @param cap        the profile's cap (0 or less: none)
     */
    public static List<Job> release(List<Job> ready, int inQueue, int cap) {
        List<Job> sorted = new ArrayList<>(ready);
        sorted.sort(ORDER);
        if (cap <= 0) {
            return sorted;
        }
        int room = Math.max(0, cap - inQueue);
        return sorted.subList(0, Math.min(room, sorted.size()));
    }
}
