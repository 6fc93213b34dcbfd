package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.ui.views.ViewTestHooks;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.op.CancelOperation;
import org.namdrunner.testing.TestCluster;
import org.namdrunner.ui.jobs.Engine;
import org.namdrunner.ui.jobs.OperationJob;
import org.namdrunner.ui.views.JobsView;
import org.namdrunner.workflow.JobSpec;
import org.namdrunner.workflow.SubmissionQueue;
import org.namdrunner.workflow.Workflows;

/**
 * The submission queue in the Jobs view, on the test cluster with a cap of 1: waiting jobs show their position and
 * reason, Set Priority… moves one to the front, Take Out of Queue leaves it Created.
 */
@Tag("cluster")
class JobsQueueViewTest {

    static ProfileConfig profile;

    @BeforeAll
    static void profile() throws Exception {
        JobEditorTest.profileAndInputs();
        Properties p = RemoteConsoleTest.cluster();
        ClusterProfileRegistry registry = org.namdrunner.ui.remote.WorkbenchSessions.registry();
        profile = registry.add(registry.get(TestCluster.PRESET_ID).toBuilder().id("ui-queue-" + UUID.randomUUID())
                .name("Test cluster (queue test)").preset(false).host(p.getProperty("host"))
                .port(Integer.parseInt(p.getProperty("port"))).userRule(p.getProperty("user")).statusMinIntervalSeconds(0)
                .property("keyFile", p.getProperty("keyFile")).property("knownHosts", p.getProperty("knownHosts"))
                .property("sshConfig", "none").property(SubmissionQueue.CAP_PROPERTY, "1").build());
    }

    @AfterAll
    static void cleanUp() {
        JobEditorTest.cleanUp();
    }

    @Test
    void waitingJobsShowTheirPlaceAndCanBeMovedOrTakenOut() throws Exception {
        Display d = Display.getCurrent();
        Workflows wf = Engine.service().workflows();
        ClusterSession s = Engine.service().sessions().session(profile.id(), JobEditorTest.M);
        String prefix = "queue-" + UUID.randomUUID().toString().substring(0, 8);
        List<Job> jobs = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                jobs.add(wf.create(s, JobSpec.named(prefix + "-" + i).template(null, JobEditorTest.template()).value("sleep", "0.5")
                        .value("out", "q" + i).value("steps", "400").inputs(List.of(JobEditorTest.inputs.resolve("mol.psf"),
                                JobEditorTest.inputs.resolve("mol.pdb"), JobEditorTest.inputs.resolve("par.prm"))).resources(ResourceRequest.of("compute", 1, null, null)),
                        JobEditorTest.M));
            }
            Engine.service().tick(s, true, JobEditorTest.M);
            assertNotNull(JobEditorTest.stored(jobs.get(0).id()).slurmJobId(), "the first is released");

            JobsView v = JobsViewTest.view();
            v.getFilterText().setText(prefix);
            v.reload();
            UiTestSupport.waitUntil(d, 10_000, () -> v.rowCount() == 3, "3 rows");
            Job second = JobEditorTest.stored(jobs.get(1).id());
            Job third = JobEditorTest.stored(jobs.get(2).id());
            // the queues are read in the background after the rows are painted
            UiTestSupport.waitUntil(d, 10_000, () -> "Queued #1".equals(v.text(second, JobsView.Column.STATUS)), "Queued #1");
            assertEquals("Queued #1", v.text(second, JobsView.Column.STATUS));
            assertEquals("Queued #2", v.text(third, JobsView.Column.STATUS));
            assertEquals("waiting: cap 1 of 1 in the queue on Test cluster (queue test)", v.queued(third).reason());
            UiTestSupport.screenshot(v.getViewer().getTable().getShell(), "jobs-queue");

            // the third gets priority 5: it moves to the front
            JobsBulkActionsTest.selectAll(v, prefix + "-2", 1);
            List<Throwable> failures = UiTestSupport.onShell(d, JobsView.PRIORITY_TITLE, shell -> {
                Text field = find(shell);
                field.setText("5");
                UiTestSupport.findButton(shell, "OK").notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
            });
            List<org.eclipse.core.runtime.jobs.Job> scheduled = ViewTestHooks.setPriorityOfSelected(v);
            assertTrue(failures.isEmpty(), failures.toString());
            assertEquals(1, scheduled.size());
            UiTestSupport.joinFamily(d, OperationJob.FAMILY, 60_000);
            assertEquals(5, JobEditorTest.stored(third.id()).priority());
            v.getFilterText().setText(prefix);
            v.reload();
            UiTestSupport.waitUntil(d, 10_000, () -> v.rowCount() == 3, "3 rows");
            UiTestSupport.waitUntil(d, 10_000, () -> "Queued #1".equals(v.text(JobEditorTest.stored(third.id()), JobsView.Column.STATUS)),
                    "the third moved to the front");
            assertEquals("Queued #1", v.text(JobEditorTest.stored(third.id()), JobsView.Column.STATUS));
            assertEquals("Queued #2", v.text(JobEditorTest.stored(second.id()), JobsView.Column.STATUS));

            // the second is taken out of the queue: Created, no place, never released
            JobsBulkActionsTest.selectAll(v, prefix + "-1", 1);
            assertEquals(1, ViewTestHooks.withdrawSelected(v).size());
            UiTestSupport.joinFamily(d, OperationJob.FAMILY, 60_000);
            v.getFilterText().setText(prefix);
            v.reload();
            UiTestSupport.waitUntil(d, 10_000, () -> v.rowCount() == 3, "3 rows");
            Job out = JobEditorTest.stored(second.id());
            UiTestSupport.waitUntil(d, 10_000, () -> v.queued(out) == null, "the second left the queue");
            assertNull(v.queued(out));
            assertEquals(JobState.CREATED.label(), v.text(out, JobsView.Column.STATUS));
            assertTrue(wf.queue(profile).stream().noneMatch(q -> q.job().id().equals(out.id())));
            v.getFilterText().setText("");
        } finally {
            new CancelOperation(Engine.service(), jobs).run(JobEditorTest.M);
        }
    }

    private static Text find(org.eclipse.swt.widgets.Control c) {
        if (c instanceof Text t) {
            return t;
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
                Text t = find(child);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}
