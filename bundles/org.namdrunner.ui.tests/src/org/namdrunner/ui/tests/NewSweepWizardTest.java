package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.jface.wizard.WizardDialog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.ui.wizards.WizardTestHooks;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.JobQuery;
import org.namdrunner.testing.TestCluster;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.remote.RemoteUi;
import org.namdrunner.ui.remote.WorkbenchSessions;
import org.namdrunner.ui.views.JobsView;
import org.namdrunner.ui.wizards.NewSweepWizard;
import org.namdrunner.ui.wizards.SweepPage;

/**
 * File > New Sweep in the real workbench: base name and test-cluster resources, the vacuum template with its input
 * files, temperature 300,310 × Langevin damping 1,5 as a grid: the preview shows the 4 systematic names, a value out
 * of the declared range is refused with the range named, Finish creates 4 jobs in one group that get Slurm ids, and
 * the Jobs view shows them with their group.
 */
@Tag("ui")
@Tag("cluster")
class NewSweepWizardTest {

    static final String CLUSTER_ID = "ui-sweep-cluster";

    @AfterEach
    void cleanUp() throws Exception {
        Display d = Display.getCurrent();
        UiTestSupport.joinFamily(d, NewSweepWizard.CreateSweep.FAMILY, 120_000);
        org.namdrunner.ui.jobs.Engine.close();
        RemoteUi.disconnectAll();
        UiTestSupport.settle(d);
        WorkbenchSessions.registry().delete(CLUSTER_ID);
    }

    static ProfileConfig clusterProfile() throws Exception {
        Properties p = RemoteConsoleTest.cluster();
        ClusterProfileRegistry registry = WorkbenchSessions.registry();
        ProfileConfig preset = registry.get(TestCluster.PRESET_ID);
        registry.delete(CLUSTER_ID);
        return registry.add(preset.toBuilder().id(CLUSTER_ID).name("Test cluster (sweep test)").preset(false).contributor(null)
                .host(p.getProperty("host")).port(Integer.parseInt(p.getProperty("port"))).userRule(p.getProperty("user"))
                .projectRoot(p.getProperty("projectRoot")).scratchRoot(p.getProperty("scratchRoot")).statusMinIntervalSeconds(0)
                .property("authMethod", "PUBLIC_KEY").property("keyFile", p.getProperty("keyFile"))
                .property("knownHosts", p.getProperty("knownHosts")).property("sshConfig", "none").build());
    }

    static NewSweepWizard wizard(org.eclipse.swt.widgets.Shell shell) {
        WizardDialog dialog = (WizardDialog) shell.getData();
        return (NewSweepWizard) dialog.getCurrentPage().getWizard();
    }

