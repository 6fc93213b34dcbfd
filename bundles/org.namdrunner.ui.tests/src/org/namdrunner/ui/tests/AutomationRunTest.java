package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.ui.automations.AutomationTestHooks;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.JobQuery;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.automations.Automations;
import org.namdrunner.ui.automations.AutomationsView;
import org.namdrunner.ui.automations.RunAutomation;
import org.namdrunner.ui.automations.RunAutomationDialog;
import org.namdrunner.ui.views.JobsView;
import org.namdrunner.ui.views.ViewIds;
import org.namdrunner.workflow.AutomationLibrary;
import org.namdrunner.workflow.model.AutomationModel;

/**
 * Automations view > Run…: a 3-stage chain (each stage continues from the previous one's restart files) on the Local
 * profile with the test cluster's NAMD stand-in, driven from the workbench until every stage completed; the dialog
 * refuses an input folder that does not exist; the jobs show in the Jobs view.
 */
@Tag("ui")
class AutomationRunTest {

    static String template() {
        return String.join("\n",
                "# one short stage run by the NAMD stand-in",
                "#standin: sleepPerStep <<sleep>>",
                "#@var sleep type=Number default=0.02 min=0",
                "#@var steps type=Integer default=20 min=1",
                "#@var out type=Text",
                "structure mol.psf",
                "coordinates mol.pdb",
                "paraTypeCharmm on",
                "parameters par.prm",
                "exclude scaled1-4",
                "1-4scaling 1.0",
                "cutoff 12",
                "switching off",
                "timestep 1",
                "temperature 300",
                "outputName <<out>>",
                "restartfreq 10",
                "outputEnergies 2",
                "run <<steps>>",
                "");
    }

    @Test
    @Tag("cluster")
    void runsAThreeStageChainOnTheLocalProfileUntilEveryStageCompleted() throws Exception {
        Display d = Display.getCurrent();
        Path root = Files.createTempDirectory(Path.of(System.getProperty("namdrunner.data", System.getProperty("java.io.tmpdir"))),
                "automation-run");
        ProfileConfig profile = NewJobWizardTest.localProfile(root);
        Path inputs = Files.createDirectories(root.resolve("inputs"));
        Files.writeString(inputs.resolve("stage.namd"), template());
        for (String f : List.of("mol.psf", "mol.pdb", "par.prm")) {
            Files.writeString(inputs.resolve(f), f + "\n");
        }
        String id = "ui-run-" + UUID.randomUUID().toString().substring(0, 8);
        EObject a = AutomationModel.automation(id, "Three short stages", "UI test chain");
        EObject prev = null;
        for (String s : List.of("s1", "s2", "s3")) {
            Map<String, String> params = Map.of("template", "stage.namd", "configFile", s + ".namd", "cores", "1");
            prev = prev == null ? AutomationModel.addStep(a, s, "org.namdrunner.workflow.stage", s, params, Map.of("out", s))
                    : AutomationModel.addStep(a, s, "org.namdrunner.workflow.stage", s, params, Map.of("out", s), prev);
        }
        AutomationLibrary.importInto(NamdRunnerUi.store(), a);
        Automations.fireChanged();

        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        AutomationsView view = page.showView(ViewIds.AUTOMATIONS).getAdapter(AutomationsView.class);
        UiTestSupport.settle(d);
        view.refresh(id);
        assertTrue(AutomationTestHooks.getRunAction(view).isEnabled());

        String runName = "chain-" + id.substring(7);
        var failures = UiTestSupport.onShell(d, RunAutomationDialog.TITLE, shell -> {
            RunAutomationDialog dialog = (RunAutomationDialog) shell.getData();
            Button run = UiTestSupport.findButton(shell, RunAutomationDialog.RUN);
            assertNotNull(run);
            int pi = dialog.getProfileCombo().indexOf(profile.name());
            assertTrue(pi >= 0, "profile not offered: " + List.of(dialog.getProfileCombo().getItems()));
            dialog.getProfileCombo().select(pi);
            dialog.getProfileCombo().notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
            dialog.getNameText().setText(runName);
            AutomationTestHooks.getInputsText(dialog).setText(root.resolve("no-such-folder").toString());
            assertFalse(run.isEnabled(), "a missing input folder is refused");
            assertTrue(dialog.getErrorMessage().contains("does not exist"), dialog.getErrorMessage());
            AutomationTestHooks.getInputsText(dialog).setText(inputs.toString());
            AutomationTestHooks.getValuesText(dialog).setText("steps=20\nsleep=0.02\nnot a value");
            assertFalse(run.isEnabled(), "a value line without '=' is refused");
            AutomationTestHooks.getValuesText(dialog).setText("steps=20\nsleep=0.02");
            assertTrue(run.isEnabled(), String.valueOf(dialog.getErrorMessage()));
            UiTestSupport.screenshot(shell, "automation-run-dialog");
            UiTestSupport.click(run);
        });
        org.eclipse.core.runtime.jobs.Job job = view.run();
        assertTrue(failures.isEmpty(), failures.toString());
        assertNotNull(job, "Run scheduled no job");
        UiTestSupport.joinFamily(d, RunAutomation.FAMILY, 240_000);
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().getMessage());

        // every stage completed, each a job of its own named after the run
        List<Job> jobs = NamdRunnerUi.store().jobs().list(JobQuery.all().withText(runName + "-").page(0, 50));
        assertEquals(3, jobs.size(), jobs.toString());
        for (Job j : jobs) {
            assertEquals(JobState.COMPLETED, j.state(), j.name() + ": " + j.reason());
            assertEquals(profile.id(), j.profileId());
        }
        // and the Jobs view shows them
        JobsView jv = page.showView(ViewIds.JOBS).getAdapter(JobsView.class);
        jv.getFilterText().setText(runName + "-");
        jv.reload();
        UiTestSupport.waitUntil(d, 5000, () -> jv.rowCount() == 3, "3 stage rows");
        for (int i = 0; i < 3; i++) {
            assertEquals(JobState.COMPLETED.label(), jv.reveal(i).getText(JobsView.Column.STATUS.ordinal()));
        }
        UiTestSupport.screenshot(jv.getViewer().getTable().getShell(), "automation-run-jobs");
        jv.getFilterText().setText("");
        jv.reload();
        AutomationLibrary.removeImported(NamdRunnerUi.store(), id);
        Automations.fireChanged();
    }

    @Test
    void anInvalidAutomationIsRefusedBeforeAnythingIsAsked() throws Exception {
        Display d = Display.getCurrent();
        String id = "ui-bad-" + UUID.randomUUID().toString().substring(0, 8);
        EObject a = AutomationModel.automation(id, "Bad", "unknown step type");
        AutomationModel.addStep(a, "x", "no.such.step", "x", Map.of(), Map.of());
        AutomationLibrary.importInto(NamdRunnerUi.store(), a);
        Automations.fireChanged();
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        AutomationsView view = page.showView(ViewIds.AUTOMATIONS).getAdapter(AutomationsView.class);
        view.refresh(id);
        var pressed = UiTestSupport.pressWhenOpen(d, RunAutomationDialog.TITLE, IDialogConstants.OK_LABEL);
        assertEquals(null, view.run());
        assertTrue(pressed.get(), "the problems were shown in an error dialog");
        AutomationLibrary.removeImported(NamdRunnerUi.store(), id);
        Automations.fireChanged();
    }
}
