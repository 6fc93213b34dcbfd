package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.source.TextInvocationContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.ui.wizards.WizardTestHooks;
import org.namdrunner.ui.preferences.PreferenceTestHooks;
import org.namdrunner.ui.automations.AutomationTestHooks;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.remote.AuthMethod;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.Store;
import org.namdrunner.template.render.BuiltInTemplates;
import org.namdrunner.template.ui.NamdEditor;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.automations.Automations;
import org.namdrunner.ui.automations.AutomationsView;
import org.namdrunner.ui.automations.RunAutomation;
import org.namdrunner.ui.automations.RunAutomationDialog;
import org.namdrunner.ui.preferences.ClusterProfilesPreferencePage;
import org.namdrunner.ui.preferences.ProfileDialog;
import org.namdrunner.ui.remote.DialogUserInteraction;
import org.namdrunner.ui.remote.RemoteUi;
import org.namdrunner.ui.remote.WorkbenchSessions;
import org.namdrunner.ui.views.JobsView;
import org.namdrunner.ui.views.TemplatesView;
import org.namdrunner.ui.views.ViewIds;
import org.namdrunner.ui.wizards.NewJobWizard;
import org.namdrunner.ui.wizards.NewSweepWizard;
import org.namdrunner.ui.wizards.ResourcesPage;
import org.namdrunner.ui.wizards.SubmitJob;
import org.namdrunner.workflow.AutomationLibrary;
import org.namdrunner.workflow.model.AutomationModel;

/**
 * A new user's first hour, in one repeatable pass through the real workbench (the issue "A new user's first jobs"):
 * first start with no jobs → a job on this computer without NAMD (refused before anything is created) → a cluster
 * profile that logs in with a password → Discover → a job on the test cluster to Completed → a mistake in a
 * duplicated template and its quick fix → a sweep → an automation run. Each step leaves a screenshot
 * {@code walkthrough-NN-*.png} under target/screenshots.
 */
@Tag("ui")
@Tag("cluster")
class NewUserWalkthroughTest {

    static final String PROFILE_NAME = "My cluster";

    @AfterEach
    void cleanUp() throws Exception {
        Display d = Display.getCurrent();
        org.eclipse.core.runtime.jobs.Job.getJobManager().cancel(SubmitJob.FAMILY);
        UiTestSupport.joinFamily(d, SubmitJob.FAMILY, 60_000);
        RemoteUi.disconnectAll();
        ClusterProfileRegistry registry = WorkbenchSessions.registry();
        for (ProfileConfig p : registry.userProfiles()) {
            if (p.name().equals(PROFILE_NAME)) {
                registry.delete(p.id());
            }
        }
        UiTestSupport.settle(d);
    }

