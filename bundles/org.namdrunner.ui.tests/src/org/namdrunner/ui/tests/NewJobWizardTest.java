package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.ui.wizards.WizardTestHooks;
import org.namdrunner.ui.views.ViewTestHooks;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.local.LocalProfileType;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.template.render.BuiltInTemplates;
import org.namdrunner.testing.TestCluster;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.handlers.SyncHandler;
import org.namdrunner.ui.jobs.JobFormat;
import org.namdrunner.ui.remote.RemoteUi;
import org.namdrunner.ui.remote.WorkbenchSessions;
import org.namdrunner.ui.views.JobsView;
import org.namdrunner.ui.views.ViewIds;
import org.namdrunner.ui.wizards.ConfigurePage;
import org.namdrunner.ui.wizards.NewJobWizard;
import org.namdrunner.ui.wizards.ResourcesPage;
import org.namdrunner.ui.wizards.ReviewPage;
import org.namdrunner.ui.wizards.SubmitJob;

/**
 * The Create Job wizard in the real workbench: opened with Ctrl+N and with File > New Job, pages filled through
 * their widgets, live validation messages, Finish on a Local profile (NAMD stand-in of the test cluster on this
 * machine) to COMPLETED in the Jobs view, and on the test cluster to a Slurm id; Sync updates "Last sync".
 */
@Tag("ui")
@Tag("cluster")
class NewJobWizardTest {

    static final String LOCAL_ID = "ui-wizard-local";
    static final String CLUSTER_ID = "ui-wizard-cluster";

    @AfterEach
    void cleanUp() throws Exception {
        Display d = Display.getCurrent();
        org.eclipse.core.runtime.jobs.Job.getJobManager().cancel(SubmitJob.FAMILY);
        UiTestSupport.joinFamily(d, SubmitJob.FAMILY, 60_000);
        RemoteUi.disconnectAll();
        UiTestSupport.settle(d);
        ClusterProfileRegistry registry = WorkbenchSessions.registry();
        registry.delete(LOCAL_ID);
        registry.delete(CLUSTER_ID);
    }

    static Path dataDir(String name) throws Exception {
        return Files.createDirectories(Path.of(System.getProperty("namdrunner.data", "target/data")).resolve(name)
                .toAbsolutePath());
    }

