package org.namdrunner.ui.editors;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.MultiPageEditorPart;
import org.namdrunner.automation.JobDocuments.LogKind;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobStatusChange;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.jobs.StatusIcons;

/**
 * The editor of one job: a {@link JobHeader} (state, action buttons, outcome line) above seven tabs, each its own
 * class — {@link OverviewTab}, {@link ConfigurationTab}, {@link ScriptTab}, {@link LogsTab}, {@link FilesTab},
 * {@link EnergyTab}, {@link ChainTab}. The editor only coordinates: it reads the job again on job-change events,
 * loads a tab when it is first shown (and the shown one again when the job's state moved on), refreshes Logs and
 * Energy while an active job's tab is shown, and cancels the tabs' background reads ({@link BackgroundLoads}) when
 * it closes.
 */
public class JobEditor extends MultiPageEditorPart {

    public static final String ID = "org.namdrunner.ui.editors.job";

    /** The tabs, in order. */
    public enum Tab {
        OVERVIEW("Overview"), CONFIGURATION("Configuration"), SCRIPT("Script"), LOGS("Logs"), FILES("Files"), ENERGY("Energy"),
        CHAIN("Chain");

        private final String label;

        Tab(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A row of the dependency table: a job this one waits for, or one that waits for this one. */
    public record Dependency(Job job, boolean waitsForIt) {
    }

    /** Title of the delete confirmation of the Files tab. */
    public static final String DELETE_FILES_TITLE = "Delete Files of the Job";

    /** Title of the job delete dialog. */
    public static final String DELETE_JOB_TITLE = "Delete Job";


    /** Seconds between automatic refreshes of the log and energy tabs while the job runs. */
    static final int LIVE_REFRESH_SECONDS = 15;

    /** The refresh period in use: a seam for the UI tests, which shorten it. */
    static volatile int liveRefreshSeconds = LIVE_REFRESH_SECONDS;

    private final JobHeader header = new JobHeader(this);
    private final OverviewTab overview = new OverviewTab(this);
    private final ConfigurationTab configuration = new ConfigurationTab(this);
    private final LogsTab logs = new LogsTab(this);
    private final FilesTab files = new FilesTab(this);
    private final ChainTab chain = new ChainTab(this);
    private final Map<Tab, JobEditorTab> tabs = new EnumMap<>(Tab.class);
    private final Set<Tab> loaded = EnumSet.noneOf(Tab.class);
    private final BackgroundLoads loads = new BackgroundLoads(this, this::job, this::display);
    private StatusIcons icons;
    private volatile Job job;
    private boolean disposed;

    /** A refresh is queued on the UI thread: job-change events that come meanwhile share it. */
    private final java.util.concurrent.atomic.AtomicBoolean refreshQueued = new java.util.concurrent.atomic.AtomicBoolean();

    private final Runnable listener = () -> {
        Display d = display();
        if (d != null && refreshQueued.compareAndSet(false, true)) {
            d.asyncExec(() -> {
                refreshQueued.set(false);
                refresh();
            });
        }
    };

    public JobEditor() {
        for (JobEditorTab t : List.of(overview, configuration, configuration.script(), logs, files, logs.energy(), chain)) {
            tabs.put(t.tab, t);
        }
    }

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof JobEditorInput)) {
            throw new PartInitException("Not a job: " + input);
        }
        super.init(site, input);
        setPartName(input.getName());
    }

    public String jobId() {
        return ((JobEditorInput) getEditorInput()).jobId();
    }

    /** Opens (or activates) the editor of a job. */
    public static JobEditor open(IWorkbenchPage page, Job j) {
        try {
            return (JobEditor) page.openEditor(new JobEditorInput(j.id(), j.name()), ID);
        } catch (PartInitException e) {
            NamdRunnerUi.log(IStatus.ERROR, "Cannot open the editor of job " + j.id(), e);
            return null;
        }
    }

    // ------------------------------------------------------------------ what the header and the tabs use

    /** The job as last read (null: deleted or not read yet). */
    public Job job() {
        return job;
    }

    Display display() {
        return overview.isLive() ? overview.page().getDisplay() : null;
    }

    StatusIcons icons() {
        return icons;
    }

    JobHeader header() {
        return header;
    }

    BackgroundLoads loads() {
        return loads;
    }

    boolean isDisposed() {
        return disposed;
    }

    Tab activeTab() {
        return Tab.values()[Math.max(0, getActivePage())];
    }

    // ------------------------------------------------------------------ layout

    @Override
    protected Composite createPageContainer(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        GridLayout gl = new GridLayout(1, false);
        gl.marginWidth = 0;
        gl.marginHeight = 0;
        gl.verticalSpacing = 0;
        root.setLayout(gl);
        header.create(root);
        Composite pages = new Composite(root, SWT.NONE);
        pages.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        pages.setLayout(new FillLayout());
        return pages;
    }

    @Override
    protected void createPages() {
        icons = new StatusIcons(getContainer().getDisplay());
        for (JobEditorTab t : tabs.values()) {
            Composite c = new Composite(getContainer(), SWT.NONE);
            c.setLayout(new GridLayout(t.columns(), false));
            t.create(c);
            setPageText(addPage(c), t.tab.label());
        }
        NamdRunnerUi.addJobsListener(listener);
        refresh();
        scheduleLiveRefresh();
    }

    // ------------------------------------------------------------------ loading

    @Override
    protected void pageChange(int newPageIndex) {
        super.pageChange(newPageIndex);
        load(Tab.values()[newPageIndex], false);
    }

    /** Shows a tab (loading its content when it was not loaded yet). */
    void showTab(Tab tab) {
        setActivePage(tab.ordinal());
        load(tab, false);
    }

    private void load(Tab tab, boolean again) {
        if (!again && !loaded.add(tab)) {
            return;
        }
        loaded.add(tab);
        tabs.get(tab).load(again);
    }

    /** Marks a tab stale; loads it again now when it is shown. */
    void reload(Tab tab) {
        loaded.remove(tab);
        if (activeTab() == tab) {
            load(tab, true);
        }
    }

    /** True while a background fetch of this editor runs (for tests). */
    boolean isBusy() {
        return loads.isBusy();
    }

    /** Reads the job again and shows it. */
    public void refresh() {
        if (!overview.isLive()) {
            return;
        }
        Optional<Job> found;
        List<JobStatusChange> changes;
        try {
            found = NamdRunnerUi.store().jobs().find(jobId());
            changes = found.isPresent() ? NamdRunnerUi.store().jobs().history(jobId()) : List.of();
        } catch (RuntimeException e) {
            header.showProblem(NamdRunnerUi.message(e));
            return;
        }
        Job previous = job;
        Job j = found.orElse(null);
        job = j;
        if (j != null) {
            setPartName(j.name());
        }
        overview.show(j, changes);
        header.show(j);
        if (j != null && previous != null && (previous.state() != j.state() || !Objects.equals(previous.slurmJobId(), j.slurmJobId()))) {
            // the state moved on: what other tabs show may be stale
            Tab active = activeTab();
            loaded.clear();
            loaded.add(Tab.OVERVIEW);
            if (active != Tab.OVERVIEW) {
                load(active, true);
            }
        }
    }

    private void scheduleLiveRefresh() {
        Display d = display();
        if (d == null) {
            return;
        }
        d.timerExec(Math.max(1, liveRefreshSeconds) * 1000, () -> {
            if (disposed) {
                return;
            }
            Job j = job;
            if (j != null && j.state().isActive() && !loads.isBusy()) {
                tabs.get(activeTab()).liveRefresh();
            }
            scheduleLiveRefresh();
        });
    }

    // ------------------------------------------------------------------ actions

    /** Runs an editor action (confirmations and choices on the UI thread, the work in an Eclipse job). */
    org.eclipse.core.runtime.jobs.Job run(JobActions.Action a) {
        return header.run(a);
    }

    /** Downloads the selected files and folders. Returns false when nothing was selected or the user cancelled. */
    boolean downloadSelectedFiles() {
        return files.downloadSelected();
    }

    /** Opens the selected file (a local copy in the cache) in an editor. */
    void openSelectedFile() {
        files.openSelected();
    }

    /** Deletes the selected files after confirmation (confined to the job's directories). */
    boolean deleteSelectedFiles() {
        return files.deleteSelected();
    }

    /** Selects a log kind and loads it. */
    void showLog(LogKind kind) {
        logs.show(kind);
    }

    // ------------------------------------------------------------------ access for the UI tests (EditorTestHooks)

    Label getStateLabel() {
        return header.stateLabel();
    }

    Label getMessageLabel() {
        return header.messageLabel();
    }

    Button getActionItem(JobActions.Action a) {
        return header.action(a);
    }

    TableViewer getHistoryViewer() {
        return overview.history();
    }

    /** The Overview's "Made from template ..., revision N" line. */
    Label getMadeFromLabel() {
        return overview.madeFrom();
    }

    /** The Overview's "Show changes since revision N" link (visible only when the template changed since). */
    org.eclipse.swt.widgets.Link getTemplateChangesLink() {
        return overview.changesLink();
    }

    /** Clicks "Show changes since revision N" (opens the template's history dialog). */
    void showTemplateChanges() {
        overview.showChanges();
    }

    /** The Overview tab's resources, times, progress and paths, as shown. */
    String getOverviewText() {
        return overview.detailsText();
    }

    ReadOnlyDocumentViewer getConfigurationViewer() {
        return configuration.viewer();
    }

    ReadOnlyDocumentViewer getScriptViewer() {
        return configuration.script().viewer();
    }

    ReadOnlyDocumentViewer getLogViewer() {
        return logs.viewer();
    }

    TreeViewer getFilesViewer() {
        return files.viewer();
    }

    EnergyChart getEnergyChart() {
        return logs.energy().chart();
    }

    TableViewer getChainViewer() {
        return chain.chain();
    }

    TableViewer getDependencyViewer() {
        return chain.dependencies();
    }

    /** The status line of a tab (the header's state line for the Overview). */
    String getStatusText(Tab tab) {
        return tabs.get(tab).status().getText();
    }

    // ------------------------------------------------------------------ end

    @Override
    public void dispose() {
        disposed = true;
        NamdRunnerUi.removeJobsListener(listener);
        loads.dispose();
        if (icons != null) {
            icons.dispose();
        }
        super.dispose();
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
    }

    @Override
    public void doSaveAs() {
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public boolean isDirty() {
        return false;
    }
}