    @Test
    void aNewUsersFirstJobs() throws Exception {
        Display d = Display.getCurrent();
        Properties c = RemoteConsoleTest.cluster();
        Store store = NamdRunnerUi.store();
        Shell main = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Path root = NewJobWizardTest.dataDir("walkthrough-" + System.currentTimeMillis());
        List<Path> files = NewJobWizardTest.inputs(root.resolve("in"));

        // 1. first start: no jobs, the Jobs view says how to begin
        TestJobs.deleteAll(store);
        NamdRunnerUi.fireJobsChanged();
        JobsView jobs = NewJobWizardTest.jobsView();
        jobs.reload();
        UiTestSupport.settle(d);
        assertTrue(jobs.showsEmptyState(), "a first start shows the empty state");
        UiTestSupport.screenshot(main, "walkthrough-01-first-start");

        // 2. a job on this computer, which has no NAMD: the wizard says so; nothing is created
        boolean namdOnPath = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "namd3")) || Files.isExecutable(Path.of(dir, "namd2")));
        AtomicReference<NewJobWizard> first = new AtomicReference<>();
        List<Throwable> noNamd = UiTestSupport.onShell(d, NewJobWizard.TITLE, shell -> {
            UiTestSupport.settle(d);
            NewJobWizard w = NewJobWizardTest.wizard(shell);
            first.set(w);
            ResourcesPage res = w.resourcesPage();
            res.nameText().setText("my first job");
            NewJobWizardTest.select(res.profileCombo(), "This computer  (built-in)");
            WizardTestHooks.resultsText(res).setText(root.resolve("results").toString());
            if (!namdOnPath) {
                assertTrue(res.shownProblems().stream().anyMatch(m -> m.contains("cannot run NAMD")), res.shownProblems().toString());
                assertFalse(res.isPageComplete(), "a profile that cannot start NAMD cannot be used");
            }
            UiTestSupport.screenshot(shell, "walkthrough-02-no-namd");
            NewJobWizardTest.press(shell, "Cancel");
        });
        NewJobWizardTest.fileMenuItem("New Job").notifyListeners(SWT.Selection, new Event());
        UiTestSupport.waitUntil(d, 60_000, () -> first.get() != null && first.get().getShell() == null || !noNamd.isEmpty(),
                "the wizard opened and was cancelled");
        assertTrue(noNamd.isEmpty(), noNamd.toString());
        assertEquals(0, store.jobs().count(JobQuery.all()), "nothing was created");

        // 3. a cluster profile that logs in with a password, filled by Discover
        AtomicInteger passwordPrompts = new AtomicInteger();
        AtomicBoolean answering = answerPasswordPrompts(d, c.getProperty("password"), passwordPrompts);
        try {
            PreferenceDialog prefs = PreferencesUtil.createPreferenceDialogOn(main, ClusterProfilesPreferencePage.ID, null, null);
            prefs.setBlockOnOpen(false);
            prefs.open();
            UiTestSupport.settle(d);
            ClusterProfilesPreferencePage profiles = assertInstanceOf(ClusterProfilesPreferencePage.class, prefs.getSelectedPage());
            List<Throwable> added = UiTestSupport.onShell(d, ProfileDialog.TITLE_NEW, s -> {
                ProfileDialog pd = (ProfileDialog) s.getData();
                pd.getNameText().setText(PROFILE_NAME);
                PreferenceTestHooks.getHostText(pd).setText(c.getProperty("host"));
                PreferenceTestHooks.getPortText(pd).setText(c.getProperty("port"));
                PreferenceTestHooks.getUserText(pd).setText(c.getProperty("user"));
                PreferenceTestHooks.getProjectRootText(pd).setText(c.getProperty("projectRoot"));
                PreferenceTestHooks.getLoginCombo(pd).select(AuthMethod.PASSWORD.ordinal());
                PreferenceTestHooks.getLoginCombo(pd).notifyListeners(SWT.Selection, new Event());
                PreferenceTestHooks.getPropertiesText(pd).setText("knownHosts=" + c.getProperty("knownHosts") + "\nsshConfig=none\n");
                UiTestSupport.click(PreferenceTestHooks.getDiscoverButton(pd));
                UiTestSupport.waitUntil(d, 120_000, () -> org.eclipse.core.runtime.jobs.Job.getJobManager()
                        .find(ProfileDialog.class).length == 0, "discovery");
                UiTestSupport.settle(d);
                assertTrue(PreferenceTestHooks.getDiscoverStatus(pd).getText().startsWith("Found "), PreferenceTestHooks.getDiscoverStatus(pd).getText());
                assertTrue(PreferenceTestHooks.getPartitionRows(pd).stream().anyMatch(r -> r[0].equals("compute")), "partitions discovered");
                UiTestSupport.screenshot(s, "walkthrough-03-discovered");
                UiTestSupport.click(UiTestSupport.findButton(s, ProfileDialog.SAVE_BUTTON));
            });
            UiTestSupport.click(profiles.getAddButton());
            assertTrue(added.isEmpty(), added.toString());
            prefs.close();
            assertTrue(passwordPrompts.get() >= 1, "Discover asked for the password");
            ProfileConfig mine = WorkbenchSessions.registry().userProfiles().stream().filter(p -> p.name().equals(PROFILE_NAME))
                    .findFirst().orElseThrow();
            assertEquals(AuthMethod.PASSWORD, AuthMethod.parse(mine.properties().get("authMethod")));

            // 4. the first job on the cluster, to Completed and downloaded
            AtomicReference<NewJobWizard> second = new AtomicReference<>();
            String jobName = "first cluster job " + System.currentTimeMillis();
            List<Throwable> created = UiTestSupport.onShell(d, NewJobWizard.TITLE, shell -> {
                UiTestSupport.settle(d);
                NewJobWizard w = NewJobWizardTest.wizard(shell);
                second.set(w);
                NewJobWizardTest.resources(w.resourcesPage(), jobName, PROFILE_NAME, root.resolve("results"));
                NewJobWizardTest.press(shell, "Next >");
                NewJobWizardTest.configure(w.configurePage(), files);
                NewJobWizardTest.press(shell, "Next >");
                UiTestSupport.screenshot(shell, "walkthrough-04-review");
                NewJobWizardTest.press(shell, "Finish");
            });
            NewJobWizardTest.fileMenuItem("New Job").notifyListeners(SWT.Selection, new Event());
            UiTestSupport.waitUntil(d, 120_000, () -> second.get() != null && second.get().getShell() == null || !created.isEmpty(),
                    "the wizard filled and finished");
            assertTrue(created.isEmpty(), created.toString());
            SubmitJob submit = second.get().scheduledJob();
            assertNotNull(submit, "Finish scheduled no job");
            UiTestSupport.waitUntil(d, 120_000, () -> submit.getResult() != null, "the job submitted");
            assertTrue(submit.getResult().isOK(), submit.getResult().toString());
            Job job = submit.job();
            UiTestSupport.waitUntil(d, 300_000, () -> {
                syncNowAndThen();
                return NewJobWizardTest.stored(job.id()).state().isTerminal();
            }, "the cluster job to end");
            assertEquals(JobState.COMPLETED, NewJobWizardTest.stored(job.id()).state(), NewJobWizardTest.stored(job.id()).reason());
            jobs.reload();
            UiTestSupport.settle(d);
            UiTestSupport.screenshot(main, "walkthrough-05-cluster-job");

            // 5. a mistake in a duplicated template, seen at once and repaired with its quick fix
            TemplatesView templates = page.showView(ViewIds.TEMPLATES).getAdapter(TemplatesView.class);
            templates.select(BuiltInTemplates.VACUUM_OPTIMIZATION_V1);
            assertNotNull(templates.duplicate());
            NamdEditor editor = assertInstanceOf(NamdEditor.class, page.getActiveEditor());
            IDocument doc = editor.viewer().getDocument();
            int at = doc.get().indexOf("\ncutoff ") + 1;
            doc.replace(at, "cutoff".length(), "cutof");
            UiTestSupport.waitUntil(d, 30_000, () -> problems(editor) > 0, "the mistake marked");
            UiTestSupport.screenshot(main, "walkthrough-06-mistake");
            // the proposals Ctrl+1 shows: the editor's own quick-assist processor
            var quickAssist = ((org.eclipse.jface.text.source.ISourceViewerExtension3) editor.viewer()).getQuickAssistAssistant()
                    .getQuickAssistProcessor();
            ICompletionProposal fix = Arrays.stream(quickAssist
                    .computeQuickAssistProposals(new TextInvocationContext(editor.viewer(), at + 2, -1)))
                    .filter(p -> p.getDisplayString().equals("Change to 'cutoff'")).findFirst()
                    .orElseThrow(() -> new AssertionError("no quick fix 'Change to 'cutoff''"));
            fix.apply(doc);
            UiTestSupport.waitUntil(d, 30_000, () -> problems(editor) == 0, "the mark gone after the fix");
            editor.doSave(new org.eclipse.core.runtime.NullProgressMonitor());
            assertFalse(editor.isDirty(), "saved without a question: no errors left");
            page.closeEditor(editor, false);

            // 6. a sweep of two temperatures on the cluster
            AtomicReference<NewSweepWizard> sweepWizard = new AtomicReference<>();
            String base = "first-sweep-" + Long.toString(System.currentTimeMillis(), 36);
            List<Throwable> swept = UiTestSupport.onShell(d, NewSweepWizard.TITLE, shell -> {
                UiTestSupport.settle(d);
                NewSweepWizard w = NewSweepWizardTest.wizard(shell);
                sweepWizard.set(w);
                NewJobWizardTest.resources(w.resourcesPage(), base, PROFILE_NAME, root.resolve("results"));
                NewJobWizardTest.press(shell, "Next >");
                NewJobWizardTest.configure(w.configurePage(), files);
                NewJobWizardTest.press(shell, "Next >");
                assertTrue(WizardTestHooks.selectVariable(WizardTestHooks.sweepPage(w), 0, "temperature"));
                WizardTestHooks.sweepPage(w).valuesText(0).setText("300, 310");
                assertTrue(WizardTestHooks.sweepPage(w).isPageComplete(), WizardTestHooks.sweepPage(w).shownProblems().toString());
                UiTestSupport.screenshot(shell, "walkthrough-07-sweep");
                NewJobWizardTest.press(shell, "Finish");
            });
            NewJobWizardTest.fileMenuItem("New Sweep").notifyListeners(SWT.Selection, new Event());
            UiTestSupport.waitUntil(d, 120_000, () -> sweepWizard.get() != null && sweepWizard.get().getShell() == null
                    || !swept.isEmpty(), "the sweep wizard filled and finished");
            assertTrue(swept.isEmpty(), swept.toString());
            NewSweepWizard.CreateSweep sweep = sweepWizard.get().scheduledJob();
            UiTestSupport.waitUntil(d, 240_000, () -> sweep.getResult() != null, "the sweep created");
            assertTrue(sweep.getResult().isOK(), sweep.getResult().toString());
            List<String> sweepIds = sweep.jobs().stream().map(Job::id).toList();
            assertEquals(2, sweepIds.size());
            UiTestSupport.waitUntil(d, 300_000, () -> {
                syncNowAndThen();
                return sweepIds.stream().allMatch(id -> NewJobWizardTest.stored(id).state().isTerminal());
            }, "both sweep jobs to end");
            for (String id : sweepIds) {
                assertEquals(JobState.COMPLETED, NewJobWizardTest.stored(id).state(), NewJobWizardTest.stored(id).reason());
            }

            // 7. an automation of two stages, run on the cluster from the Automations view
            Path inputs = Files.createDirectories(root.resolve("automation-inputs"));
            Files.writeString(inputs.resolve("stage.namd"), AutomationRunTest.template());
            for (String f : List.of("mol.psf", "mol.pdb", "par.prm")) {
                Files.writeString(inputs.resolve(f), f + "\n");
            }
            String id = "walkthrough-" + Long.toString(System.currentTimeMillis(), 36);
            EObject a = AutomationModel.automation(id, "Two short stages", "walkthrough");
            Map<String, String> params = Map.of("template", "stage.namd", "cores", "1", "partition", "compute",
                    "wallTimeMinutes", "10");
            EObject s1 = AutomationModel.addStep(a, "s1", "org.namdrunner.workflow.stage", "s1", params, Map.of("out", "s1"));
            AutomationModel.addStep(a, "s2", "org.namdrunner.workflow.stage", "s2", params, Map.of("out", "s2"), s1);
            AutomationLibrary.importInto(store, a);
            Automations.fireChanged();
            AutomationsView automations = page.showView(ViewIds.AUTOMATIONS).getAdapter(AutomationsView.class);
            UiTestSupport.settle(d);
            automations.refresh(id);
            List<Throwable> ran = UiTestSupport.onShell(d, RunAutomationDialog.TITLE, shell -> {
                RunAutomationDialog dialog = (RunAutomationDialog) shell.getData();
                // a cluster is offered first (other tests in this workbench may have connected the test preset too)
                String offered = dialog.getProfileCombo().getText();
                assertTrue(WorkbenchSessions.registry().all().stream().filter(p -> p.name().equals(offered))
                        .anyMatch(WorkbenchSessions::needsConnection), "a cluster profile is offered first: " + offered);
                dialog.getProfileCombo().select(java.util.Arrays.asList(dialog.getProfileCombo().getItems()).indexOf(PROFILE_NAME));
                dialog.getNameText().setText("first-run");
                AutomationTestHooks.getInputsText(dialog).setText(inputs.toString());
                AutomationTestHooks.getValuesText(dialog).setText("steps=20\nsleep=0.01");
                UiTestSupport.screenshot(shell, "walkthrough-08-automation");
                UiTestSupport.click(UiTestSupport.findButton(shell, RunAutomationDialog.RUN));
            });
            org.eclipse.core.runtime.jobs.Job run = automations.run();
            assertTrue(ran.isEmpty(), ran.toString());
            assertNotNull(run, "Run scheduled no job");
            UiTestSupport.joinFamily(d, RunAutomation.FAMILY, 420_000);
            assertEquals(IStatus.OK, run.getResult().getSeverity(), run.getResult().getMessage());
            jobs.reload();
            UiTestSupport.settle(d);
            UiTestSupport.screenshot(main, "walkthrough-09-done");
        } finally {
            answering.set(false);
        }
    }

    private long lastSync;

    /** What the Sync button does, at most every 3 s while a test waits (not once per poll of the wait). */
    private void syncNowAndThen() {
        if (System.currentTimeMillis() - lastSync > 3000
                && org.eclipse.core.runtime.jobs.Job.getJobManager().find(org.namdrunner.ui.handlers.SyncHandler.class).length == 0) {
            lastSync = System.currentTimeMillis();
            org.namdrunner.ui.handlers.SyncHandler.schedule(false);
        }
    }

    /** Problem annotations in the editor's model. */
    private static int problems(NamdEditor editor) {
        int n = 0;
        var it = editor.viewer().getAnnotationModel().getAnnotationIterator();
        while (it.hasNext()) {
            if (it.next() instanceof org.namdrunner.template.ui.NamdProblemAnnotation) {
                n++;
            }
        }
        return n;
    }

    /** Answers every "Password Required" dialog with {@code password} (not saved) until the flag is cleared. */
    static AtomicBoolean answerPasswordPrompts(Display d, String password, AtomicInteger count) {
        AtomicBoolean on = new AtomicBoolean(true);
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            if (!on.get()) {
                return;
            }
            for (Shell s : d.getShells()) {
                if (!s.isDisposed() && s.isVisible() && DialogUserInteraction.PASSWORD_TITLE.equals(s.getText())) {
                    Text field = RemoteConsoleTest.passwordField(s);
                    if (field != null) {
                        field.setText(password);
                        count.incrementAndGet();
                        UiTestSupport.click(UiTestSupport.findButton(s, "OK"));
                    }
                }
            }
            d.timerExec(100, poll[0]);
        };
        d.timerExec(100, poll[0]);
        return on;
    }
}