    /**
     * Input files of the vacuum template: real-format PSF, PDB and CHARMM parameters (testdata/inputs, 24 atoms), since
     * the Configure page reads them against each other; the stand-in NAMD only needs them to exist.
     */
    static List<Path> inputs(Path dir) throws Exception {
        List<Path> out = new ArrayList<>();
        Path testdata = Path.of(System.getProperty("namdrunner.testdata", "../../testdata"), "inputs");
        Map<String, String> copies = new java.util.LinkedHashMap<>();
        copies.put("ubq.psf", "demo_water.psf");
        copies.put("ubq.pdb", "demo_water.pdb");
        copies.put("par_all36m_prot.prm", "demo_water.prm");
        for (Map.Entry<String, String> e : copies.entrySet()) {
            out.add(Files.copy(testdata.resolve(e.getValue()), Files.createDirectories(dir).resolve(e.getKey()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING));
        }
        return out;
    }

    /** A copy of a PDB beside it, {@code short.pdb}, without atom 24 (the last of the test's inputs). */
    static Path withoutLastAtom(Path pdb) {
        try {
            return Files.write(pdb.resolveSibling("short.pdb"),
                    Files.readAllLines(pdb).stream().filter(l -> !l.startsWith("ATOM     24 ")).toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ProfileConfig localProfile(Path root) throws Exception {
        Properties p = RemoteConsoleTest.cluster();
        String standin = p.getProperty("stateDir") + "/software/namd/3.0/bin/namd3";
        assertTrue(Files.isExecutable(Path.of(standin)), "NAMD stand-in of the test cluster missing: " + standin);
        ClusterProfileRegistry registry = WorkbenchSessions.registry();
        ProfileConfig preset = registry.get(ClusterProfileRegistry.DEFAULT_PROFILE_ID);
        assertEquals(LocalProfileType.TYPE_ID, preset.typeId());
        registry.delete(LOCAL_ID);
        return registry.add(preset.toBuilder().id(LOCAL_ID).name("This computer (UI test)").preset(false).contributor(null)
                .projectRoot(root.resolve("jobs").toString()).scratchRoot(root.resolve("scratch").toString())
                .modules(List.of(new NamdModule("", "3.0", standin))).build());
    }

    static ProfileConfig clusterProfile() throws Exception {
        Properties p = RemoteConsoleTest.cluster();
        ClusterProfileRegistry registry = WorkbenchSessions.registry();
        ProfileConfig preset = registry.get(TestCluster.PRESET_ID);
        registry.delete(CLUSTER_ID);
        return registry.add(preset.toBuilder().id(CLUSTER_ID).name("Test cluster (UI test)").preset(false).contributor(null)
                .host(p.getProperty("host")).port(Integer.parseInt(p.getProperty("port"))).userRule(p.getProperty("user"))
                .projectRoot(p.getProperty("projectRoot")).scratchRoot(p.getProperty("scratchRoot"))
                .property("authMethod", "PUBLIC_KEY").property("keyFile", p.getProperty("keyFile"))
                .property("knownHosts", p.getProperty("knownHosts")).property("sshConfig", "none").build());
    }

    static NewJobWizard wizard(Shell shell) {
        WizardDialog dialog = (WizardDialog) shell.getData();
        return (NewJobWizard) dialog.getCurrentPage().getWizard();
    }

    static void select(Combo combo, String prefix) {
        for (int i = 0; i < combo.getItemCount(); i++) {
            if (combo.getItem(i).startsWith(prefix)) {
                combo.select(i);
                combo.notifyListeners(SWT.Selection, new Event());
                return;
            }
        }
        throw new AssertionError("no item '" + prefix + "' in " + List.of(combo.getItems()));
    }

    /** Fills the Resources page: name, profile, partition compute, 1 core, 10 minutes, the results folder. */
    static void resources(ResourcesPage res, String name, String profileName, Path results) {
        res.nameText().setText(name);
        select(res.profileCombo(), profileName);
        select(WizardTestHooks.partitionCombo(res), "compute");
        set(WizardTestHooks.coresSpinner(res), 1);
        set(WizardTestHooks.hoursSpinner(res), 0);
        set(WizardTestHooks.minutesSpinner(res), 10);
        WizardTestHooks.resultsText(res).setText(results.toString());
        assertTrue(res.isPageComplete(), res.shownProblems().toString());
    }

    static void set(Spinner s, int value) {
        s.setSelection(value);
        s.notifyListeners(SWT.Modify, new Event());
    }

    static void press(Shell shell, String label) {
        Button b = UiTestSupport.findButton(shell, label);
        assertNotNull(b, "no button " + label);
        assertTrue(b.isEnabled(), label + " is disabled");
        Display d = shell.getDisplay();
        UiTestSupport.click(b);
        UiTestSupport.settle(d);
    }

    /** Fills the Configure page with the vacuum template, a short minimization and the local files. */
    static void configure(ConfigurePage page, List<Path> files) {
        assertTrue(WizardTestHooks.selectTemplate(page, BuiltInTemplates.VACUUM_OPTIMIZATION_V1));
        // live validation: a value outside the declared range is named with its limit
        Text temperature = (Text) page.input("temperature");
        temperature.setText("-5");
        assertTrue(page.shownProblems().stream().anyMatch(m -> m.contains("'temperature' must be at least 0, not -5")),
                page.shownProblems().toString());
        assertFalse(page.isPageComplete());
        temperature.setText("300");
        // input files the config reads but nobody chose are errors (the job would stop on them) ...
        assertTrue(page.shownProblems().stream().anyMatch(m -> m.startsWith("Structure (PSF): no local file chosen")),
                page.shownProblems().toString());
        assertFalse(page.isPageComplete());
        // ... unless the user says they are on the cluster already
        WizardTestHooks.filesOnClusterButton(page).setSelection(true);
        WizardTestHooks.filesOnClusterButton(page).notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        assertTrue(page.isPageComplete(), page.shownProblems().toString());
        WizardTestHooks.filesOnClusterButton(page).setSelection(false);
        WizardTestHooks.filesOnClusterButton(page).notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        assertFalse(page.isPageComplete());
        ((Text) page.input("structure_file")).setText(files.get(0).toString());
        ((Text) page.input("coordinates_file")).setText(files.get(1).toString());
        assertEquals("Coordinates (PDB), 2.0 KB", page.note("coordinates_file").getText());
        // a structure file where coordinates belong is refused by its ending
        ((Text) page.input("coordinates_file")).setText(files.get(0).toString());
        assertTrue(page.shownProblems().stream().anyMatch(m -> m.contains("ubq.psf is a structure (psf) file")
                && m.contains(".pdb")), page.shownProblems().toString());
        // the files are read, not only their endings: a PDB with an atom less than the PSF is an error naming both
        Path shortPdb = withoutLastAtom(files.get(1));
        ((Text) page.input("coordinates_file")).setText(shortPdb.toString());
        assertTrue(page.shownProblems().contains("coordinates short.pdb has 23 atoms, but structure ubq.psf has 24 "
                + "(NAMD: Number of pdb and psf atoms are not the same!)"), page.shownProblems().toString());
        assertFalse(page.isPageComplete());
        ((Text) page.input("coordinates_file")).setText(files.get(1).toString());
        ((Text) page.input("parameter_file")).setText(files.get(2).toString());
        assertEquals("Force-field parameters, 515 B", page.note("parameter_file").getText());
        set((Spinner) page.input("min_steps"), 20);
        set((Spinner) page.input("energy_freq"), 5);
        set((Spinner) page.input("dcd_freq"), 10);
        set((Spinner) page.input("restart_freq"), 10);
        ((Text) page.input("output_name")).setText("vac");
        Button minimize = (Button) page.input("minimize_stage");
        assertTrue(minimize.getSelection(), "Boolean default on shows as a checked box");
        assertTrue(page.isPageComplete(), page.shownProblems().toString());
        assertTrue(page.shownProblems().stream().noneMatch(m -> m.contains("must")), page.shownProblems().toString());
    }

    static void checkReview(ReviewPage review, String scriptLine) {
        String config = WizardTestHooks.configText(review).getText();
        assertTrue(config.contains("minimize        20") && config.contains("structure           ubq.psf")
                && config.contains("temperature         300"), config);
        assertTrue(config.lines().noneMatch(l -> l.startsWith("#@var")) && !config.matches("(?s).*<<\\s*\\w+\\s*>>.*"), config);
        String script = review.scriptText().getText();
        assertTrue(script.contains(scriptLine), script);
        assertEquals(4, WizardTestHooks.filesTable(review).getItemCount(), "3 inputs + the rendered config");
        assertEquals("ubq.psf", WizardTestHooks.filesTable(review).getItem(0).getText(0));
        assertEquals("Structure (PSF)", WizardTestHooks.filesTable(review).getItem(0).getText(1));
        assertEquals("2.5 KB", WizardTestHooks.filesTable(review).getItem(0).getText(2));
    }

    static JobsView jobsView() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        IViewPart part = page.showView(ViewIds.JOBS);
        return part.getAdapter(JobsView.class);
    }

    static Job stored(String jobId) {
        return NamdRunnerUi.store().jobs().find(jobId).orElseThrow();
    }

    @Test
    void ctrlNCreatesAJobOnTheLocalProfileThatCompletes() throws Exception {
        Display d = Display.getCurrent();
        Path root = dataDir("ui-wizard-local-" + System.currentTimeMillis());
        ProfileConfig profile = localProfile(root);
        List<Path> files = inputs(root.resolve("in"));
        String name = "wizard local " + System.currentTimeMillis();
        AtomicReference<NewJobWizard> opened = new AtomicReference<>();

        List<Throwable> failures = UiTestSupport.onShell(d, NewJobWizard.TITLE, shell -> {
            UiTestSupport.settle(d);
            NewJobWizard w = wizard(shell);
            opened.set(w);
            ResourcesPage res = w.resourcesPage();
            // a fresh wizard asks for the name; it does not greet the user with an error
            assertFalse(res.isPageComplete());
            assertTrue(res.getErrorMessage() == null || !res.getErrorMessage().contains("name"), res.getErrorMessage());
            res.nameText().setText(name);
            // the shipped Local preset runs NAMD from PATH: without one the wizard says so before anything is created
            select(res.profileCombo(), "This computer  (built-in)");
            boolean namdOnPath = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                    .filter(dir -> !dir.isBlank())
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, "namd3")) || Files.isExecutable(Path.of(dir, "namd2")));
            assertEquals(!namdOnPath, res.shownProblems().stream().anyMatch(m -> m.startsWith("This computer cannot run NAMD: no NAMD executable")),
                    res.shownProblems().toString());
            select(res.profileCombo(), profile.name());
            assertEquals("local", WizardTestHooks.partitionCombo(res).getText().strip().split(" ")[0]);
            set(WizardTestHooks.coresSpinner(res), 1);
            set(WizardTestHooks.hoursSpinner(res), 0);
            set(WizardTestHooks.minutesSpinner(res), 10);
            WizardTestHooks.resultsText(res).setText(root.resolve("results").toString());
            assertTrue(res.isPageComplete(), res.shownProblems().toString());
            assertEquals("Estimated cost: 0.2 core-hours.", res.getMessage());
            press(shell, "Next >");
            configure(w.configurePage(), files);
            press(shell, "Next >");
            // the Local profile's own description of what runs (its type's script preview), not a Slurm script
            checkReview(WizardTestHooks.reviewPage(w), "Cores:           1");
            press(shell, "Finish");
        });
        // Ctrl+N, typed as a user would
        Shell main = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        main.forceActive();
        UiTestSupport.settle(d);
        postKey(d, SWT.CTRL, 'n');
        UiTestSupport.waitUntil(d, 120_000, () -> opened.get() != null && opened.get().getShell() == null
                || !failures.isEmpty(), "wizard opened with Ctrl+N, filled and finished");
        assertTrue(failures.isEmpty(), failures.toString());
        SubmitJob submit = opened.get().scheduledJob();
        assertNotNull(submit, "Finish scheduled no job");
        UiTestSupport.waitUntil(d, 60_000, () -> submit.getResult() != null, "submit job to end");
        assertTrue(submit.getResult().isOK(), submit.getResult().toString());
        Job job = submit.job();
        assertNotNull(job.slurmJobId(), "local job id");
        UiTestSupport.waitUntil(d, 120_000, () -> stored(job.id()).state().isTerminal(), "job to end");
        assertEquals(JobState.COMPLETED, stored(job.id()).state(), stored(job.id()).reason());
        UiTestSupport.joinFamily(d, SubmitJob.FAMILY, 60_000);

        // the Jobs view shows it completed
        JobsView v = jobsView();
        v.getFilterText().setText(name);
        v.reload();
        UiTestSupport.waitUntil(d, 10_000, () -> v.rowCount() == 1, "job row");
        assertEquals(name, v.getViewer().getTable().getItem(0).getText(JobsView.Column.NAME.ordinal()));
        assertEquals(JobState.COMPLETED.label(), v.getViewer().getTable().getItem(0).getText(JobsView.Column.STATUS.ordinal()));
        v.getFilterText().setText("");
        // logs and results were downloaded into the results folder
        Path results = root.resolve("results").resolve(org.namdrunner.cluster.Names.slug(name) + "-" + job.id().substring(0, 8));
        assertTrue(Files.readString(results.resolve("logs/namd.log")).contains("End of program"),
                "NAMD log downloaded into " + results);
        assertTrue(Files.isRegularFile(results.resolve("output/vac.coor")), "results downloaded into " + results);
    }

