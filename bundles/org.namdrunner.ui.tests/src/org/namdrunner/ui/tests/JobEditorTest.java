package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.automation.JobDocuments.LogKind;
import org.namdrunner.automation.namdlog.EnergySeries;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.JobQuery;
import org.namdrunner.testing.TestCluster;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.editors.JobActions;
import org.namdrunner.ui.editors.EditorTestHooks;
import org.namdrunner.ui.editors.JobEditor;
import org.namdrunner.ui.editors.JobEditor.Tab;
import org.namdrunner.ui.editors.JobFileBrowser;
import org.namdrunner.ui.remote.RemoteUi;
import org.namdrunner.workflow.ChainRows;
import org.namdrunner.workflow.JobSpec;
import org.namdrunner.workflow.Workflows;

/**
 * The job editor against a real job on the test cluster: a small NAMD (stand-in) job created and submitted through
 * the workflow API, then its editor: every tab shows the job's real content; Continue creates a child through the
 * editor's action, the Chain tab shows parent and child; files are downloaded, opened and deleted (confined); the
 * child is deleted with its files through the Delete action.
 */
@Tag("ui")
@Tag("cluster")
class JobEditorTest {

    private final TestFilePrompts files = TestFilePrompts.register();

    @AfterEach
    void answerNoMore() {
        files.close();
    }
    /** Tests drive the engine from one thread at a time. */
    static final Object TEST_LOCK = new Object();


    static final IProgressMonitor M = new NullProgressMonitor();
    static ProfileConfig profile;
    static Path inputs;

    @BeforeAll
    static void profileAndInputs() throws Exception {
        Properties p = RemoteConsoleTest.cluster();
        ClusterProfileRegistry registry = org.namdrunner.ui.remote.WorkbenchSessions.registry();
        ProfileConfig preset = registry.get(TestCluster.PRESET_ID);
        profile = registry.add(preset.toBuilder().id("ui-jobeditor-" + UUID.randomUUID()).name("Test cluster (job editor test)")
                .preset(false).host(p.getProperty("host")).port(Integer.parseInt(p.getProperty("port")))
                .userRule(p.getProperty("user")).statusMinIntervalSeconds(0).property("keyFile", p.getProperty("keyFile"))
                .property("knownHosts", p.getProperty("knownHosts")).property("sshConfig", "none").build());
        inputs = Files.createTempDirectory("ui-jobeditor");
        Files.writeString(inputs.resolve("mol.psf"), "PSF\n");
        Files.writeString(inputs.resolve("mol.pdb"), "ATOM\nEND\n");
        Files.writeString(inputs.resolve("par.prm"), "* par\n");
    }

    @AfterAll
    static void cleanUp() {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        if (page.getActiveEditor() != null) {
            page.setPartState(page.getReference(page.getActiveEditor()), IWorkbenchPage.STATE_RESTORED);
        }
        page.closeAllEditors(false);
        EditorTestHooks.reset();
        org.namdrunner.ui.jobs.Engine.close();
        RemoteUi.disconnectAll();
        UiTestSupport.settle(Display.getCurrent());
    }

    static String template() {
        return String.join("\n", "#@var sleep type=Number default=0 min=0", "#@var out type=Text default=out",
                "#@var steps type=Integer default=20 min=0", "#standin: sleepPerStep <<sleep>>", "# job editor test", "structure mol.psf", "coordinates mol.pdb",
                "outputName <<out>>", "temperature 300", "cellBasisVector1 40 0 0", "cellBasisVector2 0 40 0",
                "cellBasisVector3 0 0 40", "paraTypeCharmm on", "parameters par.prm", "exclude scaled1-4", "cutoff 12", "switching off", "restartfreq 5", "outputEnergies 1", "run <<steps>>", "");
    }

