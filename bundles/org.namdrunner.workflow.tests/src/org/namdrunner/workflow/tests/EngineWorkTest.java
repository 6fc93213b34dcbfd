package org.namdrunner.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.Store;
import org.namdrunner.workflow.WorkflowNode;
import org.namdrunner.workflow.Workflows;

/**
 * {@link Workflows#hasWork}: what a workbench started again after a crash must sync for although no job is tracked —
 * an interrupted submission, a job waiting in the submission queue, results still to fetch (found by the workbench
 * kill trials: a Local job killed in SUBMITTING waited for a Sync by hand).
 */
class EngineWorkTest {

    private static Job job(Store st, String id, String profile, JobState state, String schedulerId) {
        Job j = Job.builder().id(id).name("j-" + id.substring(0, 4)).profileId(profile).state(state).slurmJobId(schedulerId)
                .cores(1).nodes(1).build();
        st.jobs().insert(j);
        return j;
    }

    private static WorkflowNode node(String jobId) {
        WorkflowNode n = new WorkflowNode();
        n.jobId = jobId;
        return n;
    }

    @Test
    void interruptedSubmissionsQueuedJobsAndUnfetchedResultsAreWork(@TempDir Path tmp) throws Exception {
        try (Store st = Store.open(tmp.resolve("db"))) {
            Workflows wf = new Workflows(st, WorkflowUnitTest.registry(), null);
            job(st, "11111111-0000-0000-0000-000000000001", "local", JobState.COMPLETED, "7");
            WorkflowNode done = node("11111111-0000-0000-0000-000000000001");
            done.submitRequested = true;
            done.localResultsDir = tmp.resolve("r1").toString();
            done.finished = true;
            wf.state().put(done);
            assertFalse(wf.hasWork("local"), "a finished job is no work");

            // results to fetch
            done.finished = false;
            wf.state().put(done);
            assertTrue(wf.hasWork("local"));
            assertFalse(wf.hasWork("other"), "work of another profile");
            done.finishAttempts = 3;
            wf.state().put(done);
            assertFalse(wf.hasWork("local"), "given up after its attempts");

            // a job waiting in the submission queue
            job(st, "22222222-0000-0000-0000-000000000002", "local", JobState.CREATED, null);
            WorkflowNode waiting = node("22222222-0000-0000-0000-000000000002");
            wf.state().put(waiting);
            assertFalse(wf.hasWork("local"), "created, not asked to be submitted");
            waiting.submitRequested = true;
            wf.state().put(waiting);
            assertTrue(wf.hasWork("local"));
            waiting.submitRequested = false;
            wf.state().put(waiting);

            // a submission interrupted by a crash
            job(st, "33333333-0000-0000-0000-000000000003", "local", JobState.SUBMITTING, null);
            assertTrue(wf.hasWork("local"));
            assertFalse(wf.hasWork("other"));
        }
    }
}
