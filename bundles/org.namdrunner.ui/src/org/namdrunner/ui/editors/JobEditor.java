package org.namdrunner.ui.editors;

import org.namdrunner.ui.remote.WorkbenchSessions;
import org.namdrunner.ui.jobs.Engine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.part.MultiPageEditorPart;
import org.namdrunner.automation.JobDocuments;
import org.namdrunner.automation.JobDocuments.LogKind;
import org.namdrunner.automation.namdlog.EnergySeries;
import org.namdrunner.automation.namdlog.NamdLogParser;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobStatusChange;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.jobs.JobFormat;
import org.namdrunner.ui.jobs.StatusIcons;
import org.namdrunner.workflow.ChainRows;
import org.namdrunner.workflow.WorkflowNode;

/**
 * The editor of one job. Tabs: Overview (state, history timeline, resources, paths), Configuration (the rendered
 * NAMD config, coloured like the template editor), Script (the generated Slurm script), Logs (Slurm stdout/stderr
 * and the NAMD log, cached locally, Refresh), Files (the job's remote files with download, open and confined
 * delete), Energy (plot of the NAMD log's energies, temperature and pressure over the steps, refreshed while the
 * job runs) and Chain (parent, children and dependencies). A toolbar above the tabs holds the actions (submit,
 * cancel, sync, download results, continue, restart, delete), enabled by the job's state. Remote content is
 * fetched in background jobs when a tab is first shown; cached copies show at once.
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

    /** Seconds between automatic refreshes of the log and energy tabs while the job runs. */
    public static final int LIVE_REFRESH_SECONDS = 15;

    /** The refresh period in use (tests shorten it). */
    public static volatile int liveRefreshSeconds = LIVE_REFRESH_SECONDS;

    private StatusIcons icons;
    private volatile Job job;
    private Composite header;
    private Label stateLabel;
    private Label messageLabel;
    private final Map<JobActions.Action, Button> actionItems = new EnumMap<>(JobActions.Action.class);

    // overview
    private Composite overview;
    private Text details;
    private TableViewer history;
    // documents
    private ReadOnlyDocumentViewer configViewer;
    private Label configStatus;
    private ReadOnlyDocumentViewer scriptViewer;
    private Label scriptStatus;
    private ReadOnlyDocumentViewer logViewer;
    private Combo logKind;
    private Label logStatus;
    // files
    private TreeViewer filesViewer;
    private Label filesStatus;
    // energy
    private EnergyChart energyChart;
    private Label energyStatus;
    private final Map<String, Button> seriesToggles = new LinkedHashMap<>();
    // chain
    private TableViewer chainViewer;
    private TableViewer dependencyViewer;
    private Label chainStatus;

    private final java.util.Set<Tab> loaded = java.util.EnumSet.noneOf(Tab.class);
    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    private boolean disposed;

    private final Runnable listener = () -> {
        Display d = display();
        if (d != null) {
            d.asyncExec(this::refresh);
        }
    };

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

    private Display display() {
        Composite c = overview;
        return c == null || c.isDisposed() ? null : c.getDisplay();
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
        header = new Composite(root, SWT.NONE);
        header.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        GridLayout hl = new GridLayout(2, false);
        hl.marginHeight = 4;
        header.setLayout(hl);
        stateLabel = new Label(header, SWT.NONE);
        stateLabel.setFont(JFaceResources.getHeaderFont());
        stateLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Composite bar = new Composite(header, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        org.eclipse.swt.layout.RowLayout rl = new org.eclipse.swt.layout.RowLayout(SWT.HORIZONTAL);
        rl.wrap = true;
        rl.center = true;
        rl.marginHeight = 0;
        rl.spacing = 4;
        bar.setLayout(rl);
        for (JobActions.Action a : JobActions.Action.values()) {
            if (a == JobActions.Action.DELETE || a == JobActions.Action.CONTINUE) {
                Label sep = new Label(bar, SWT.SEPARATOR | SWT.VERTICAL);
                sep.setLayoutData(new org.eclipse.swt.layout.RowData(SWT.DEFAULT, 24));
            }
            Button item = new Button(bar, SWT.PUSH);
            item.setText(a.label());
            item.setEnabled(false);
            item.addListener(SWT.Selection, e -> run(a));
            actionItems.put(a, item);
        }
        messageLabel = new Label(header, SWT.WRAP);
        GridData md = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        messageLabel.setLayoutData(md);
        messageLabel.setText("");
        Composite pages = new Composite(root, SWT.NONE);
        pages.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        pages.setLayout(new org.eclipse.swt.layout.FillLayout());
        return pages;
    }

    @Override
    protected void createPages() {
        icons = new StatusIcons(getContainer().getDisplay());
        createOverview();
        createConfiguration();
        createScript();
        createLogs();
        createFiles();
        createEnergy();
        createChain();
        NamdRunnerUi.addJobsListener(listener);
        refresh();
        scheduleLiveRefresh();
    }

    private Composite page(Tab tab, int columns) {
        Composite c = new Composite(getContainer(), SWT.NONE);
        c.setLayout(new GridLayout(columns, false));
        int index = addPage(c);
        setPageText(index, tab.label());
        return c;
    }

    private static Label status(Composite parent, int span) {
        Label l = new Label(parent, SWT.WRAP);
        l.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, span, 1));
        return l;
    }

    private static Button button(Composite parent, String text, Runnable r) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> r.run());
        return b;
    }

    private void createOverview() {
        overview = page(Tab.OVERVIEW, 1);
        Group resources = new Group(overview, SWT.NONE);
        resources.setText("Resources and paths");
        resources.setLayout(new GridLayout(1, false));
        resources.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false));
        details = new Text(resources, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP);
        details.setFont(JFaceResources.getTextFont());
        details.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        Group hist = new Group(overview, SWT.NONE);
        hist.setText("History");
        hist.setLayout(new GridLayout(1, false));
        hist.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        history = new TableViewer(hist, SWT.BORDER | SWT.FULL_SELECTION);
        history.getTable().setHeaderVisible(true);
        history.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        history.setContentProvider(ArrayContentProvider.getInstance());
        column(history, "Time", 140, (JobStatusChange c) -> JobFormat.time(c.at()), null);
        column(history, "State", 120, (JobStatusChange c) -> c.to().label(), c -> icons.get(c.to()));
        column(history, "From", 110, (JobStatusChange c) -> c.from() == null ? "" : c.from().label(), null);
        column(history, "Reason", 260, (JobStatusChange c) -> JobFormat.orEmpty(c.reason()), null);
        column(history, "Source", 90, (JobStatusChange c) -> JobFormat.orEmpty(c.source()), null);
    }

    private void createConfiguration() {
        Composite c = page(Tab.CONFIGURATION, 2);
        configStatus = status(c, 1);
        button(c, "Refresh", () -> loadConfigAndScript(true)).setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        configViewer = new ReadOnlyDocumentViewer(c, ReadOnlyDocumentViewer.Language.NAMD);
        configViewer.getTextWidget().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
    }

    private void createScript() {
        Composite c = page(Tab.SCRIPT, 2);
        scriptStatus = status(c, 1);
        button(c, "Refresh", () -> loadConfigAndScript(true)).setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        scriptViewer = new ReadOnlyDocumentViewer(c, ReadOnlyDocumentViewer.Language.SLURM);
        scriptViewer.getTextWidget().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
    }

    private void createLogs() {
        Composite c = page(Tab.LOGS, 3);
        new Label(c, SWT.NONE).setText("Log:");
        logKind = new Combo(c, SWT.READ_ONLY | SWT.DROP_DOWN);
        for (LogKind k : LogKind.values()) {
            logKind.add(k.label());
        }
        logKind.select(0);
        logKind.addListener(SWT.Selection, e -> loadLog(selectedLog(), false));
        button(c, "Refresh", () -> loadLog(selectedLog(), true));
        logStatus = status(c, 3);
        logViewer = new ReadOnlyDocumentViewer(c, ReadOnlyDocumentViewer.Language.PLAIN);
        logViewer.getTextWidget().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
    }

    private LogKind selectedLog() {
        return LogKind.values()[Math.max(0, logKind.getSelectionIndex())];
    }

    private void createFiles() {
        Composite c = page(Tab.FILES, 4);
        button(c, "Refresh", this::loadFiles);
        button(c, "Download\u2026", this::downloadSelectedFiles);
        button(c, "Open", this::openSelectedFile);
        button(c, "Delete\u2026", this::deleteSelectedFiles);
        filesStatus = status(c, 4);
        filesViewer = new TreeViewer(c, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.VIRTUAL);
        filesViewer.getTree().setHeaderVisible(true);
        filesViewer.getTree().setLinesVisible(true);
        filesViewer.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        filesViewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return ((List<?>) input).toArray();
            }

            @Override
            public Object[] getChildren(Object e) {
                return ((JobFileBrowser.Entry) e).children().toArray();
            }

            @Override
            public Object getParent(Object e) {
                return null;
            }

            @Override
            public boolean hasChildren(Object e) {
                return !((JobFileBrowser.Entry) e).children().isEmpty();
            }
        });
        treeColumn("Name", 360, e -> e.name() + (e.directory() ? "/" : ""));
        treeColumn("Size", 110, e -> size(e.directory() ? e.totalSize() : e.size()));
        treeColumn("Modified", 150, e -> JobFormat.time(e.modified()));
        filesViewer.getTree().getColumn(1).setAlignment(SWT.RIGHT);
        filesViewer.addDoubleClickListener(e -> openSelectedFile());
        filesViewer.setInput(List.of());
    }

    private void treeColumn(String title, int width, Function<JobFileBrowser.Entry, String> text) {
        TreeViewerColumn col = new TreeViewerColumn(filesViewer, SWT.LEFT);
        col.getColumn().setText(title);
        col.getColumn().setWidth(width);
        col.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply((JobFileBrowser.Entry) e);
            }
        });
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = { "KB", "MB", "GB", "TB" };
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[i]);
    }

    private void createEnergy() {
        Composite c = page(Tab.ENERGY, EnergySeries.QUANTITIES.size() + 1);
        for (EnergySeries.Quantity q : EnergySeries.QUANTITIES) {
            Button b = new Button(c, SWT.CHECK);
            b.setText(q.label());
            b.setSelection(true);
            b.addListener(SWT.Selection, e -> energyChart.setVisible(q.column(), b.getSelection()));
            seriesToggles.put(q.column(), b);
        }
        button(c, "Refresh", () -> loadLog(LogKind.NAMD, true));
        energyStatus = status(c, EnergySeries.QUANTITIES.size() + 1);
        energyChart = new EnergyChart(c);
        energyChart.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, EnergySeries.QUANTITIES.size() + 1, 1));
        energyChart.setEmptyMessage("No ENERGY: lines in the NAMD log yet.");
    }

    private void createChain() {
        Composite c = page(Tab.CHAIN, 1);
        chainStatus = status(c, 1);
        Group g = new Group(c, SWT.NONE);
        g.setText("Chain (parent \u2192 children)");
        g.setLayout(new GridLayout(1, false));
        g.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        chainViewer = jobTable(g, true);
        Group d = new Group(c, SWT.NONE);
        d.setText("Dependencies (afterok: a job starts once the jobs it waits for completed)");
        d.setLayout(new GridLayout(1, false));
        d.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false));
        dependencyViewer = jobTable(d, false);
        ((GridData) dependencyViewer.getTable().getLayoutData()).heightHint = 90;
    }

    private TableViewer jobTable(Composite parent, boolean chain) {
        TableViewer v = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION);
        v.getTable().setHeaderVisible(true);
        v.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        v.setContentProvider(ArrayContentProvider.getInstance());
        Function<Object, Job> jobOf = o -> o instanceof ChainRows.Row r ? r.job() : o instanceof Dependency dep ? dep.job() : (Job) o;
        column(v, "Job", 300, o -> {
            if (o instanceof ChainRows.Row r) {
                return "    ".repeat(r.depth()) + (r.depth() > 0 ? "\u21b3 " : "") + r.job().name();
            }
            return jobOf.apply(o).name();
        }, null);
        column(v, "State", 130, o -> jobOf.apply(o).state().label(), o -> icons.get(jobOf.apply(o).state()));
        if (chain) {
            column(v, "Relation", 110, o -> ((ChainRows.Row) o).relation().label(), null);
        } else {
            column(v, "Dependency", 190, o -> ((Dependency) o).waitsForIt() ? "waits for this job" : "this job waits for it", null);
        }
        column(v, "Scheduler id", 90, o -> JobFormat.orEmpty(jobOf.apply(o).slurmJobId()), null);
        column(v, "Created", 140, o -> JobFormat.time(jobOf.apply(o).createdAt()), null);
        column(v, "Reason", 260, o -> JobFormat.orEmpty(jobOf.apply(o).reason()), null);
        v.addDoubleClickListener(e -> {
            Object o = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (o != null) {
                open(getSite().getPage(), jobOf.apply(o));
            }
        });
        return v;
    }

    @SuppressWarnings("unchecked")
    private <T> void column(TableViewer viewer, String title, int width, Function<T, String> text, Function<T, Image> image) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply((T) e);
            }

            @Override
            public Image getImage(Object e) {
                return image == null ? null : image.apply((T) e);
            }
        });
    }

    /** A row of the dependency table: a job this one waits for, or one that waits for this one. */
    public record Dependency(Job job, boolean waitsForIt) {
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

    // ------------------------------------------------------------------ loading

    @Override
    protected void pageChange(int newPageIndex) {
        super.pageChange(newPageIndex);
        load(Tab.values()[newPageIndex], false);
    }

    /** Shows a tab (loading its content when it was not loaded yet). */
    public void showTab(Tab tab) {
        setActivePage(tab.ordinal());
        load(tab, false);
    }

    private void load(Tab tab, boolean again) {
        if (!again && !loaded.add(tab)) {
            return;
        }
        loaded.add(tab);
        switch (tab) {
            case CONFIGURATION, SCRIPT -> loadConfigAndScript(false);
            case LOGS -> {
                // a failed job opens on the log its failure reason comes from (FailureExplanation: "<log>: <line>")
                LogKind explained = explainingLog(job);
                if (!again && explained != null) {
                    logKind.select(explained.ordinal());
                }
                loadLog(selectedLog(), false);
            }
            case FILES -> loadFiles();
            case ENERGY -> loadLog(LogKind.NAMD, false);
            case CHAIN -> loadChain();
            default -> refresh();
        }
    }

    /** True while a background fetch of this editor runs (for tests). */
    public boolean isBusy() {
        return running.get() > 0;
    }

    /** Runs {@code work} in a background job of this editor, then {@code ui} on the UI thread. */
    private <T> void background(String name, Label status, BackgroundWork<T> work, java.util.function.Consumer<T> ui) {
        Job j = job;
        if (j == null) {
            return;
        }
        running.incrementAndGet();
        if (status != null && !status.isDisposed()) {
            status.setText(name + "\u2026");
        }
        org.eclipse.core.runtime.jobs.Job bg = new org.eclipse.core.runtime.jobs.Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                T result = null;
                String error = null;
                try {
                    result = work.run(j, monitor);
                } catch (Exception e) {
                    error = NamdRunnerUi.message(e);
                }
                T r = result;
                String err = error;
                Display d = display();
                if (d != null) {
                    d.asyncExec(() -> {
                        running.decrementAndGet();
                        if (disposed) {
                            return;
                        }
                        if (err != null) {
                            if (status != null && !status.isDisposed()) {
                                status.setText(name + " failed: " + err);
                                status.getParent().layout();
                            }
                        } else {
                            ui.accept(r);
                        }
                    });
                } else {
                    running.decrementAndGet();
                }
                return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == JobEditor.this || family == JobEditor.class;
            }
        };
        bg.setSystem(false);
        bg.schedule();
    }

    private interface BackgroundWork<T> {
        T run(Job job, IProgressMonitor monitor) throws Exception;
    }

    /** A fetched (or cached) remote text. */
    record Fetched(String path, String text, boolean fromCache, String problem, Instant at) {
        String describe() {
            String when = JobFormat.time(at);
            if (problem != null) {
                return path + " \u2014 cached copy (" + when + "); cannot reach the cluster: " + problem;
            }
            return path + (fromCache ? " \u2014 cached copy of " + when : " \u2014 fetched " + when);
        }
    }

    /**
     * The text of a remote file of the job: fetched now unless {@code cacheFirst} and a cached copy exists; a failed
     * fetch falls back to the cached copy.
     */
    private static Fetched fetch(Job j, String path, boolean cacheFirst, IProgressMonitor monitor) throws Exception {
        JobDocuments docs = Engine.service().documents();
        Optional<String> cached = docs.cached(j, path);
        if (cacheFirst && cached.isPresent()) {
            // an ended job's files do not change: a copy taken after it ended is good (an older one may be partial)
            Instant copied = java.nio.file.Files.getLastModifiedTime(docs.cacheFile(j, path)).toInstant();
            if (j.endedAt() != null && copied.isAfter(j.endedAt())) {
                return new Fetched(path, cached.get(), true, null, copied);
            }
        }
        try {
            ClusterSession s = Engine.service().sessions().session(j.profileId(), monitor);
            if (!s.files().exists(path, monitor)) {
                if (cached.isPresent()) {
                    return new Fetched(path, cached.get(), true, "the file is not there (any more)", Instant.now());
                }
                throw new java.io.FileNotFoundException(path + " does not exist (yet)");
            }
            byte[] b = s.files().read(path, monitor);
            docs.store(j, path, b);
            return new Fetched(path, new String(b, StandardCharsets.UTF_8), false, null, Instant.now());
        } catch (org.namdrunner.cluster.ClusterException e) {
            if (cached.isPresent()) {
                return new Fetched(path, cached.get(), true, e.getMessage(), java.nio.file.Files.getLastModifiedTime(docs.cacheFile(j, path)).toInstant());
            }
            throw e;
        }
    }

    private void loadConfigAndScript(boolean force) {
        background("Reading the script and configuration", configStatus, (j, m) -> {
            String scriptPath = JobDocuments.scriptPath(j);
            Fetched script = null;
            String scriptError = null;
            try {
                script = fetch(j, scriptPath, !force && j.state().isTerminal(), m);
            } catch (Exception e) {
                scriptError = NamdRunnerUi.message(e);
            }
            String name = script == null ? null : JobDocuments.configName(script.text()).orElse(null);
            if (name == null) {
                name = Engine.service().workflows().state().node(j.id()).map((WorkflowNode n) -> n.configFile).orElse(JobDocuments.DEFAULT_CONFIG);
            }
            Fetched config = null;
            String configError = null;
            try {
                config = fetch(j, JobDocuments.configPath(j, name), !force && j.state().isTerminal(), m);
            } catch (Exception e) {
                configError = NamdRunnerUi.message(e);
            }
            return new Object[] { script, scriptError, config, configError };
        }, r -> {
            Fetched script = (Fetched) r[0];
            Fetched config = (Fetched) r[2];
            scriptViewer.setText(script == null ? "" : script.text());
            scriptStatus.setText(script == null ? "No job script: " + r[1] : script.describe());
            configViewer.setText(config == null ? "" : config.text());
            configStatus.setText(config == null ? "No configuration: " + r[3] : config.describe());
            configStatus.getParent().layout();
            scriptStatus.getParent().layout();
        });
    }

    private void loadLog(LogKind kind, boolean force) {
        Job current = job;
        if (current == null) {
            return;
        }
        Optional<String> path;
        try {
            path = JobDocuments.logPath(current, kind);
        } catch (IllegalArgumentException e) {
            logStatus.setText(e.getMessage());
            energyStatus.setText(e.getMessage());
            return;
        }
        if (path.isEmpty()) {
            if (kind == selectedLog()) {
                logViewer.setText("");
                logStatus.setText("The " + kind.label() + " exists once the job was submitted.");
            }
            return;
        }
        Label status = kind == LogKind.NAMD && getActivePage() == Tab.ENERGY.ordinal() ? energyStatus : logStatus;
        background("Reading the " + kind.label(), status, (j, m) -> {
            Fetched f = fetch(j, path.get(), !force && j.state().isTerminal(), m);
            List<EnergySeries> series = kind == LogKind.NAMD ? EnergySeries.of(NamdLogParser.parse(f.text())) : null;
            return new Object[] { f, series };
        }, r -> {
            Fetched f = (Fetched) r[0];
            if (kind == selectedLog()) {
                boolean atEnd = logViewer.getTextWidget().getTopIndex() + 5 >= logViewer.getTextWidget().getLineCount() - 40;
                logViewer.setText(f.text());
                if (atEnd || force) {
                    logViewer.revealEnd();
                }
                logStatus.setText(f.describe());
                logStatus.getParent().layout();
            } else if (status == logStatus) {
                logStatus.setText("");
            }
            if (r[1] != null) {
                @SuppressWarnings("unchecked")
                List<EnergySeries> series = (List<EnergySeries>) r[1];
                energyChart.setSeries(series);
                for (Map.Entry<String, Button> e : seriesToggles.entrySet()) {
                    e.getValue().setEnabled(series.stream().anyMatch(s -> s.column().equals(e.getKey()) && !s.isEmpty()));
                }
                int points = series.stream().mapToInt(EnergySeries::size).max().orElse(0);
                energyStatus.setText(points == 0 ? "No ENERGY: lines yet \u2014 " + f.describe()
                        : points + " energy outputs \u2014 " + f.describe());
                energyStatus.getParent().layout();
            }
        });
    }

    private void loadFiles() {
        background("Listing the job's files", filesStatus, (j, m) -> {
            ClusterSession s = Engine.service().sessions().session(j.profileId(), m);
            return new JobFileBrowser(s, j).list(m);
        }, entries -> {
            filesViewer.setInput(entries);
            filesViewer.expandToLevel(2);
            int n = count(entries);
            filesStatus.setText(entries.isEmpty() ? "The job's directories do not exist on the cluster."
                    : n + " files and folders" + (n >= JobFileBrowser.MAX_ENTRIES ? " (list cut)" : ""));
            filesStatus.getParent().layout();
        });
    }

    private static int count(List<JobFileBrowser.Entry> entries) {
        int n = 0;
        for (JobFileBrowser.Entry e : entries) {
            n += 1 + count(e.children());
        }
        return n;
    }

    private List<JobFileBrowser.Entry> selectedFiles() {
        List<JobFileBrowser.Entry> out = new ArrayList<>();
        for (Object o : filesViewer.getStructuredSelection().toList()) {
            out.add((JobFileBrowser.Entry) o);
        }
        return out;
    }

    /** Where the next download goes: asks with a directory dialog unless a test set a chooser. */
    public static final java.util.function.BiFunction<Shell, Path, Path> DEFAULT_DIRECTORY_CHOOSER = (shell, suggested) -> {
        DirectoryDialog d = new DirectoryDialog(shell);
        d.setText("Download to");
        d.setMessage("Choose the local folder for the download");
        java.io.File f = suggested.toFile();
        while (f != null && !f.exists()) {
            f = f.getParentFile();
        }
        if (f != null) {
            d.setFilterPath(f.getPath());
        }
        String chosen = d.open();
        return chosen == null ? null : Path.of(chosen);
    };

    /** Where the next download goes (tests replace it). */
    public static java.util.function.BiFunction<Shell, Path, Path> directoryChooser = DEFAULT_DIRECTORY_CHOOSER;

    /** Downloads the selected files and folders. Returns false when nothing was selected or the user cancelled. */
    public boolean downloadSelectedFiles() {
        List<JobFileBrowser.Entry> sel = selectedFiles();
        Job j = job;
        if (sel.isEmpty() || j == null) {
            filesStatus.setText("Select files or folders to download.");
            return false;
        }
        Path target = directoryChooser.apply(getSite().getShell(), Engine.defaultResultsDir(j));
        if (target == null) {
            return false;
        }
        background("Downloading " + (sel.size() == 1 ? sel.get(0).name() : sel.size() + " items"), filesStatus, (jj, m) -> {
            ClusterSession s = Engine.service().sessions().session(jj.profileId(), m);
            JobFileBrowser b = new JobFileBrowser(s, jj);
            java.nio.file.Files.createDirectories(target);
            for (JobFileBrowser.Entry e : sel) {
                b.download(e, target, m);
            }
            return target;
        }, t -> filesStatus.setText("Downloaded to " + t));
        return true;
    }

    /** Opens the selected file (a local copy in the cache) in an editor. */
    public void openSelectedFile() {
        List<JobFileBrowser.Entry> sel = selectedFiles();
        if (sel.size() != 1 || sel.get(0).directory()) {
            filesStatus.setText("Select one file to open.");
            return;
        }
        JobFileBrowser.Entry e = sel.get(0);
        background("Opening " + e.name(), filesStatus, (j, m) -> {
            ClusterSession s = Engine.service().sessions().session(j.profileId(), m);
            Path local = Engine.service().documents().cacheFile(j, e.path().startsWith(j.remoteProjectDir() + "/") ? e.path()
                    : j.remoteProjectDir() + "/scratch/" + e.name());
            java.nio.file.Files.createDirectories(local.getParent());
            s.files().download(e.path(), local, m);
            return local;
        }, local -> {
            try {
                IDE.openEditorOnFileStore(getSite().getPage(), EFS.getLocalFileSystem().getStore(local.toUri()));
                filesStatus.setText("Opened a local copy of " + e.path());
            } catch (PartInitException ex) {
                filesStatus.setText("Cannot open " + e.name() + ": " + ex.getMessage());
            }
        });
    }

    /** Title of the delete confirmation. */
    public static final String DELETE_FILES_TITLE = "Delete Files of the Job";

    /** Deletes the selected files after confirmation (confined to the job's directories). */
    public boolean deleteSelectedFiles() {
        List<JobFileBrowser.Entry> sel = selectedFiles();
        if (sel.isEmpty()) {
            filesStatus.setText("Select files or folders to delete.");
            return false;
        }
        StringBuilder what = new StringBuilder();
        for (JobFileBrowser.Entry e : sel.subList(0, Math.min(8, sel.size()))) {
            what.append("\n  ").append(e.path()).append(e.directory() ? "/ (with everything in it)" : "");
        }
        if (sel.size() > 8) {
            what.append("\n  \u2026 and ").append(sel.size() - 8).append(" more");
        }
        if (!MessageDialog.openConfirm(getSite().getShell(), DELETE_FILES_TITLE, "Delete from the cluster for good?" + what)) {
            return false;
        }
        background("Deleting files", filesStatus, (j, m) -> {
            ClusterSession s = Engine.service().sessions().session(j.profileId(), m);
            JobFileBrowser b = new JobFileBrowser(s, j);
            for (JobFileBrowser.Entry e : sel) {
                b.delete(e.path(), m);
            }
            return sel.size();
        }, n -> {
            filesStatus.setText("Deleted " + n + (n == 1 ? " item" : " items"));
            loadFiles();
        });
        return true;
    }

    private void loadChain() {
        background("Reading the chain", chainStatus, (j, m) -> {
            var wf = Engine.service().workflows();
            List<Job> chain = wf.chain(j.id());
            List<Dependency> deps = new ArrayList<>();
            for (String id : wf.dependencies(j.id())) {
                NamdRunnerUi.store().jobs().find(id).ifPresent(x -> deps.add(new Dependency(x, false)));
            }
            for (WorkflowNode n : wf.state().nodes()) {
                if (n.dependsOn.contains(j.id())) {
                    NamdRunnerUi.store().jobs().find(n.jobId).ifPresent(x -> deps.add(new Dependency(x, true)));
                }
            }
            return new Object[] { ChainRows.of(chain, j.id()), deps };
        }, r -> {
            @SuppressWarnings("unchecked")
            List<ChainRows.Row> rows = (List<ChainRows.Row>) r[0];
            chainViewer.setInput(rows);
            dependencyViewer.setInput(r[1]);
            chainStatus.setText(rows.size() <= 1 ? "This job has no parent and no children. Continue or Restart creates a child."
                    : org.namdrunner.ui.jobs.JobFormat.count(rows.size(), "job") + " in this chain. Double-click a job to open it.");
            chainStatus.getParent().layout();
        });
    }

    // ------------------------------------------------------------------ refresh

    /** Reads the job again and shows it. */
    public void refresh() {
        if (overview == null || overview.isDisposed()) {
            return;
        }
        Optional<Job> found;
        List<JobStatusChange> changes;
        try {
            found = NamdRunnerUi.store().jobs().find(jobId());
            changes = found.isPresent() ? NamdRunnerUi.store().jobs().history(jobId()) : List.of();
        } catch (RuntimeException e) {
            stateLabel.setText("Cannot read the job: " + NamdRunnerUi.message(e));
            return;
        }
        if (found.isEmpty()) {
            job = null;
            stateLabel.setImage(null);
            stateLabel.setText("This job was deleted.");
            details.setText("");
            history.setInput(List.of());
            updateActions();
            return;
        }
        Job previous = job;
        Job j = found.get();
        job = j;
        setPartName(j.name());
        stateLabel.setImage(icons.get(j.state()));
        stateLabel.setText(j.name() + " \u2014 " + j.state().label() + (j.reason() != null ? " (" + j.reason() + ")" : ""));
        StringBuilder b = new StringBuilder();
        line(b, "Job id", j.id());
        line(b, "Profile", profileName(j.profileId()));
        line(b, "Scheduler job id", j.slurmJobId());
        line(b, "Partition", j.partition());
        line(b, "QoS", j.qos());
        line(b, "Nodes \u00d7 cores", j.nodes() + " \u00d7 " + j.cores());
        line(b, "Memory", j.memoryMb() == null ? null : j.memoryMb() + " MB");
        line(b, "Wall time", JobFormat.wallTime(j.wallTimeMinutes()));
        line(b, "Created", JobFormat.time(j.createdAt()));
        line(b, "Submitted", JobFormat.time(j.submittedAt()));
        line(b, "Started", JobFormat.time(j.startedAt()));
        line(b, "Ended", JobFormat.time(j.endedAt()));
        line(b, "Elapsed", JobFormat.elapsed(j, Instant.now()));
        line(b, "Exit code", j.exitCode() == null ? null : j.exitCode().toString());
        line(b, "Nodes", j.node());
        line(b, "Project directory", j.remoteProjectDir());
        line(b, "Scratch directory", j.remoteScratchDir());
        line(b, "Template", j.templateId());
        line(b, "Parent job", j.parentJobId() == null ? null
                : NamdRunnerUi.store().jobs().find(j.parentJobId()).map(Job::name).orElse(j.parentJobId()));
        line(b, "Group", j.groupId());
        details.setText(b.toString().stripTrailing());
        history.setInput(changes);
        overview.layout(true, true);
        header.layout(true, true);
        updateActions();
        if (previous != null && (previous.state() != j.state() || !java.util.Objects.equals(previous.slurmJobId(), j.slurmJobId()))) {
            // the state moved on: what other tabs show may be stale
            Tab active = Tab.values()[Math.max(0, getActivePage())];
            loaded.clear();
            loaded.add(Tab.OVERVIEW);
            if (active != Tab.OVERVIEW) {
                load(active, true);
            }
        }
    }

    private void updateActions() {
        Job j = job;
        for (Map.Entry<JobActions.Action, Button> e : actionItems.entrySet()) {
            e.getValue().setEnabled(j != null && JobActions.enabled(e.getKey(), j));
            e.getValue().setToolTipText(j == null ? null : JobActions.tooltip(e.getKey(), j));
        }
        // the theme colours disabled buttons by the :disabled pseudo class: style them again after a change
        var engine = org.namdrunner.ui.preferences.AppearancePreferencePage.engine(header.getDisplay());
        if (engine != null) {
            for (Button b : actionItems.values()) {
                engine.applyStyles(b, false);
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
            if (j != null && j.state().isActive() && running.get() == 0) {
                int page = getActivePage();
                if (page == Tab.ENERGY.ordinal()) {
                    loadLog(LogKind.NAMD, true);
                } else if (page == Tab.LOGS.ordinal()) {
                    loadLog(selectedLog(), true);
                }
            }
            scheduleLiveRefresh();
        });
    }

    private static String profileName(String id) {
        if (id == null) {
            return null;
        }
        try {
            return WorkbenchSessions.registry().find(id).map(p -> p.name()).orElse(id + "  (profile deleted)");
        } catch (RuntimeException e) {
            return id;
        }
    }

    private static void line(StringBuilder b, String key, String value) {
        if (value != null && !value.isBlank()) {
            b.append(String.format("%-18s %s%n", key + ":", value));
        }
    }

    // ------------------------------------------------------------------ actions

    /** Runs an editor action (confirmations and choices on the UI thread, the work in an Eclipse job). */
    public org.eclipse.core.runtime.jobs.Job run(JobActions.Action a) {
        Job j = job;
        if (j == null || !JobActions.enabled(a, j)) {
            return null;
        }
        Shell shell = getSite().getShell();
        java.util.function.Consumer<JobActions.Outcome> done = out -> {
            Display d = display();
            if (d != null) {
                d.asyncExec(() -> showOutcome(a, out));
            }
        };
        message(a.label().replace("\u2026", "") + " \u2026", false);
        return switch (a) {
            case SUBMIT -> JobActions.submit(j, done);
            case CANCEL -> MessageDialog.openConfirm(shell, "Cancel Job", "Cancel '" + j.name() + "' on the cluster?")
                    ? JobActions.cancel(j, done) : null;
            case SYNC -> JobActions.sync(j, done);
            case DOWNLOAD -> {
                // the folder to download into; the results go to a folder named after the job inside it
                Path target = directoryChooser.apply(shell, Engine.defaultResultsDir(j).getParent());
                yield target == null ? null : JobActions.download(j, target, done);
            }
            case CONTINUE -> JobActions.continueJob(j, done);
            case RESTART -> JobActions.restart(j, done);
            case DELETE -> {
                int choice = deleteChoice.apply(shell, j);
                yield choice < 0 ? null : JobActions.delete(j, choice == 0, done);
            }
        };
    }

    /** Title of the job delete dialog. */
    public static final String DELETE_JOB_TITLE = "Delete Job";

    /** Asks how to delete a job: 0 with its files on the cluster, 1 only the record, -1 cancelled (tests replace it). */
    public static final java.util.function.BiFunction<Shell, Job, Integer> DEFAULT_DELETE_CHOICE = (shell, j) -> {
        MessageDialog d = new MessageDialog(shell, DELETE_JOB_TITLE, null, "Delete '" + j.name() + "'?\n\n"
                + "\u2022 Delete with files: cancels the job if it is queued or running and removes its directories on the cluster.\n"
                + "\u2022 Delete record only: keeps the files on the cluster.", MessageDialog.WARNING, 2,
                "Delete with Files", "Delete Record Only", "Cancel");
        int r = d.open();
        return r == 0 || r == 1 ? r : -1;
    };

    /** How the next delete is chosen (tests replace it). */
    public static java.util.function.BiFunction<Shell, Job, Integer> deleteChoice = DEFAULT_DELETE_CHOICE;

    private void showOutcome(JobActions.Action a, JobActions.Outcome out) {
        if (disposed) {
            return;
        }
        IStatus s = out.status();
        if (s.matches(IStatus.CANCEL)) {
            message(a.label().replace("\u2026", "") + " was cancelled.", false);
        } else {
            message(s.getMessage(), s.getSeverity() >= IStatus.WARNING);
        }
        if (a == JobActions.Action.DELETE && s.getSeverity() < IStatus.WARNING) {
            getSite().getPage().closeEditor(this, false);
            return;
        }
        refresh();
        if (out.created() != null) {
            loaded.remove(Tab.CHAIN);
            if (getActivePage() == Tab.CHAIN.ordinal()) {
                load(Tab.CHAIN, true);
            }
        }
    }

    private void message(String text, boolean problem) {
        if (messageLabel == null || messageLabel.isDisposed()) {
            return;
        }
        messageLabel.setText(text == null ? "" : text);
        messageLabel.setForeground(problem ? messageLabel.getDisplay().getSystemColor(SWT.COLOR_RED) : null);
        header.layout(true, true);
    }

    // ------------------------------------------------------------------ access for tests

    public Job job() {
        return job;
    }

    public Label getStateLabel() {
        return stateLabel;
    }

    public Label getMessageLabel() {
        return messageLabel;
    }

    public TableViewer getHistoryViewer() {
        return history;
    }

    public ReadOnlyDocumentViewer getConfigurationViewer() {
        return configViewer;
    }

    public ReadOnlyDocumentViewer getScriptViewer() {
        return scriptViewer;
    }

    public ReadOnlyDocumentViewer getLogViewer() {
        return logViewer;
    }

    public Combo getLogKind() {
        return logKind;
    }

    public TreeViewer getFilesViewer() {
        return filesViewer;
    }

    public EnergyChart getEnergyChart() {
        return energyChart;
    }

    public TableViewer getChainViewer() {
        return chainViewer;
    }

    public TableViewer getDependencyViewer() {
        return dependencyViewer;
    }

    public Button getActionItem(JobActions.Action a) {
        return actionItems.get(a);
    }

    /** The status line of a tab. */
    public String getStatusText(Tab tab) {
        Label l = switch (tab) {
            case CONFIGURATION -> configStatus;
            case SCRIPT -> scriptStatus;
            case LOGS -> logStatus;
            case FILES -> filesStatus;
            case ENERGY -> energyStatus;
            case CHAIN -> chainStatus;
            default -> stateLabel;
        };
        return l.getText();
    }

    /** The log a failed job's reason quotes, or null. */
    static LogKind explainingLog(Job j) {
        if (j == null || !j.state().isFailure() || j.reason() == null) {
            return null;
        }
        for (LogKind k : LogKind.values()) {
            if (j.reason().startsWith(k.label() + ": ")) {
                return k;
            }
        }
        return null;
    }

    /** Selects a log kind and loads it. */
    public void showLog(LogKind kind) {
        logKind.select(kind.ordinal());
        loadLog(kind, false);
    }

    @Override
    public void dispose() {
        disposed = true;
        NamdRunnerUi.removeJobsListener(listener);
        org.eclipse.core.runtime.jobs.Job.getJobManager().cancel(this);
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