    static List<String> column(Table t, int col) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.getItemCount(); i++) {
            out.add(t.getItem(i).getText(col));
        }
        return out;
    }

    /**
     * Closes every "Sweep Not Created" dialog that opens within {@code millis} and records its message, so a failed
     * sweep fails the test with its reason instead of blocking the event loop.
     */
    static List<String> closeErrorDialogs(Display display, long millis) {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        long end = System.currentTimeMillis() + millis;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            for (org.eclipse.swt.widgets.Shell s : display.getShells()) {
                if (!s.isDisposed() && s.isVisible() && NewSweepWizard.ERROR_TITLE.equals(s.getText())) {
                    seen.add(texts(s));
                    s.close();
                }
            }
            if (System.currentTimeMillis() < end) {
                display.timerExec(200, poll[0]);
            }
        };
        display.timerExec(200, poll[0]);
        return seen;
    }

    private static String texts(org.eclipse.swt.widgets.Composite c) {
        StringBuilder sb = new StringBuilder();
        for (org.eclipse.swt.widgets.Control child : c.getChildren()) {
            if (child instanceof org.eclipse.swt.widgets.Label l) {
                sb.append(l.getText()).append(' ');
            } else if (child instanceof org.eclipse.swt.widgets.Composite cc) {
                sb.append(texts(cc));
            }
        }
        return sb.toString();
    }

    @Test
    void gridSweepOfFourJobsIsPreviewedCheckedAndSubmittedAsOneGroup() throws Exception {
        Display d = Display.getCurrent();
        ProfileConfig profile = clusterProfile();
        Path root = NewJobWizardTest.dataDir("ui-sweep-" + System.currentTimeMillis());
        List<Path> files = NewJobWizardTest.inputs(root.resolve("in"));
        String base = "ubq-" + Long.toString(System.currentTimeMillis(), 36);
        AtomicReference<NewSweepWizard> opened = new AtomicReference<>();

        List<Throwable> failures = UiTestSupport.onShell(d, NewSweepWizard.TITLE, shell -> {
            UiTestSupport.settle(d);
            NewSweepWizard w = wizard(shell);
            opened.set(w);
            NewJobWizardTest.resources(w.resourcesPage(), base, profile.name(), root.resolve("results"));
            NewJobWizardTest.press(shell, "Next >");
            NewJobWizardTest.configure(w.configurePage(), files);
            NewJobWizardTest.press(shell, "Next >");

            SweepPage sweep = WizardTestHooks.sweepPage(w);
            assertFalse(sweep.isPageComplete(), "no variable chosen yet");
            assertTrue(sweep.getErrorMessage().contains("Choose a variable"), sweep.getErrorMessage());
            assertFalse(UiTestSupport.findButton(shell, "Finish").isEnabled());
            // File variables are not offered (each job uploads the same files)
            assertTrue(List.of(WizardTestHooks.variableCombo(sweep, 0).getItems()).contains("temperature \u2014 Temperature (K)"),
                    List.of(WizardTestHooks.variableCombo(sweep, 0).getItems()).toString());
            assertTrue(List.of(WizardTestHooks.variableCombo(sweep, 0).getItems()).stream().noneMatch(s -> s.startsWith("structure_file")),
                    List.of(WizardTestHooks.variableCombo(sweep, 0).getItems()).toString());
            assertTrue(WizardTestHooks.selectVariable(sweep, 0, "temperature"), "variable temperature offered");
            sweep.valuesText(0).setText("300, 310");
            assertTrue(WizardTestHooks.selectVariable(sweep, 1, "langevin_damping"), "variable langevin_damping offered");
            sweep.valuesText(1).setText("1,5");
            assertTrue(sweep.isPageComplete(), sweep.shownProblems().toString());
            Table preview = WizardTestHooks.previewTable(sweep);
            assertEquals(List.of(base + "-temperature_300-langevin_damping_1", base + "-temperature_300-langevin_damping_5",
                    base + "-temperature_310-langevin_damping_1", base + "-temperature_310-langevin_damping_5"), column(preview, 0));
            assertEquals(List.of("300", "300", "310", "310"), column(preview, 1));
            assertEquals(List.of("1", "5", "1", "5"), column(preview, 2));
            assertEquals("4 jobs will be created and submitted as one group.", sweep.getMessage());

            // LIST pairs the values instead: 2 jobs
            WizardTestHooks.gridButton(sweep).setSelection(false);
            WizardTestHooks.listButton(sweep).setSelection(true);
            WizardTestHooks.listButton(sweep).notifyListeners(SWT.Selection, new Event());
            assertEquals(List.of(base + "-temperature_300-langevin_damping_1", base + "-temperature_310-langevin_damping_5"),
                    column(preview, 0));
            sweep.valuesText(1).setText("1,5,10");
            assertTrue(sweep.getErrorMessage().contains("same number of values"), sweep.getErrorMessage());
            sweep.valuesText(1).setText("1,5");
            WizardTestHooks.listButton(sweep).setSelection(false);
            WizardTestHooks.gridButton(sweep).setSelection(true);
            WizardTestHooks.gridButton(sweep).notifyListeners(SWT.Selection, new Event());
            assertEquals(4, preview.getItemCount());

            // a value outside the declared range is refused, naming the range
            Text temps = sweep.valuesText(0);
            temps.setText("300, 2000");
            assertEquals("Temperature (K): 'temperature' must be at most 1000, not 2000 (allowed: 0 to 1000)", sweep.getErrorMessage());
            assertFalse(sweep.isPageComplete());
            assertFalse(UiTestSupport.findButton(shell, "Finish").isEnabled());
            assertEquals(0, preview.getItemCount());
            temps.setText("abc");
            assertTrue(sweep.getErrorMessage().contains("must be a number, not 'abc'"), sweep.getErrorMessage());
            temps.setText("300, 310");
            assertEquals(4, preview.getItemCount());
            // values that are fine alone but make an invalid config: every job's config is rendered and checked
            // (dynamics instead of minimization, with a step count that is not a multiple of stepspercycle)
            assertTrue(WizardTestHooks.selectVariable(sweep, 1, "run_steps"), "variable run_steps offered");
            sweep.valuesText(1).setText("100, 15");
            assertTrue(WizardTestHooks.selectVariable(sweep, 2, "minimize_stage"), "variable minimize_stage offered");
            sweep.valuesText(2).setText("off");
            assertTrue(sweep.getErrorMessage() != null && sweep.getErrorMessage().contains("-run_steps_15-minimize_stage_off: ")
                    && sweep.getErrorMessage().contains("multiple of stepspercycle"), sweep.getErrorMessage());
            assertFalse(sweep.isPageComplete());
            assertEquals(0, preview.getItemCount());
            assertTrue(WizardTestHooks.selectVariable(sweep, 1, "langevin_damping"), "variable langevin_damping offered");
            sweep.valuesText(1).setText("1,5");
            sweep.valuesText(2).setText("");
            WizardTestHooks.variableCombo(sweep, 2).select(0);
            WizardTestHooks.variableCombo(sweep, 2).notifyListeners(SWT.Selection, new Event());
            assertEquals(4, preview.getItemCount());
            assertTrue(sweep.isPageComplete(), sweep.shownProblems().toString());
            NewJobWizardTest.shot(shell, "sweep-create");
            NewJobWizardTest.press(shell, "Finish");
        });
        List<String> errorDialogs = closeErrorDialogs(d, 300_000);
        MenuItem item = NewJobWizardTest.fileMenuItem("New Sweep");
        item.notifyListeners(SWT.Selection, new Event());
        UiTestSupport.waitUntil(d, 120_000, () -> opened.get() != null && opened.get().getShell() == null
                || !failures.isEmpty(), "sweep wizard opened from the menu, filled and finished");
        if (!failures.isEmpty()) {
            throw new AssertionError("filling the sweep wizard failed: " + failures.get(0), failures.get(0));
        }
        NewSweepWizard.CreateSweep create = opened.get().scheduledJob();
        assertNotNull(create, "Finish scheduled no job");
        UiTestSupport.waitUntil(d, 240_000, () -> create.getResult() != null, "sweep created and submitted");
        UiTestSupport.settle(d);
        assertTrue(create.getResult().isOK(), create.getResult() + " " + errorDialogs);
        assertTrue(errorDialogs.isEmpty(), errorDialogs.toString());
        assertEquals(4, create.jobs().size());
        String group = create.jobs().get(0).groupId();
        assertNotNull(group);
        List<Job> inGroup = NamdRunnerUi.store().jobs().list(JobQuery.all().withGroupId(group));
        assertEquals(4, inGroup.size());
        try {
            Set<String> names = inGroup.stream().map(Job::name).collect(Collectors.toSet());
            assertEquals(Set.of(base + "-temperature_300-langevin_damping_1", base + "-temperature_300-langevin_damping_5",
                    base + "-temperature_310-langevin_damping_1", base + "-temperature_310-langevin_damping_5"), names);
            for (Job j : inGroup) {
                assertNotNull(j.slurmJobId(), "Slurm id of " + j.name() + " (" + j.state() + ")");
                assertTrue(j.slurmJobId().matches("[0-9]+"), j.slurmJobId());
                assertEquals(CLUSTER_ID, j.profileId());
                assertEquals("compute", j.partition());
            }
            Job j3 = inGroup.stream().filter(j -> j.name().endsWith("temperature_310-langevin_damping_5")).findFirst().orElseThrow();
            assertEquals("310", j3.templateValues().get("temperature"));
            assertEquals("5", j3.templateValues().get("langevin_damping"));
            assertEquals("20", j3.templateValues().get("min_steps"), "the Configure page's values are shared");

            // the Jobs view lists them with their group
            JobsView v = NewJobWizardTest.jobsView();
            v.getFilterText().setText(base);
            v.reload();
            UiTestSupport.waitUntil(d, 10_000, () -> v.rowCount() == 4, "4 sweep rows");
            for (int i = 0; i < 4; i++) {
                String chain = v.getViewer().getTable().getItem(i).getText(JobsView.Column.CHAIN.ordinal());
                assertTrue(chain.contains("group"), chain);
            }
            v.getFilterText().setText("");
        } finally {
            // leave the single-node cluster free
            List<String> ids = inGroup.stream().map(j -> NamdRunnerUi.store().jobs().find(j.id()).orElseThrow().slurmJobId())
                    .filter(id -> id != null).toList();
            if (!ids.isEmpty()) {
                { // the shared session of the profile (not closed: others use it)
            ClusterSession s = org.namdrunner.ui.jobs.Engine.service().sessions().session(profile.id(), new NullProgressMonitor());
                    s.cancel(ids, new NullProgressMonitor());
                }
            }
        }
    }
}
