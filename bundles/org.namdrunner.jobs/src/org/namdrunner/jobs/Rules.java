package org.namdrunner.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.MultiRule;

/**
 * Scheduling rules of job operations, in place of one global lock: operations that change the workflow state of a
 * cluster profile (sync, submit, continue, restart, rebuild, queue changes) run one at a time per profile; work on
 * one job's files (download, cancel) runs one at a time per job. So a download of job A never blocks a cancel of job
 * B, two profiles never wait for each other, and an operation that waits shows as blocked in the Progress view.
 */
public final class Rules {

    private Rules() {
    }

    /** The rule of a cluster profile's workflow state. */
    public record ProfileRule(String profileId) implements ISchedulingRule {
        @Override
        public boolean contains(ISchedulingRule rule) {
            return equals(rule);
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return equals(rule);
        }
    }

    /** The rule of one job's files and record. */
    public record JobRule(String jobId) implements ISchedulingRule {
        @Override
        public boolean contains(ISchedulingRule rule) {
            return equals(rule);
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return equals(rule);
        }
    }

    public static ISchedulingRule profile(String profileId) {
        return new ProfileRule(profileId == null ? "" : profileId);
    }

    public static ISchedulingRule job(String jobId) {
        return new JobRule(jobId);
    }

    /** The rules of these jobs' files and records, combined. */
    public static ISchedulingRule jobs(Collection<org.namdrunner.core.model.Job> jobs) {
        List<ISchedulingRule> rules = new ArrayList<>();
        jobs.forEach(j -> rules.add(job(j.id())));
        return all(rules);
    }

    /** The combination of rules (null entries skipped; null when there are none). */
    public static ISchedulingRule all(Collection<ISchedulingRule> rules) {
        ISchedulingRule r = null;
        for (ISchedulingRule x : rules) {
            r = MultiRule.combine(r, x);
        }
        return r;
    }
}