    /** Scheduling rounds (sync, release, continuation) until the condition holds, the UI kept alive in between. */
    static void until(Display d, Workflows wf, ClusterSession s, long seconds, BooleanSupplier done, String what) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000;
        while (!done.getAsBoolean()) {
            synchronized (TEST_LOCK) {
                // through the engine's own path (the profile's scheduling rule), never beside the workbench's automatic
                // sync: two rounds at once both released the same queued job (two sbatch for one job, seen in CI)
                Workflows.TickResult t = org.namdrunner.ui.jobs.Engine.service().tick(s, true, M);
                assertTrue(t.problems().isEmpty(), t.problems().toString());
            }
            NamdRunnerUi.fireJobsChanged();
            if (done.getAsBoolean()) {
                return;
            }
            assertTrue(System.currentTimeMillis() < deadline, what + " within " + seconds + " s");
            long pause = System.currentTimeMillis() + 1000;
            UiTestSupport.waitUntil(d, 5000, () -> System.currentTimeMillis() > pause, "a second");
        }
    }

    static Job stored(String id) {
        return NamdRunnerUi.store().jobs().find(id).orElseThrow();
    }

    static void waitIdle(Display d, JobEditor e) {
        UiTestSupport.waitUntil(d, 60_000, () -> !EditorTestHooks.isBusy(e), "the editor's background fetches");
        UiTestSupport.joinFamily(d, JobEditor.class, 60_000);
    }

    static Shell shell() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
    }

    static void screenshot(JobEditor e, Tab tab) throws Exception {
        EditorTestHooks.showTab(e, tab);
        waitIdle(Display.getCurrent(), e);
        String name = "job-editor-" + tab.name().toLowerCase(java.util.Locale.ROOT);
        if (tab == Tab.ENERGY || tab == Tab.CHAIN) {
            UiTestSupport.screenshotLightAndDark(shell(), name);
        } else {
            UiTestSupport.screenshot(shell(), name);
        }
    }

    static List<TreeItem> allItems(TreeItem[] items, List<TreeItem> out) {
        for (TreeItem i : items) {
            out.add(i);
            allItems(i.getItems(), out);
        }
        return out;
    }

    static TreeItem item(JobEditor e, String path) {
        EditorTestHooks.getFilesViewer(e).expandAll();
        for (TreeItem i : allItems(EditorTestHooks.getFilesViewer(e).getTree().getItems(), new ArrayList<>())) {
            if (i.getData() instanceof JobFileBrowser.Entry en && en.path().equals(path)) {
                return i;
            }
        }
        return null;
    }

    @Test
    void everyTabShowsTheRealJobAndContinueBuildsAChain() throws Exception {
        Display d = Display.getCurrent();
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Workflows wf = org.namdrunner.ui.jobs.Engine.service().workflows();
        ClusterSession s = org.namdrunner.ui.jobs.Engine.service().sessions().session(profile.id(), M);
        JobSpec spec = JobSpec.named("editor-eq").template(null, template()).value("sleep", "0.05").value("out", "eq")
                .value("steps", "40").inputs(List.of(inputs.resolve("mol.psf"), inputs.resolve("mol.pdb"), inputs.resolve("par.prm")))
                .resources(ResourceRequest.of("compute", 1, null, null)).submit(false);
        Job parent;
        synchronized (TEST_LOCK) {
            parent = wf.create(s, spec, M);
        }
        NamdRunnerUi.fireJobsChanged();

        // a created job: Submit is the action on offer
        JobEditor e = assertInstanceOf(JobEditor.class, JobEditor.open(page, stored(parent.id())));
        page.setPartState(page.getReference(e), IWorkbenchPage.STATE_MAXIMIZED);
        UiTestSupport.settle(d);
        assertTrue(EditorTestHooks.getActionItem(e, JobActions.Action.SUBMIT).isEnabled());
        assertFalse(EditorTestHooks.getActionItem(e, JobActions.Action.RESTART).isEnabled());
        assertFalse(EditorTestHooks.getActionItem(e, JobActions.Action.DOWNLOAD).isEnabled());
        assertNotNull(EditorTestHooks.run(e, JobActions.Action.SUBMIT));
        UiTestSupport.joinFamily(d, org.namdrunner.ui.jobs.OperationJob.FAMILY, 120_000);
        assertTrue(EditorTestHooks.getMessageLabel(e).getText().startsWith("Submitted as job") || EditorTestHooks.getMessageLabel(e).getText().startsWith("Queued"),
                EditorTestHooks.getMessageLabel(e).getText());
        until(d, wf, s, 300, () -> stored(parent.id()).state() == JobState.COMPLETED, "the job completes");
        UiTestSupport.settle(d);
        assertTrue(EditorTestHooks.getStateLabel(e).getText().startsWith("editor-eq \u2014 Completed"), EditorTestHooks.getStateLabel(e).getText());
        assertTrue(EditorTestHooks.getActionItem(e, JobActions.Action.CONTINUE).isEnabled());
        assertTrue(EditorTestHooks.getActionItem(e, JobActions.Action.DOWNLOAD).isEnabled());
        assertFalse(EditorTestHooks.getActionItem(e, JobActions.Action.SUBMIT).isEnabled());
        assertFalse(EditorTestHooks.getActionItem(e, JobActions.Action.CANCEL).isEnabled());
        assertTrue(EditorTestHooks.getHistoryViewer(e).getTable().getItemCount() >= 3, "created, pending/running, completed");
        screenshot(e, Tab.OVERVIEW);

        // Configuration: the rendered config, coloured like the template editor
        EditorTestHooks.showTab(e, Tab.CONFIGURATION);
        waitIdle(d, e);
        String config = EditorTestHooks.getConfigurationViewer(e).getText();
        assertTrue(config.contains("outputEnergies 1") && config.contains("structure mol.psf") && config.contains("run 40"), config);
        assertFalse(config.contains("<<"), "rendered, not the template");
        assertTrue(EditorTestHooks.getStatusText(e, Tab.CONFIGURATION).contains("/input/run.namd"), EditorTestHooks.getStatusText(e, Tab.CONFIGURATION));
        var ranges = EditorTestHooks.getConfigurationViewer(e).getTextWidget().getStyleRanges();
        assertTrue(ranges.length > 5 && java.util.Arrays.stream(ranges).anyMatch(r -> r.foreground != null
                && r.foreground.getRGB().equals(org.namdrunner.template.ui.NamdStyles.foreground(
                        org.namdrunner.template.ide.NamdHighlighting.KEYWORD))), "keywords coloured as in the template editor");
        screenshot(e, Tab.CONFIGURATION);

        // Script
        EditorTestHooks.showTab(e, Tab.SCRIPT);
        waitIdle(d, e);
        String script = EditorTestHooks.getScriptViewer(e).getText();
        assertTrue(script.startsWith("#!/bin/bash") && script.contains("#SBATCH --partition=compute") && script.contains("CONFIG=run.namd"), script);
        assertTrue(EditorTestHooks.getScriptViewer(e).getTextWidget().getStyleRanges().length > 3, "directives coloured");
        screenshot(e, Tab.SCRIPT);

        // Logs: NAMD log, then Slurm stderr
        EditorTestHooks.showTab(e, Tab.LOGS);
        waitIdle(d, e);
        String log = EditorTestHooks.getLogViewer(e).getText();
        assertTrue(log.contains("ETITLE:") && log.contains("ENERGY:") && log.contains("WallClock:"), log);
        Path cached = org.namdrunner.ui.jobs.Engine.service().documents().cacheFile(stored(parent.id()), parent.remoteProjectDir() + "/logs/namd.log");
        assertEquals(log, Files.readString(cached), "the log is cached locally");
        EditorTestHooks.showLog(e, LogKind.STDERR);
        waitIdle(d, e);
        assertTrue(EditorTestHooks.getLogViewer(e).getText().contains("NAMDRunner: running"), EditorTestHooks.getLogViewer(e).getText());
        assertTrue(EditorTestHooks.getStatusText(e, Tab.LOGS).contains("slurm-" + stored(parent.id()).slurmJobId() + ".err"), EditorTestHooks.getStatusText(e, Tab.LOGS));
        EditorTestHooks.showLog(e, LogKind.NAMD);
        waitIdle(d, e);
        screenshot(e, Tab.LOGS);

        // Energy: five series from the log's ENERGY: lines, toggles
        EditorTestHooks.showTab(e, Tab.ENERGY);
        waitIdle(d, e);
        List<EnergySeries> series = EditorTestHooks.getEnergyChart(e).getSeries();
        assertEquals(List.of("TOTAL", "POTENTIAL", "KINETIC", "TEMP", "PRESSURE"), series.stream().map(EnergySeries::column).toList());
        assertTrue(series.get(0).size() >= 40, "one point per step (outputEnergies 1): " + series.get(0).size());
        int all = EditorTestHooks.getEnergyChart(e).visiblePoints();
        assertTrue(all > 0);
        EditorTestHooks.getEnergyChart(e).redraw();
        UiTestSupport.settle(d);
        assertTrue(EditorTestHooks.getEnergyChart(e).lastPointsDrawn() > 0, "points were drawn");
        screenshot(e, Tab.ENERGY);
        EditorTestHooks.getEnergyChart(e).setVisible("PRESSURE", false);
        assertEquals(all - series.get(4).size(), EditorTestHooks.getEnergyChart(e).visiblePoints());
        EditorTestHooks.getEnergyChart(e).setVisible("PRESSURE", true);

        // Files: job_info.json listed with its size; download; open; confined delete
        EditorTestHooks.showTab(e, Tab.FILES);
        waitIdle(d, e);
        String dir = parent.remoteProjectDir();
        TreeItem info = item(e, dir + "/job_info.json");
        assertNotNull(info, "job_info.json listed: " + EditorTestHooks.getStatusText(e, Tab.FILES));
        assertTrue(info.getText(1).matches("[0-9.]+ (B|KB)"), info.getText(1));
        assertNotNull(item(e, dir + "/input/run.namd"));
        assertNotNull(item(e, dir + "/logs/namd.log"));
        screenshot(e, Tab.FILES);

        Path downloads = Files.createTempDirectory("ui-jobeditor-dl");
        files.answer(downloads);
        EditorTestHooks.getFilesViewer(e).setSelection(new StructuredSelection(info.getData()));
        assertTrue(EditorTestHooks.downloadSelectedFiles(e));
        waitIdle(d, e);
        assertTrue(Files.readString(downloads.resolve("job_info.json")).contains(parent.id()), "downloaded job_info.json");

        EditorTestHooks.getFilesViewer(e).setSelection(new StructuredSelection(item(e, dir + "/input/run.namd").getData()));
        EditorTestHooks.openSelectedFile(e);
        waitIdle(d, e);
        UiTestSupport.settle(d);
        IEditorPart opened = page.getActiveEditor();
        assertEquals("run.namd", opened.getTitle(), "the config opened in an editor");
        page.closeEditor(opened, false);
        page.activate(e);

        s.files().write(dir + "/scratch-note.txt", "delete me".getBytes(StandardCharsets.UTF_8), M);
        JobFileBrowser browser = new JobFileBrowser(s, stored(parent.id()));
        ClusterException refused = assertThrows(ClusterException.class, () -> browser.delete(dir, M), "the job directory itself");
        assertEquals(ClusterException.Kind.PATH_NOT_ALLOWED, refused.getKind());
        assertThrows(ClusterException.class, () -> browser.delete(s.projectRoot() + "/someone-else", M), "outside the job");
        assertThrows(ClusterException.class, () -> browser.delete(dir + "/../other-job/x", M), "'..' out of the job");
        EditorTestHooks.showTab(e, Tab.FILES);
        EditorTestHooks.getFilesViewer(e).getTree().getParent().getChildren()[0].notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        waitIdle(d, e);
        TreeItem note = item(e, dir + "/scratch-note.txt");
        assertNotNull(note, "the new file after Refresh");
        EditorTestHooks.getFilesViewer(e).setSelection(new StructuredSelection(note.getData()));
        var confirmed = UiTestSupport.pressWhenOpen(d, JobEditor.DELETE_FILES_TITLE, "OK");
        assertTrue(EditorTestHooks.deleteSelectedFiles(e));
        assertTrue(confirmed.get());
        waitIdle(d, e);
        assertFalse(s.files().exists(dir + "/scratch-note.txt", M), "deleted on the cluster");
        assertTrue(s.files().exists(dir + "/job_info.json", M), "nothing else");

        // Continue through the editor's action: a child that starts from the parent's restart files
        assertNotNull(EditorTestHooks.run(e, JobActions.Action.CONTINUE));
        UiTestSupport.joinFamily(d, org.namdrunner.ui.jobs.OperationJob.FAMILY, 120_000);
        assertTrue(EditorTestHooks.getMessageLabel(e).getText().contains("the next stage"), EditorTestHooks.getMessageLabel(e).getText());
        List<Job> children = NamdRunnerUi.store().jobs().list(JobQuery.all().withParentJobId(parent.id()));
        assertEquals(1, children.size());
        Job child = children.get(0);
        assertEquals("editor-eq-next", child.name());
        org.namdrunner.ui.views.JobsView jobsView = page.findView(org.namdrunner.ui.views.ViewIds.JOBS)
                .getAdapter(org.namdrunner.ui.views.JobsView.class);
        assertEquals("\u21b3 editor-eq", jobsView.text(child, org.namdrunner.ui.views.JobsView.Column.CHAIN), "Jobs view chain column");
        until(d, wf, s, 300, () -> stored(child.id()).state() == JobState.COMPLETED, "the continuation completes");

        EditorTestHooks.showTab(e, Tab.CHAIN);
        waitIdle(d, e);
        @SuppressWarnings("unchecked")
        List<ChainRows.Row> rows = (List<ChainRows.Row>) EditorTestHooks.getChainViewer(e).getInput();
        assertEquals(List.of(parent.id(), child.id()), rows.stream().map(r -> r.job().id()).toList());
        assertEquals(List.of(ChainRows.Relation.SELF, ChainRows.Relation.CHILD), rows.stream().map(ChainRows.Row::relation).toList());
        assertTrue(EditorTestHooks.getChainViewer(e).getTable().getItem(1).getText(0).contains("\u21b3 editor-eq-next"));
        assertEquals("Completed", EditorTestHooks.getChainViewer(e).getTable().getItem(1).getText(1));
        assertEquals(List.of(child.id()), ((List<?>) EditorTestHooks.getDependencyViewer(e).getInput()).stream()
                .filter(o -> ((JobEditor.Dependency) o).waitsForIt()).map(o -> ((JobEditor.Dependency) o).job().id()).toList(),
                "the parent's dependants");
        screenshot(e, Tab.CHAIN);

        // the child's editor: parent above it, its config wired to the parent's restart files
        JobEditor ce = JobEditor.open(page, stored(child.id()));
        EditorTestHooks.showTab(ce, Tab.CHAIN);
        waitIdle(d, ce);
        @SuppressWarnings("unchecked")
        List<ChainRows.Row> crow = (List<ChainRows.Row>) EditorTestHooks.getChainViewer(ce).getInput();
        assertEquals(List.of(ChainRows.Relation.PARENT, ChainRows.Relation.SELF), crow.stream().map(ChainRows.Row::relation).toList());
        assertEquals(List.of(new JobEditor.Dependency(stored(parent.id()), false)).stream().map(x -> x.job().id() + x.waitsForIt()).toList(),
                ((List<?>) EditorTestHooks.getDependencyViewer(ce).getInput()).stream().map(o -> ((JobEditor.Dependency) o).job().id()
                        + ((JobEditor.Dependency) o).waitsForIt()).toList(), "the child waits for its parent");
        assertEquals("this job waits for it", EditorTestHooks.getDependencyViewer(ce).getTable().getItem(0).getText(2));
        UiTestSupport.screenshot(shell(), "job-editor-chain-child");
        EditorTestHooks.showTab(ce, Tab.CONFIGURATION);
        waitIdle(d, ce);
        assertTrue(EditorTestHooks.getConfigurationViewer(ce).getText().contains("bincoordinates"), EditorTestHooks.getConfigurationViewer(ce).getText());
        UiTestSupport.screenshot(shell(), "job-editor-configuration-continued");

        // Download results of the child, then delete it with its files
        Path results = Files.createTempDirectory("ui-jobeditor-results");
        List<Path> suggestions = new ArrayList<>();
        files.answer((sh, request) -> {
            suggestions.add(request.folder());
            return results;
        });
        assertNotNull(EditorTestHooks.run(ce, JobActions.Action.DOWNLOAD));
        UiTestSupport.joinFamily(d, org.namdrunner.ui.jobs.OperationJob.FAMILY, 120_000);
        assertEquals(List.of(org.namdrunner.ui.jobs.Engine.defaultResultsDir(child).getParent()), suggestions, "the results folder is suggested");
        Path own = results.resolve(org.namdrunner.ui.jobs.Engine.defaultResultsDir(child).getFileName());
        assertTrue(own.getFileName().toString().startsWith(child.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-"), own.toString());
        assertFalse(Files.exists(results.resolve("output")), "never into the chosen folder itself, where jobs would mix");
        try (var files = Files.list(own.resolve("output"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".coor")), "restart coordinates downloaded");
        }
        EditorTestHooks.chooseDelete((sh, j) -> 0);
        assertNotNull(EditorTestHooks.run(ce, JobActions.Action.DELETE));
        UiTestSupport.joinFamily(d, org.namdrunner.ui.jobs.OperationJob.FAMILY, 120_000);
        UiTestSupport.settle(d);
        assertTrue(NamdRunnerUi.store().jobs().find(child.id()).isEmpty(), "record deleted");
        assertFalse(s.files().exists(child.remoteProjectDir() + "/job_info.json", M), "files deleted on the cluster");
        assertFalse(List.of(page.getEditorReferences()).stream().anyMatch(r -> r.getEditor(false) == ce), "its editor closed");
    }

    @Test
    void energyPlotFollowsARunningJob() throws Exception {
        Display d = Display.getCurrent();
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Workflows wf = org.namdrunner.ui.jobs.Engine.service().workflows();
        ClusterSession s = org.namdrunner.ui.jobs.Engine.service().sessions().session(profile.id(), M);
        EditorTestHooks.liveRefreshSeconds(2);
        JobSpec spec = JobSpec.named("editor-live").template(null, template()).value("sleep", "0.25").value("out", "live")
                .value("steps", "80").inputs(List.of(inputs.resolve("mol.psf"), inputs.resolve("mol.pdb"), inputs.resolve("par.prm")))
                .resources(ResourceRequest.of("compute", 1, null, null));
        Job job;
        synchronized (TEST_LOCK) {
            job = wf.create(s, spec, M);
        }
        until(d, wf, s, 180, () -> stored(job.id()).state() == JobState.RUNNING || stored(job.id()).state().isTerminal(),
                "the job starts");
        JobEditor e = JobEditor.open(page, stored(job.id()));
        EditorTestHooks.showTab(e, Tab.ENERGY);
        // only the editor's own timer fetches the log from here on; the test keeps the job's state in sync
        List<Integer> seen = new ArrayList<>();
        until(d, wf, s, 180, () -> {
            Job now = stored(job.id());
            int points = EditorTestHooks.getEnergyChart(e).visiblePoints();
            if (now.state() == JobState.RUNNING && points > 0 && (seen.isEmpty() || seen.get(seen.size() - 1) != points)) {
                seen.add(points);
            }
            return now.state().isTerminal();
        }, "the job ends");
        assertEquals(JobState.COMPLETED, stored(job.id()).state());
        assertTrue(seen.size() >= 2, "the plot grew while the job ran: " + seen);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1), "only ever more points: " + seen);
        }
        // the state change reloads the shown tab: the whole run in the end
        UiTestSupport.waitUntil(d, 30_000, () -> EditorTestHooks.getEnergyChart(e).getSeries().size() == 5
                && EditorTestHooks.getEnergyChart(e).getSeries().get(0).size() == 81, "all 81 energy outputs after the end");
        synchronized (TEST_LOCK) {
            NamdRunnerUi.store().jobs().delete(job.id());
        }
        NamdRunnerUi.fireJobsChanged();
        UiTestSupport.settle(d);
        assertEquals("This job was deleted.", EditorTestHooks.getStateLabel(e).getText());
        page.closeEditor(e, false);
    }

    @Test
    void restartAFailedJobThenCancelTheRestart() throws Exception {
        Display d = Display.getCurrent();
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Workflows wf = org.namdrunner.ui.jobs.Engine.service().workflows();
        ClusterSession s = org.namdrunner.ui.jobs.Engine.service().sessions().session(profile.id(), M);
        // fails at once (a parameter file that does not exist)
        String failing = template().replace("run <<steps>>", "if {![file exists restart.coor]} { parameters missing.prm }\nrun <<steps>>");
        JobSpec spec = JobSpec.named("editor-fail").template(null, failing).value("sleep", "0").value("out", "f").value("steps", "20")
                .inputs(List.of(inputs.resolve("mol.psf"), inputs.resolve("mol.pdb"), inputs.resolve("par.prm"))).resources(ResourceRequest.of("compute", 1, null, null));
        Job job;
        synchronized (TEST_LOCK) {
            job = wf.create(s, spec, M);
        }
        until(d, wf, s, 180, () -> stored(job.id()).state().isTerminal(), "the job fails");
        assertEquals(JobState.FAILED, stored(job.id()).state(), stored(job.id()).reason());
        JobEditor e = JobEditor.open(page, stored(job.id()));
        UiTestSupport.settle(d);
        assertTrue(EditorTestHooks.getActionItem(e, JobActions.Action.RESTART).isEnabled());
        assertFalse(EditorTestHooks.getActionItem(e, JobActions.Action.CONTINUE).isEnabled(), "a failed job is restarted, not continued");
        EditorTestHooks.showTab(e, Tab.LOGS);
        waitIdle(d, e);
        assertTrue(EditorTestHooks.getLogViewer(e).getText().contains("FATAL ERROR"), EditorTestHooks.getLogViewer(e).getText());

        assertNotNull(EditorTestHooks.run(e, JobActions.Action.RESTART));
        UiTestSupport.joinFamily(d, org.namdrunner.ui.jobs.OperationJob.FAMILY, 120_000);
        assertTrue(EditorTestHooks.getMessageLabel(e).getText().contains("a restart"), EditorTestHooks.getMessageLabel(e).getText());
        List<Job> children = NamdRunnerUi.store().jobs().list(JobQuery.all().withParentJobId(job.id()));
        assertEquals(1, children.size());
        Job restart = children.get(0);
        EditorTestHooks.showTab(e, Tab.CHAIN);
        waitIdle(d, e);
        assertEquals(2, EditorTestHooks.getChainViewer(e).getTable().getItemCount());
        assertEquals("child", EditorTestHooks.getChainViewer(e).getTable().getItem(1).getText(2));

        // Restart queued and released the child (no sync since, so its stored state is the submitted one)
        assertTrue(stored(restart.id()).state().isActive() || stored(restart.id()).state() == JobState.CREATED,
                stored(restart.id()).state().toString());
        JobEditor re = JobEditor.open(page, stored(restart.id()));
        UiTestSupport.settle(d);
        assertTrue(EditorTestHooks.getActionItem(re, JobActions.Action.CANCEL).isEnabled());
        var confirmed = UiTestSupport.pressWhenOpen(d, "Cancel Job", "OK");
        assertNotNull(EditorTestHooks.run(re, JobActions.Action.CANCEL));
        assertTrue(confirmed.get());
        UiTestSupport.joinFamily(d, org.namdrunner.ui.jobs.OperationJob.FAMILY, 120_000);
        // the stand-in restart fails within a second of its start (its parent left no restart files): a cancel that
        // reaches the cluster after that finds it ended, and its end stays; before that, it is cancelled
        JobState end = stored(restart.id()).state();
        assertTrue(end == JobState.CANCELLED || end == JobState.FAILED, end.toString());
        UiTestSupport.settle(d);
        String label = EditorTestHooks.getStateLabel(re).getText();
        assertTrue(label.contains(end == JobState.CANCELLED ? "Cancelled" : "Failed"), label);
        assertTrue(EditorTestHooks.getActionItem(re, JobActions.Action.RESTART).isEnabled());
        assertFalse(EditorTestHooks.getActionItem(re, JobActions.Action.CANCEL).isEnabled());
        page.closeAllEditors(false);
    }
}
