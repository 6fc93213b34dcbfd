package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.ui.views.ViewTestHooks;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.ui.editors.JobActions;
import org.namdrunner.ui.editors.EditorTestHooks;
import org.namdrunner.ui.views.JobsView;
import org.namdrunner.workflow.JobSpec;
import org.namdrunner.workflow.Workflows;

/** The Jobs view's bulk actions on a multi-selection, against the test cluster: cancel and download results. */
@Tag("ui")
class JobsBulkActionsTest {

    private final TestFilePrompts files = TestFilePrompts.register();

    @AfterEach
    void answerNoMore() {
        files.close();
    }
    /** Tests drive the engine from one thread at a time. */
    static final Object TEST_LOCK = new Object();


    @BeforeAll
    static void profile() throws Exception {
        JobEditorTest.profileAndInputs();
    }

    @AfterAll
    static void cleanUp() {
        EditorTestHooks.reset();
        JobEditorTest.cleanUp();
    }

    static List<Job> create(Workflows wf, ClusterSession s, String prefix, int n, int steps, String sleep) throws Exception {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JobSpec spec = JobSpec.named(prefix + "-" + i).template(null, JobEditorTest.template()).value("sleep", sleep)
                    .value("out", "b" + i).value("steps", Integer.toString(steps))
                    .inputs(List.of(JobEditorTest.inputs.resolve("mol.psf"), JobEditorTest.inputs.resolve("mol.pdb"), JobEditorTest.inputs.resolve("par.prm")))
                    .resources(ResourceRequest.of("compute", 1, null, null));
            synchronized (TEST_LOCK) {
                jobs.add(wf.create(s, spec, JobEditorTest.M));
            }
        }
        return jobs;
    }

    /** Shows only the jobs whose name starts with the prefix and selects all of them, as a user would. */
    static void selectAll(JobsView v, String prefix, int expected) {
        Display d = Display.getCurrent();
        v.getFilterText().setText(prefix);
        v.reload();
        Table t = v.getViewer().getTable();
        UiTestSupport.waitUntil(d, 10_000, () -> v.rowCount() == expected, expected + " rows for " + prefix);
        UiTestSupport.settle(d);
        t.setFocus();
        Event ctrlA = new Event(); // Ctrl+A
        ctrlA.keyCode = 'a';
        ctrlA.character = 1;
        ctrlA.stateMask = SWT.MOD1;
        t.notifyListeners(SWT.KeyDown, ctrlA);
        UiTestSupport.settle(d);
        assertEquals(expected, v.selectedJobs().size());
    }

    @Test
    void cancelSeveralRunningJobsAtOnce() throws Exception {
        Display d = Display.getCurrent();
        Workflows wf = org.namdrunner.ui.jobs.Engine.service().workflows();
        ClusterSession s = org.namdrunner.ui.jobs.Engine.service().sessions().session(JobEditorTest.profile.id(), JobEditorTest.M);
        String prefix = "bulk-cancel-" + UUID.randomUUID().toString().substring(0, 8);
        List<Job> jobs = create(wf, s, prefix, 2, 400, "0.5");
        try {
            cancelThem(d, wf, s, prefix, jobs);
        } finally {
            // never leave 200-second jobs on the test cluster's two cores when the test fails half-way
            List<String> left = jobs.stream().map(j -> JobEditorTest.stored(j.id())).filter(j -> j.slurmJobId() != null)
                    .map(Job::slurmJobId).toList();
            if (!left.isEmpty()) {
                s.cancel(left, JobEditorTest.M);
            }
        }
    }

    private void cancelThem(Display d, Workflows wf, ClusterSession s, String prefix, List<Job> jobs) throws Exception {
        JobEditorTest.until(d, wf, s, 120, () -> jobs.stream().allMatch(j -> JobEditorTest.stored(j.id()).slurmJobId() != null
                && JobEditorTest.stored(j.id()).state().isActive()), "both jobs queued or running");

        JobsView v = JobsViewTest.view();
        selectAll(v, prefix, 2);
        var confirmed = UiTestSupport.pressWhenOpen(d, JobsView.CANCEL_JOBS_TITLE, "OK");
        assertNotNull(ViewTestHooks.cancelSelected(v));
        assertTrue(confirmed.get(), "asked before cancelling");
        UiTestSupport.joinFamily(d, org.namdrunner.ui.jobs.OperationJob.FAMILY, 120_000);
        List<String> slurmIds = new ArrayList<>();
        for (Job j : jobs) {
            Job now = JobEditorTest.stored(j.id());
            assertEquals(JobState.CANCELLED, now.state(), now.name());
            assertEquals("cancelled by the user", now.reason());
            slurmIds.add(now.slurmJobId());
        }
        // Slurm agrees (sacct may take a moment)
        long deadline = System.currentTimeMillis() + 60_000;
        Map<String, JobStatus> st;
        do {
            Map<String, JobStatus> now = s.status(slurmIds, true, JobEditorTest.M).statuses();
            st = now;
            if (slurmIds.stream().allMatch(id -> now.get(id) != null && now.get(id).state() == JobState.CANCELLED)) {
                break;
            }
            long pause = System.currentTimeMillis() + 1000;
            UiTestSupport.waitUntil(d, 5000, () -> System.currentTimeMillis() > pause, "a second");
        } while (System.currentTimeMillis() < deadline);
        for (String id : slurmIds) {
            assertEquals(JobState.CANCELLED, st.get(id).state(), "Slurm job " + id);
        }
        v.getFilterText().setText("");
        v.reload();
    }

    @Test
    void downloadResultsOfSeveralJobsIntoOneFolder() throws Exception {
        Display d = Display.getCurrent();
        Workflows wf = org.namdrunner.ui.jobs.Engine.service().workflows();
        ClusterSession s = org.namdrunner.ui.jobs.Engine.service().sessions().session(JobEditorTest.profile.id(), JobEditorTest.M);
        String prefix = "bulk-download-" + UUID.randomUUID().toString().substring(0, 8);
        List<Job> jobs = create(wf, s, prefix, 2, 20, "0");
        JobEditorTest.until(d, wf, s, 180, () -> jobs.stream().allMatch(j -> JobEditorTest.stored(j.id()).state().isTerminal()),
                "both jobs end");
        for (Job j : jobs) {
            assertEquals(JobState.COMPLETED, JobEditorTest.stored(j.id()).state(), JobEditorTest.stored(j.id()).reason());
        }
        Path target = Files.createTempDirectory("ui-bulk-download");
        files.answer(target);
        JobsView v = JobsViewTest.view();
        selectAll(v, prefix, 2);
        assertNotNull(v.downloadSelected());
        UiTestSupport.joinFamily(d, org.namdrunner.ui.jobs.OperationJob.FAMILY, 180_000);
        for (int i = 0; i < jobs.size(); i++) {
            Job j = JobEditorTest.stored(jobs.get(i).id());
            Path out = target.resolve(org.namdrunner.ui.jobs.Engine.defaultResultsDir(j).getFileName()).resolve("output");
            assertTrue(Files.isDirectory(out), "results of " + j.name() + " in " + out);
            String coor = "b" + i + ".coor";
            try (Stream<Path> files = Files.list(out)) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().equals(coor)), "final coordinates of " + j.name());
            }
        }
        v.getFilterText().setText("");
        v.reload();
    }
}