    /** Presses a key combination through the display (the X server sees real key events). */
    static void postKey(Display d, int modifier, char key) {
        Event e = new Event();
        e.type = SWT.KeyDown;
        e.keyCode = modifier;
        d.post(e);
        e = new Event();
        e.type = SWT.KeyDown;
        e.character = key;
        d.post(e);
        e = new Event();
        e.type = SWT.KeyUp;
        e.character = key;
        d.post(e);
        e = new Event();
        e.type = SWT.KeyUp;
        e.keyCode = modifier;
        d.post(e);
    }

    @Test
    void menuNewJobValidatesAgainstThePartitionAndSubmitsToTheTestCluster() throws Exception {
        Display d = Display.getCurrent();
        ProfileConfig profile = clusterProfile();
        Path root = dataDir("ui-wizard-cluster-" + System.currentTimeMillis());
        List<Path> files = inputs(root.resolve("in"));
        String name = "wizard cluster " + System.currentTimeMillis();
        AtomicReference<NewJobWizard> opened = new AtomicReference<>();
        Instant start = Instant.now();

        List<Throwable> failures = UiTestSupport.onShell(d, NewJobWizard.TITLE, shell -> {
            UiTestSupport.settle(d);
            NewJobWizard w = wizard(shell);
            opened.set(w);
            ResourcesPage res = w.resourcesPage();
            res.nameText().setText(name);
            select(res.profileCombo(), profile.name());
            assertTrue(WizardTestHooks.limitsLabel(res).getText().contains("max cores 2"), WizardTestHooks.limitsLabel(res).getText());
            // over the partition's limits: the messages name the limit
            set(WizardTestHooks.coresSpinner(res), 4);
            assertEquals("4 cores requested, but partition 'compute' allows at most 2 cores per job (max cores)",
                    res.getErrorMessage());
            assertFalse(res.isPageComplete());
            select(WizardTestHooks.partitionCombo(res), "debug");
            set(WizardTestHooks.coresSpinner(res), 1);
            set(WizardTestHooks.minutesSpinner(res), 30);
            assertTrue(res.getErrorMessage() != null && res.getErrorMessage().contains("(max wall time)")
                    && res.getErrorMessage().contains("at most 2 min"), res.getErrorMessage());
            // GPUs only where the partition has them (test cluster: compute and debug gpu:standin:2, cpu none)
            select(WizardTestHooks.partitionCombo(res), "cpu");
            assertFalse(WizardTestHooks.gpusSpinner(res).isEnabled());
            assertTrue(WizardTestHooks.gpuHint(res).getText().contains("partition 'cpu' has no GPUs"), WizardTestHooks.gpuHint(res).getText());
            select(WizardTestHooks.partitionCombo(res), "compute");
            assertTrue(WizardTestHooks.gpusSpinner(res).isEnabled());
            assertEquals(2, WizardTestHooks.gpusSpinner(res).getMaximum());
            assertEquals(List.of("any", "standin"), List.of(WizardTestHooks.gpuTypeCombo(res).getItems()));
            assertTrue(WizardTestHooks.limitsLabel(res).getText().contains("2 GPUs per node (standin)"), WizardTestHooks.limitsLabel(res).getText());
            WizardTestHooks.memoryText(res).setText("lots");
            assertTrue(res.shownProblems().contains("Memory 'lots' is not a size like 4GB or 500MB"), res.shownProblems().toString());
            WizardTestHooks.memoryText(res).setText("1GB");
            set(WizardTestHooks.coresSpinner(res), 2);
            set(WizardTestHooks.hoursSpinner(res), 0);
            set(WizardTestHooks.minutesSpinner(res), 10);
            set(WizardTestHooks.prioritySpinner(res), 4);
            WizardTestHooks.resultsText(res).setText(root.resolve("results").toString());
            assertTrue(res.isPageComplete(), res.shownProblems().toString());
            assertEquals("Estimated cost: 0.3 core-hours.", res.getMessage());
            // issue 17: the cost under the wall time (no GPUs asked: no GPU-hours)
            assertTrue(WizardTestHooks.estimateText(res).startsWith("Costs 0.3 core-hours."), WizardTestHooks.estimateText(res));
            assertFalse(WizardTestHooks.estimateText(res).contains("GPU-hours"), WizardTestHooks.estimateText(res));
            set(WizardTestHooks.gpusSpinner(res), 1);
            assertTrue(WizardTestHooks.estimateText(res).matches("Costs 0\\.3 core-hours \\(0\\.[23] GPU-hours\\)\\..*"), WizardTestHooks.estimateText(res));
            set(WizardTestHooks.gpusSpinner(res), 0);
            shotLightAndDark(shell, "wizard-resources");
            press(shell, "Next >");
            configure(w.configurePage(), files);
            shotLightAndDark(shell, "wizard-configure");
            press(shell, "Next >");
            checkReview(WizardTestHooks.reviewPage(w), "#SBATCH --partition=compute");
            assertTrue(WizardTestHooks.reviewPage(w).scriptText().getText().startsWith("#!/bin/bash"), WizardTestHooks.reviewPage(w).scriptText().getText());
            assertTrue(WizardTestHooks.reviewPage(w).scriptText().getText().contains("#SBATCH --mem=1GB"), WizardTestHooks.reviewPage(w).scriptText().getText());
            assertEquals("Estimated cost: 0.3 core-hours (2 cores \u00d7 10 min)", WizardTestHooks.coreHoursLabel(WizardTestHooks.reviewPage(w)).getText());
            shotLightAndDark(shell, "wizard-review");
            press(shell, "Finish");
        });
        // File > New Job...
        MenuItem item = fileMenuItem("New Job");
        item.notifyListeners(SWT.Selection, new Event());
        UiTestSupport.waitUntil(d, 120_000, () -> opened.get() != null && opened.get().getShell() == null
                || !failures.isEmpty(), "wizard opened from the menu, filled and finished");
        assertTrue(failures.isEmpty(), failures.toString());
        SubmitJob submit = opened.get().scheduledJob();
        assertNotNull(submit, "Finish scheduled no job");
        UiTestSupport.waitUntil(d, 120_000, () -> submit.getResult() != null, "submit to the test cluster");
        assertTrue(submit.getResult().isOK(), submit.getResult().toString());
        Job job = stored(submit.job().id());
        assertNotNull(job.slurmJobId(), "Slurm id");
        assertTrue(job.slurmJobId().matches("[0-9]+"), job.slurmJobId());
        assertEquals(CLUSTER_ID, job.profileId());
        assertEquals(2, job.cores());
        assertEquals(4, job.priority(), "the Priority field went into the submission queue");
        assertTrue(WorkbenchSessions.isConnected(profile), "Finish connected through the workbench connection");

        // Sync (the Jobs view's button) asks the cluster and records the time it did
        JobsView v = jobsView();
        UiTestSupport.settle(d);
        // stop the wizard's follow-up job first, so that only the sync below can see the (short) job end; if the
        // follow-up already saw it, nothing is left to track
        org.eclipse.core.runtime.jobs.Job.getJobManager().cancel(SubmitJob.FAMILY);
        UiTestSupport.joinFamily(d, SubmitJob.FAMILY, 60_000);
        boolean activeBeforeSync = stored(job.id()).state().isActive();
        UiTestSupport.click(ViewTestHooks.getSyncButton(v));
        UiTestSupport.waitUntil(d, 60_000, () -> org.eclipse.core.runtime.jobs.Job.getJobManager().find(SyncHandler.class).length == 0,
                "sync");
        UiTestSupport.settle(d);
        org.namdrunner.jobs.op.SyncOperation.Summary summary = org.namdrunner.ui.jobs.ClusterStatusSync.lastSummary();
        assertNotNull(summary, "the sync did not run the status sync");
        assertTrue(summary.profiles() >= 2, "Local and the connected test cluster: " + summary);
        if (activeBeforeSync) {
            assertTrue(summary.tracked() >= 1, "the new job was tracked: " + summary);
        }
        String last = NamdRunnerUi.store().settings().get(JobsView.LAST_SYNC_SETTING).orElseThrow();
        assertFalse(Instant.parse(last).isBefore(start.minusSeconds(1)), "last sync " + last + " before " + start);
        assertTrue(ViewTestHooks.getStatusLabel(v).getText().contains("Last sync: " + JobFormat.time(Instant.parse(last))),
                ViewTestHooks.getStatusLabel(v).getText());

        // leave the single-node cluster free
        { // the shared session of the profile (not closed: others use it)
            ClusterSession s = org.namdrunner.ui.jobs.Engine.service().sessions().session(profile.id(), new org.eclipse.core.runtime.NullProgressMonitor());
            s.cancel(List.of(job.slurmJobId()), new org.eclipse.core.runtime.NullProgressMonitor());
        }
    }

