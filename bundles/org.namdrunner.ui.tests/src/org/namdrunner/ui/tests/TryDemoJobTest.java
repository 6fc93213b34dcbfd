package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.automation.JobLifecycle;
import org.namdrunner.ui.editors.EditorTestHooks;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.JobRecorder;
import org.namdrunner.automation.StepContext;
import org.namdrunner.automation.namdlog.EnergySeries;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.Names;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.demo.DemoJob;
import org.namdrunner.store.Store;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.editors.JobEditor;
import org.namdrunner.ui.editors.JobEditor.Tab;
import org.namdrunner.ui.remote.WorkbenchSessions;
import org.namdrunner.ui.views.JobsView;
import org.namdrunner.ui.views.ViewIds;
import org.namdrunner.ui.wizards.SubmitJob;

/**
 * First start without a cluster: the empty Jobs view's "Try a demo job" creates and submits a job on the Demo
 * profile, which reaches COMPLETED with a filled energy plot and downloaded results (the scenario is designed to take
 * well under two minutes; the waits are generous).
 */
@Tag("ui")
class TryDemoJobTest {

    @Test
    void tryADemoJobFromTheEmptyJobsView() throws Exception {
        Display d = Display.getCurrent();
        Store store = NamdRunnerUi.store();
        TestJobs.deleteAll(store); // a fresh data directory has no jobs
        NamdRunnerUi.fireJobsChanged();
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        IViewPart part = page.showView(ViewIds.JOBS);
        JobsView view = part.getAdapter(JobsView.class);
        view.reload();
        UiTestSupport.settle(d);
        assertTrue(view.showsEmptyState(), "no jobs: the empty state");
        Button demo = UiTestSupport.findButton(d.getActiveShell() == null
                ? PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell() : d.getActiveShell(), JobsView.TRY_DEMO);
        assertNotNull(demo, "the empty Jobs view offers '" + JobsView.TRY_DEMO + "'");
        UiTestSupport.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "jobs-empty-try-demo");

        UiTestSupport.click(demo);
        UiTestSupport.waitUntil(d, 60_000, () -> !view.showsEmptyState(), "the demo job appears in the Jobs view");
        UiTestSupport.joinFamily(d, SubmitJob.FAMILY, 300_000);
        List<Job> jobs = store.jobs().list(org.namdrunner.store.JobQuery.all());
        assertEquals(1, jobs.size(), jobs.toString());
        String id = jobs.get(0).id();
        // nobody presses anything: the automatic sync follows the job to its end and downloads its results
        UiTestSupport.waitUntil(d, 300_000, () -> store.jobs().find(id).orElseThrow().state().isTerminal()
                && org.namdrunner.ui.jobs.Engine.service().workflows().state().node(id).map(n -> n.finished).orElse(false),
                "the demo job ended and was finished by the automatic sync");
        Job job = store.jobs().find(id).orElseThrow();
        assertEquals(DemoJob.PROFILE_ID, job.profileId());
        assertEquals(DemoJob.JOB_NAME, job.name());
        assertEquals(JobState.COMPLETED, job.state(), job.reason());

        String[] copyId = new String[1];
        Path results = Path.of(System.getProperty("user.home"), "NAMDRunner", "results",
                Names.slug(job.name()) + "-" + job.id().substring(0, 8));
        try {
            assertTrue(Files.isRegularFile(results.resolve("output/demo_water.coor")), "results downloaded to " + results);
            assertTrue(Files.isRegularFile(results.resolve("output/demo_water.dcd")));
            assertTrue(Files.readString(results.resolve("logs/namd.log")).contains("simulated output, not NAMD"));

            JobEditor e = JobEditor.open(page, job);
            EditorTestHooks.showTab(e, Tab.ENERGY);
            UiTestSupport.waitUntil(d, 60_000, () -> !EditorTestHooks.getEnergyChart(e).getSeries().isEmpty()
                    && EditorTestHooks.getEnergyChart(e).getSeries().get(0).size() == 101, "the energy plot of all 101 energy outputs");
            List<EnergySeries> series = EditorTestHooks.getEnergyChart(e).getSeries();
            assertEquals("TOTAL", series.get(0).column());
            EditorTestHooks.getEnergyChart(e).redraw();
            UiTestSupport.settle(d);
            assertTrue(EditorTestHooks.getEnergyChart(e).lastPointsDrawn() > 0, "points were drawn");
            UiTestSupport.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "demo-job-energy");