    /** {@link #shot} in the light theme, then in the dark theme as {@code name-dark}. */
    static void shotLightAndDark(Shell shell, String name) throws Exception {
        Display display = shell.getDisplay();
        shot(shell, name);
        try {
            org.namdrunner.ui.preferences.AppearancePreferencePage.apply(display,
                    org.namdrunner.ui.preferences.AppearancePreferencePage.DARK);
            UiTestSupport.settle(display);
            shot(shell, name + "-dark");
        } finally {
            org.namdrunner.ui.preferences.AppearancePreferencePage.apply(display,
                    org.namdrunner.ui.preferences.AppearancePreferencePage.LIGHT);
            UiTestSupport.settle(display);
        }
    }

    /**
     * Saves a PNG of the dialog's client area (where it is on the screen: without a window manager the shell's
     * bounds include an estimated frame that is not drawn).
     */
    static void shot(Shell shell, String name) throws Exception {
        Display display = shell.getDisplay();
        shell.forceActive();
        // the pointer away from the dialog, so no tooltip covers it
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = display.getBounds().width - 1;
        move.y = display.getBounds().height - 1;
        display.post(move);
        UiTestSupport.settle(display);
        org.eclipse.swt.graphics.Point at = shell.toDisplay(0, 0);
        org.eclipse.swt.graphics.Rectangle area = shell.getClientArea();
        org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(display, area.width, area.height);
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(display);
        try {
            gc.copyArea(image, at.x, at.y);
            Path dir = Files.createDirectories(Path.of(System.getProperty("namdrunner.screenshots", "target/screenshots")));
            Path tmp = Files.createTempFile(dir, name, ".png.tmp");
            org.eclipse.swt.graphics.ImageLoader loader = new org.eclipse.swt.graphics.ImageLoader();
            loader.data = new org.eclipse.swt.graphics.ImageData[] { image.getImageData() };
            loader.save(tmp.toString(), SWT.IMAGE_PNG);
            Files.move(tmp, dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    /** A failing step ends the background job with a dialog that says what happened, not a stack trace. */
    @Test
    void aFailingStepIsReportedInADialog() throws Exception {
        Display d = Display.getCurrent();
        Path root = dataDir("ui-wizard-fail-" + System.currentTimeMillis());
        ProfileConfig profile = localProfile(root);
        // the job root is a file: the create step stores the job, then cannot make its folder
        Files.writeString(root.resolve("jobs"), "not a folder");
        List<Path> files = inputs(root.resolve("in"));
        org.namdrunner.automation.draft.JobDraft draft = new org.namdrunner.automation.draft.JobDraft()
                .name("wizard failing " + System.currentTimeMillis()).profile(profile)
                .template(org.namdrunner.automation.draft.TemplateChoice.builtIns().get(0))
                .file("structure_file", files.get(0)).file("coordinates_file", files.get(1)).file("parameter_file", files.get(2));
        assertEquals(List.of(), draft.problems());
        // the user sees the error in a dialog (answered from the event loop: it is modal)
        AtomicReference<String> shown = new AtomicReference<>();
        List<Throwable> failures = UiTestSupport.onShell(d, SubmitJob.ERROR_TITLE, shell -> {
            shown.set(containsText(shell, "was created but not submitted") ? "yes" : "dialog without the message");
            shell.close();
        });
        SubmitJob submit = SubmitJob.schedule(profile, draft.toRequest(), draft.renderer(), root.resolve("results"), 0);
        UiTestSupport.waitUntil(d, 60_000, () -> submit.getResult() != null, "submit to fail");
        org.eclipse.core.runtime.IStatus result = submit.getResult();
        assertEquals(org.eclipse.core.runtime.IStatus.ERROR, result.getSeverity(), result.toString());
        assertTrue(result.getMessage().startsWith("Job '" + draft.name() + "' was created but not submitted (state "),
                result.getMessage());
        assertFalse(result.getMessage().contains("Exception") || result.getMessage().contains("\tat "), result.getMessage());
        UiTestSupport.waitUntil(d, 30_000, () -> shown.get() != null || !failures.isEmpty(), "error dialog");
        assertTrue(failures.isEmpty(), failures.toString());
        assertEquals("yes", shown.get());
        UiTestSupport.settle(d);
        assertEquals(JobState.CREATED, stored(submit.job().id()).state());
        NamdRunnerUi.store().jobs().delete(submit.job().id());
        NamdRunnerUi.fireJobsChanged();
    }

    static boolean containsText(org.eclipse.swt.widgets.Control c, String text) {
        String t = c instanceof org.eclipse.swt.widgets.Label l ? l.getText()
                : c instanceof Text x ? x.getText()
                : c instanceof org.eclipse.swt.widgets.Link k ? k.getText() : "";
        if (t != null && t.contains(text)) {
            return true;
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
                if (containsText(child, text)) {
                    return true;
                }
            }
        }
        return false;
    }

    static MenuItem fileMenuItem(String prefix) {
        Menu bar = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell().getMenuBar();
        for (MenuItem top : bar.getItems()) {
            if (top.getText().replace("&", "").equals("File")) {
                Menu m = top.getMenu();
                m.notifyListeners(SWT.Show, new Event());
                UiTestSupport.settle(bar.getDisplay());
                m.notifyListeners(SWT.Hide, new Event());
                for (MenuItem it : m.getItems()) {
                    if (it.getText().replace("&", "").startsWith(prefix)) {
                        return it;
                    }
                }
            }
        }
        throw new AssertionError("no File > " + prefix);
    }
}