            // Duplicate… in the editor's header: a prefilled dialog, then a copy with the inputs copied, which runs too
            assertTrue(EditorTestHooks.getActionItem(e, org.namdrunner.ui.editors.JobActions.Action.DUPLICATE).isEnabled());
            List<Throwable> asked = UiTestSupport.onShell(d, org.namdrunner.ui.editors.DuplicateJobDialog.TITLE, shell -> {
                org.namdrunner.ui.editors.DuplicateJobDialog dialog = (org.namdrunner.ui.editors.DuplicateJobDialog) shell.getData();
                assertEquals(DemoJob.JOB_NAME + "-copy", dialog.nameText().getText());
                assertEquals(org.namdrunner.template.render.TemplateValues.parseAssignments(dialog.valuesText().getText()),
                        new java.util.TreeMap<>(job.templateValues()));
                UiTestSupport.screenshot(shell, "duplicate-job");
                UiTestSupport.click(UiTestSupport.findButton(shell, org.namdrunner.ui.editors.DuplicateJobDialog.OK_LABEL));
            });
            org.eclipse.core.runtime.jobs.Job dup = EditorTestHooks.run(e, org.namdrunner.ui.editors.JobActions.Action.DUPLICATE);
            assertTrue(asked.isEmpty(), asked.toString());
            assertNotNull(dup, "the copy was scheduled");
            UiTestSupport.waitUntil(d, 120_000, () -> dup.getResult() != null, "the copy was created");
            assertTrue(dup.getResult().isOK(), dup.getResult().getMessage());
            Job copy = store.jobs().list(org.namdrunner.store.JobQuery.all().withText(DemoJob.JOB_NAME + "-copy")).get(0);
            copyId[0] = copy.id();
            UiTestSupport.waitUntil(d, 300_000, () -> store.jobs().find(copy.id()).orElseThrow().state().isTerminal(),
                    "the copy ran to its end");
            assertEquals(JobState.COMPLETED, store.jobs().find(copy.id()).orElseThrow().state());
            page.closeAllEditors(false); // the copy's editor opened too
        } finally {
            // leave no demo job behind in the user's folders
            { // the shared session of the profile (not closed: others use it)
            ClusterSession s = org.namdrunner.ui.jobs.Engine.service().sessions().session(DemoJob.profile(WorkbenchSessions.registry()).id(), new NullProgressMonitor());
                new JobLifecycle(AutomationStepRegistry.fromExtensions()).delete(new StepContext(s, new JobRecorder(store), null, null, job),
                        new NullProgressMonitor());
            }
            deleteTree(results);
            if (copyId[0] != null) {
                Job copy = store.jobs().find(copyId[0]).orElse(null);
                if (copy != null) {
                    ClusterSession s = org.namdrunner.ui.jobs.Engine.service().sessions().session(copy.profileId(), new NullProgressMonitor());
                    new JobLifecycle(AutomationStepRegistry.fromExtensions()).delete(new StepContext(s, new JobRecorder(store), null, null,
                            copy), new NullProgressMonitor());
                    deleteTree(Path.of(System.getProperty("user.home"), "NAMDRunner", "results",
                            Names.slug(copy.name()) + "-" + copy.id().substring(0, 8)));
                }
            }
            NamdRunnerUi.fireJobsChanged();
            UiTestSupport.settle(d);
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}
