package org.namdrunner.ui.views;

import org.namdrunner.ui.jobs.Engine;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.JobSort;
import org.namdrunner.store.Store;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.editors.JobEditor;
import org.namdrunner.ui.editors.JobEditorInput;
import org.namdrunner.ui.handlers.DeleteJobsHandler;
import org.namdrunner.ui.handlers.SyncHandler;
import org.namdrunner.ui.jobs.JobFormat;
import org.namdrunner.ui.jobs.JobPages;
import org.namdrunner.ui.jobs.StatusIcons;
import org.namdrunner.ui.jobs.RowWindow;

/**
 * Jobs view: a {@link RowWindow} over the store's paged job queries (the table holds only the rows on screen, read a
 * page at a time, so 100,000 jobs open, sort and filter as fast as 10), sortable by every column, filtered by text,
 * state, creation date range and cluster profile. With no jobs at all it shows how to create one.
 */
public class JobsView {

    public static final String NO_JOBS = "No jobs yet \u2014 create one with File > New Job";
    /** The empty state's button that creates and submits a demo job on the Demo profile. */
    public static final String TRY_DEMO = "Try a demo job";
    /** Setting (store) holding the time of the last successful sync, ISO-8601; written by the sync. */
    public static final String LAST_SYNC_SETTING = "sync.lastSuccess";
    /** Label of the Sync button of the filter bar. */
    public static final String SYNC_BUTTON = "Sync";

    /** The columns: header, width, sort key. */
    public enum Column {
        NAME("Name", 220, JobSort.NAME, SWT.LEFT),
        STATUS("Status", 120, JobSort.STATE, SWT.LEFT),
        PROFILE("Profile", 120, JobSort.PROFILE, SWT.LEFT),
        PARTITION("Partition", 90, JobSort.PARTITION, SWT.LEFT),
        CORES("Cores", 60, JobSort.CORES, SWT.RIGHT),
        WALL_TIME("Wall time", 80, JobSort.WALL_TIME, SWT.RIGHT),
        SUBMITTED("Submitted", 130, JobSort.SUBMITTED, SWT.LEFT),
        ELAPSED("Elapsed", 110, JobSort.ELAPSED, SWT.RIGHT),
        /** A running job's progress from its NAMD log: "42 % · ETA 1 h 10 min"; tooltip: speed and steps. Not sortable. */
        PROGRESS("Progress", 150, null, SWT.LEFT),
        /** How long the job waited in the queue (started − submitted). Not sortable. */
        QUEUE_WAIT("Queue wait", 90, null, SWT.RIGHT),
        SLURM_ID("Scheduler ID", 90, JobSort.SLURM_ID, SWT.LEFT),
        /** Chain and sweep links: "↳ parent" for a continued/restarted job, "group …" for a sweep member. Not sortable. */
        CHAIN("Chain / group", 170, null, SWT.LEFT);

        public final String header;
        final int width;
        public final JobSort sort;
        final int align;

        Column(String header, int width, JobSort sort, int align) {
            this.header = header;
            this.width = width;
            this.sort = sort;
            this.align = align;
        }
    }

    /** The state choices of the status filter, in combo order. */
    public static final Map<String, Set<JobState>> STATE_FILTERS = stateFilters();

    @Inject
    private ESelectionService selectionService;
    @Inject
    private EHandlerService handlerService;

    private Composite stack;
    private EmptyState emptyState;
    private Composite main;
    private Text filterText;
    private Combo stateCombo;
    private Combo profileCombo;
    private Button fromCheck;
    private DateTime fromDate;
    private Button toCheck;
    private DateTime toDate;
    private TableViewer viewer;
    private RowWindow<Job> rowWindow;
    private String statusBase = "";
    private Label statusLabel;
    private Button syncButton;
    private StatusIcons icons;

    private JobPages pages;
    private JobSort sort = JobSort.CREATED;
    private boolean ascending;
    private final List<String> profileIds = new ArrayList<>();
    private final Map<String, String> profileNames = new LinkedHashMap<>();
    /** Names of parent jobs shown in the chain column (looked up for visible rows only; cleared on reload). */
    private final Map<String, String> parentNames = new java.util.HashMap<>();
    /** Jobs waiting in a profile's submission queue: position and reason (read on every reload). */
    private final Map<String, org.namdrunner.workflow.Workflows.Queued> queued = new java.util.HashMap<>();
    /** Progress facts of the rows on screen (looked up for visible rows only; cleared on reload). */
    private final Map<String, java.util.Optional<org.namdrunner.core.model.JobProgress>> progress = new java.util.HashMap<>();
    private long totalJobs;
    private final Runnable storeListener = this::reloadLater;
    private boolean reloadQueued;
    /** While the controls are created: a reload does not lay them out (see {@link #createControls}). */
    private boolean creating;
    private Instant now = Instant.now();

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new org.eclipse.swt.layout.FillLayout());
        stack = new Composite(parent, SWT.NONE);
        StackLayout stackLayout = new StackLayout();
        stack.setLayout(stackLayout);
        emptyState = new EmptyState(stack, NO_JOBS);
        emptyState.addButton(TRY_DEMO, "Runs a small job on this computer with the demo simulator (simulated NAMD output, "
                + "no cluster or NAMD needed)", () -> tryDemo(parent.getShell()));
        main = new Composite(stack, SWT.NONE);
        GridLayout gl = new GridLayout(1, false);
        gl.marginWidth = 0;
        gl.marginHeight = 0;
        gl.verticalSpacing = 2;
        main.setLayout(gl);
        createFilterBar(main);
        createTable(main);
        statusLabel = new Label(main, SWT.NONE);
        statusLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        icons = new StatusIcons(parent.getDisplay());
        stackLayout.topControl = emptyState;

        if (handlerService != null) {
            handlerService.activateHandler(DeleteJobsHandler.COMMAND_ID, new DeleteJobsHandler(this));
        }
        NamdRunnerUi.addJobsListener(storeListener);
        // the first reload only chooses what to show: the workbench lays the new part out once it is shown (laying
        // out the stack and the table here as well cost 12-130 ms of the opening, measured)
        creating = true;
        try {
            reload();
        } finally {
            creating = false;
        }
    }

    /**
     * "Try a demo job": the demo job's Create Job draft ({@link org.namdrunner.demo.DemoJob}: Demo profile, built-in
     * template, shipped inputs copied to ~/NAMDRunner/demo-inputs) submitted by the wizard's own operation
     * ({@link org.namdrunner.ui.wizards.SubmitJob}); results go to the wizard's default folder ~/NAMDRunner/results.
     */
    private void tryDemo(Shell shell) {
        try {
            java.nio.file.Path home = org.namdrunner.core.NamdRunner.userHome().resolve("NAMDRunner");
            org.namdrunner.cluster.ProfileConfig profile = org.namdrunner.demo.DemoJob.profile(
                    org.namdrunner.ui.remote.WorkbenchSessions.registry());
            org.namdrunner.automation.draft.JobDraft d = org.namdrunner.demo.DemoJob.draft(profile,
                    home.resolve("demo-inputs"), home.resolve("results"));
            org.namdrunner.ui.wizards.SubmitJob.schedule(d.profile(), d.toRequest(), d.renderer(), d.localResultsDir(), 0);
        } catch (org.namdrunner.cluster.ClusterException | java.io.IOException | RuntimeException e) {
            org.eclipse.jface.dialogs.MessageDialog.openError(shell, TRY_DEMO, "The demo job could not be started: "
                    + NamdRunnerUi.message(e));
        }
    }

    private void createFilterBar(Composite parent) {
        Composite bar = new Composite(parent, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        GridLayout gl = new GridLayout(9, false);
        gl.marginHeight = 2;
        bar.setLayout(gl);

        filterText = new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL | SWT.BORDER);
        filterText.setMessage("Filter by name, id, scheduler id, partition\u2026");
        filterText.setToolTipText("Shows jobs whose name, id, scheduler id, profile, template, partition, QoS, nodes or reason contain this text");
        GridData fd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        fd.minimumWidth = 160;
        filterText.setLayoutData(fd);
        filterText.addModifyListener(e -> scheduleFilter());

        stateCombo = new Combo(bar, SWT.READ_ONLY);
        stateCombo.setItems(STATE_FILTERS.keySet().toArray(String[]::new));
        stateCombo.select(0);
        stateCombo.setToolTipText("Show jobs in these states");
        stateCombo.addListener(SWT.Selection, e -> applyFilters());

        profileCombo = new Combo(bar, SWT.READ_ONLY);
        profileCombo.setToolTipText("Show jobs of this cluster profile");
        profileCombo.addListener(SWT.Selection, e -> applyFilters());

        fromCheck = new Button(bar, SWT.CHECK);
        fromCheck.setText("Created from");
        fromDate = new DateTime(bar, SWT.DATE | SWT.MEDIUM | SWT.DROP_DOWN | SWT.BORDER);
        toCheck = new Button(bar, SWT.CHECK);
        toCheck.setText("to");
        toDate = new DateTime(bar, SWT.DATE | SWT.MEDIUM | SWT.DROP_DOWN | SWT.BORDER);
        fromDate.setEnabled(false);
        toDate.setEnabled(false);
        fromCheck.addListener(SWT.Selection, e -> {
            fromDate.setEnabled(fromCheck.getSelection());
            applyFilters();
        });
        toCheck.addListener(SWT.Selection, e -> {
            toDate.setEnabled(toCheck.getSelection());
            applyFilters();
        });
        fromDate.addListener(SWT.Selection, e -> applyFilters());
        toDate.addListener(SWT.Selection, e -> applyFilters());
        Label spacer = new Label(bar, SWT.NONE);
        spacer.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false));
        syncButton = new Button(bar, SWT.PUSH);
        syncButton.setText("S&ync");
        syncButton.setToolTipText("Ask the connected clusters about active jobs now (F5); the time of the last sync is shown below the table");
        syncButton.addListener(SWT.Selection, e -> SyncHandler.schedule());
    }

    private void createTable(Composite parent) {
        rowWindow = new RowWindow<>(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER, new RowWindow.Rows<Job>() {
            @Override
            public int count() {
                return pages == null ? 0 : (int) Math.min(Integer.MAX_VALUE, pages.count());
            }

            @Override
            public Job get(int index) {
                return pages == null ? null : pages.get(index);
            }

            @Override
            public String key(Job row) {
                return row.id();
            }

            @Override
            public java.util.Optional<Job> find(String key) {
                return NamdRunnerUi.store().jobs().find(key);
            }
        });
        rowWindow.getControl().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer = rowWindow.getViewer();
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (Column c : Column.values()) {
            TableViewerColumn vc = new TableViewerColumn(viewer, c.align);
            TableColumn tc = vc.getColumn();
            tc.setText(c.header);
            tc.setWidth(c.width);
            tc.setMoveable(true);
            tc.setData(Column.class.getName(), c);
            vc.setLabelProvider(new JobColumnLabel(c));
            tc.addListener(SWT.Selection, e -> sortBy(c));
        }
        // a maximised view gives its room to the columns with long texts
        FillColumns.install(table, column(Column.NAME), column(Column.CHAIN));
        org.eclipse.jface.viewers.ColumnViewerToolTipSupport.enableFor(viewer);
        rowWindow.addSelectionListener(() -> {
            showStatus();
            if (selectionService != null) {
                selectionService.setSelection(new StructuredSelection(rowWindow.shownSelection()));
            }
        });
        viewer.addDoubleClickListener(e -> openSelected());
        table.addListener(SWT.DefaultSelection, e -> openSelected());

        MenuManager menu = new MenuManager();
        menu.add(new Action("&Open") {
            @Override
            public void run() {
                openSelected();
            }
        });
        menu.add(new Separator());
        menu.add(new Action("S&ync\tF5") {
            @Override
            public void run() {
                SyncHandler.schedule();
            }
        });
        menu.add(new Action("&Cancel Jobs\u2026") {
            @Override
            public void run() {
                cancelSelected();
            }
        });
        menu.add(new Action("Download &Results\u2026") {
            @Override
            public void run() {
                downloadSelected();
            }
        });
        menu.add(new Action("D&uplicate\u2026") {
            @Override
            public void run() {
                duplicateSelected();
            }
        });
        menu.add(new Separator());
        menu.add(new Action("Set &Priority\u2026") {
            @Override
            public void run() {
                setPriorityOfSelected();
            }
        });
        menu.add(new Action("&Take Out of Queue") {
            @Override
            public void run() {
                withdrawSelected();
            }
        });
        menu.add(new Separator());
        menu.add(new Action("&Delete\u2026\tDel") {
            @Override
            public void run() {
                new DeleteJobsHandler(JobsView.this).execute(table.getShell());
            }
        });
        table.setMenu(menu.createContextMenu(table));
    }

    private final class JobColumnLabel extends ColumnLabelProvider {
        private final Column column;

        JobColumnLabel(Column column) {
            this.column = column;
        }

        @Override
        public String getText(Object element) {
            return text((Job) element, column);
        }

        @Override
        public Image getImage(Object element) {
            return column == Column.STATUS ? icons.get(((Job) element).state()) : null;
        }

        @Override
        public String getToolTipText(Object element) {
            Job j = (Job) element;
            org.namdrunner.workflow.Workflows.Queued q = column == Column.STATUS ? queued.get(j.id()) : null;
            if (q != null) {
                return "Position " + q.position() + " in the submission queue, priority " + j.priority() + " \u2014 " + q.reason();
            }
            if (column == Column.PROGRESS) {
                return progress(j).map(p -> {
                    String speed = p.speedSummary();
                    return speed.isEmpty() ? null : speed + " (read " + JobFormat.time(p.measuredAt()) + ")";
                }).orElse(null);
            }
            if (column == Column.QUEUE_WAIT && j.queueWait() != null) {
                return "Submitted " + JobFormat.time(j.submittedAt()) + ", started " + JobFormat.time(j.startedAt());
            }
            return column == Column.STATUS && j.reason() != null ? j.reason() : null;
        }
    }

    /** The chain column: the parent of a child job, else the sweep group. */
    private String chain(Job j) {
        if (j.parentJobId() != null) {
            String name = parentNames.computeIfAbsent(j.parentJobId(), id -> {
                try {
                    return NamdRunnerUi.store().jobs().find(id).map(Job::name).orElse("(deleted)");
                } catch (RuntimeException e) {
                    return id;
                }
            });
            return "\u21b3 " + name;
        }
        return j.groupId() == null ? "" : "group " + j.groupId();
    }

    /**
     * A job's progress facts (from the store, once per reload; none before it ran). The first progress cell of a
     * screen reads those of every started row on it in one query (not one per row).
     */
    public java.util.Optional<org.namdrunner.core.model.JobProgress> progress(Job j) {
        if (j.startedAt() == null) {
            return java.util.Optional.empty();
        }
        java.util.Optional<org.namdrunner.core.model.JobProgress> known = progress.get(j.id());
        if (known != null) {
            return known;
        }
        List<String> ids = new ArrayList<>();
        ids.add(j.id());
        if (rowWindow != null) {
            for (Job r : rowWindow.shown()) {
                if (r.startedAt() != null && !r.id().equals(j.id()) && !progress.containsKey(r.id())) {
                    ids.add(r.id());
                }
            }
        }
        try {
            Map<String, org.namdrunner.core.model.JobProgress> read = NamdRunnerUi.store().jobs().progress(ids);
            ids.forEach(id -> progress.put(id, java.util.Optional.ofNullable(read.get(id))));
        } catch (RuntimeException e) {
            progress.put(j.id(), java.util.Optional.empty());
        }
        return progress.get(j.id());
    }

    /**
     * The progress cell: for a running job its progress and ETA ("42 % · ETA 1 h 10 min"), for an ended one its
     * measured speed; empty when the log told nothing (yet).
     */
    private String progressText(Job j) {
        return progress(j).map(p -> j.state() == JobState.RUNNING ? p.summary(now)
                : p.nsPerDay() != null ? String.format(java.util.Locale.ROOT, p.nsPerDay() >= 10 ? "%.1f ns/day" : "%.3g ns/day", p.nsPerDay())
                        : "").orElse("");
    }

    /** The text of a cell. */
    public String text(Job j, Column c) {
        return switch (c) {
            case NAME -> j.name();
            case STATUS -> queued.containsKey(j.id()) ? "Queued #" + queued.get(j.id()).position() : j.state().label();
            case PROFILE -> j.profileId() == null ? "" : profileNames.getOrDefault(j.profileId(), j.profileId());
            case PARTITION -> JobFormat.orEmpty(j.partition());
            case CORES -> Integer.toString(j.cores()); // total cores (tasks) of the job
            case WALL_TIME -> JobFormat.wallTime(j.wallTimeMinutes());
            case SUBMITTED -> JobFormat.time(j.submittedAt());
            case ELAPSED -> JobFormat.elapsed(j, now);
            case PROGRESS -> progressText(j);
            case QUEUE_WAIT -> j.queueWait() == null ? "" : org.namdrunner.core.model.JobProgress.span(j.queueWait());
            case SLURM_ID -> JobFormat.orEmpty(j.slurmJobId());
            case CHAIN -> chain(j);
        };
    }

    // ---- query ----

    private void scheduleFilter() {
        Display d = filterText.getDisplay();
        d.timerExec(-1, filterTimer);
        d.timerExec(250, filterTimer);
    }

    private final Runnable filterTimer = () -> {
        if (viewer != null && !viewer.getTable().isDisposed()) {
            applyFilters();
        }
    };

    private void sortBy(Column c) {
        if (c.sort == null) {
            return;
        }
        Table table = viewer.getTable();
        TableColumn tc = column(c);
        if (sort == c.sort) {
            ascending = !ascending;
        } else {
            sort = c.sort;
            ascending = true;
        }
        table.setSortColumn(tc);
        table.setSortDirection(ascending ? SWT.UP : SWT.DOWN);
        reload(true, true, false);
    }

    /** Sorts by a column in a direction (what a click on its header does). */
    public void sort(Column c, boolean asc) {
        if (c.sort == null) {
            throw new IllegalArgumentException("The " + c.header + " column is not sortable");
        }
        sort = c.sort;
        ascending = asc;
        viewer.getTable().setSortColumn(column(c));
        viewer.getTable().setSortDirection(asc ? SWT.UP : SWT.DOWN);
        reload(true, true, false);
    }

    public TableColumn column(Column c) {
        for (TableColumn tc : viewer.getTable().getColumns()) {
            if (tc.getData(Column.class.getName()) == c) {
                return tc;
            }
        }
        throw new IllegalStateException(c.name());
    }

    /** The query the filter widgets describe. */
    public JobQuery currentQuery() {
        JobQuery q = JobQuery.all().sortedBy(sort, ascending).withText(filterText.getText());
        int si = stateCombo.getSelectionIndex();
        if (si > 0) {
            q = q.withStates(new ArrayList<>(STATE_FILTERS.values()).get(si));
        }
        int pi = profileCombo.getSelectionIndex();
        if (pi > 0 && pi - 1 < profileIds.size()) {
            q = q.withProfileId(profileIds.get(pi - 1));
        }
        Instant from = fromCheck.getSelection() ? day(fromDate, 0) : null;
        Instant to = toCheck.getSelection() ? day(toDate, 1) : null;
        return q.withCreated(from, to);
    }

    private static Instant day(DateTime d, int plusDays) {
        return LocalDate.of(d.getYear(), d.getMonth() + 1, d.getDay()).plusDays(plusDays)
                .atStartOfDay(ZoneId.systemDefault()).toInstant();
    }

    private void reloadLater() {
        Display d = viewer == null || viewer.getTable().isDisposed() ? null : viewer.getTable().getDisplay();
        if (d == null) {
            return;
        }
        synchronized (this) {
            if (reloadQueued) {
                return;
            }
            reloadQueued = true;
        }
        d.asyncExec(() -> {
            synchronized (this) {
                reloadQueued = false;
            }
            if (!viewer.getTable().isDisposed()) {
                reload(true);
            }
        });
    }

    /** Reads the count and the profile list again and shows the first rows for the current filters (selection dropped). */
    public void reload() {
        reload(false);
    }

    /**
     * Reads the count and the profile list again. A refresh (the store changed: a sync, a new job) keeps the
     * scroll position and the selected jobs; otherwise (new filters) the view shows the first rows, nothing selected.
     */
    public void reload(boolean refresh) {
        reload(refresh, !refresh);
    }

    /**
     * What a change of the filter fields does (typing pauses, a state/profile/date choice): the first rows of the jobs
     * that match, nothing selected; profiles and queues as they were read.
     */
    public void applyFilters() {
        reload(false, true, false);
    }

    private void reload(boolean keepSelection, boolean toTop) {
        reload(keepSelection, toTop, true);
    }

    /**
     * @param data whether the store may have changed (opening, a sync, a new job, an action): then the profile list
     *             and the submission queues are read again; a new sort or filter only reads the rows it shows
     */
    private void reload(boolean keepSelection, boolean toTop, boolean data) {
        StackLayout layout = (StackLayout) stack.getLayout();
        Store store;
        try {
            store = NamdRunnerUi.store();
            List<org.namdrunner.cluster.ProfileConfig> queueProfiles = null;
            if (data || profileIds.isEmpty()) {
                List<org.namdrunner.cluster.ProfileConfig> profiles;
                try {
                    profiles = org.namdrunner.ui.remote.WorkbenchSessions.registry().all();
                } catch (RuntimeException e) {
                    profiles = List.of(); // the stored records still name the user's profiles
                }
                reloadProfiles(store, profiles);
                queueProfiles = profiles;
            }
            parentNames.clear();
            progress.clear();
            now = Instant.now();
            if (pages == null) {
                pages = new JobPages(store.jobs(), JobQuery.all());
            }
            long n = pages.reset(currentQuery());
            totalJobs = pages.total();
            // one call whatever the count: the table only holds the rows on screen
            rowWindow.reset(keepSelection, toTop);
            statusBase = statusText(store, n);
            showStatus();
            Control top = totalJobs == 0 ? emptyState : main;
            if (layout.topControl != top) {
                if (top == emptyState) {
                    emptyState.setMessage(NO_JOBS);
                }
                layout.topControl = top;
                if (!creating) {
                    stack.layout(true, true);
                }
            }
            if (!creating) {
                main.layout(true);
            }
            if (queueProfiles != null) {
                reloadQueue(queueProfiles);
            }
        } catch (RuntimeException e) {
            NamdRunnerUi.log(org.eclipse.core.runtime.IStatus.ERROR, "Jobs view: cannot read the job list", e);
            emptyState.setMessage("Cannot read the job list: " + NamdRunnerUi.message(e));
            layout.topControl = emptyState;
            stack.layout(true, true);
        }
    }

    /** The counts and last sync, plus how many jobs are selected. */
    private void showStatus() {
        if (statusLabel == null || statusLabel.isDisposed()) {
            return;
        }
        int selected = rowWindow.selectionCount();
        statusLabel.setText(statusBase + (selected == 0 ? "" : String.format("   \u00b7   %,d selected", selected)));
    }

    private String statusText(Store store, long shown) {
        String last = store.settings().get(LAST_SYNC_SETTING).map(s -> {
            try {
                return JobFormat.time(Instant.parse(s));
            } catch (RuntimeException e) {
                return s;
            }
        }).orElse("never");
        String jobs = shown == totalJobs ? JobFormat.count(totalJobs, "job")
                : String.format("%,d of %s match%s the filter", shown, JobFormat.count(totalJobs, "job"), shown == 1 ? "es" : "");
        return jobs + "   \u00b7   Last sync: " + last + notSynced(org.namdrunner.ui.jobs.ClusterStatusSync.lastSummary());
    }

    /** After a sync that skipped profiles with active jobs because they are not connected: which ones. */
    static String notSynced(org.namdrunner.jobs.op.SyncOperation.Summary s) {
        return s == null || s.notReached().isEmpty() ? ""
                : "   \u00b7   Not synced (not connected): " + String.join(", ", s.notReached()) + " \u2014 File > Connect\u2026";
    }

    /** Family of the background reads of the submission queues (tests join it). */
    public static final Object QUEUE_FAMILY = new Object();
    /** The latest read of the queues: an older read that ends later is dropped. */
    private long queueGeneration;
    /** The latest read of the queues (cancelled when a newer one is asked for or the view closes). */
    private org.eclipse.core.runtime.jobs.Job queueRead;

    /**
     * Reads the submission queues of the profiles (jobs the user asked to submit that wait for their cap or
     * dependencies) in the background: the rows are painted first, "Queued #N" follows when the read is done (with
     * 100,000 jobs it takes a few hundred milliseconds that the window must not wait for). The last queues stay
     * shown until then. The read starts once the rows are painted (asyncExec: after the pending paint events), so it
     * does not compete with them for the CPU, the garbage collector and H2's page cache; an older read still
     * waiting or running is cancelled (a reopened view or a burst of job changes does not pile reads up).
     */
    private void reloadQueue(List<org.namdrunner.cluster.ProfileConfig> profiles) {
        long generation = ++queueGeneration;
        if (queueRead != null) {
            queueRead.cancel();
        }
        Display display = viewer.getTable().getDisplay();
        org.eclipse.core.runtime.jobs.Job read = new org.eclipse.core.runtime.jobs.Job("Reading the submission queues") {
            @Override
            protected org.eclipse.core.runtime.IStatus run(org.eclipse.core.runtime.IProgressMonitor monitor) {
                Map<String, org.namdrunner.workflow.Workflows.Queued> found = new java.util.HashMap<>();
                try {
                    org.namdrunner.workflow.Workflows wf = org.namdrunner.ui.jobs.Engine.service().workflows();
                    for (org.namdrunner.cluster.ProfileConfig p : profiles) {
                        if (monitor.isCanceled()) {
                            return org.eclipse.core.runtime.Status.CANCEL_STATUS;
                        }
                        wf.queue(p).forEach(q -> found.put(q.job().id(), q));
                    }
                } catch (RuntimeException e) {
                    NamdRunnerUi.log(org.eclipse.core.runtime.IStatus.WARNING, "Jobs view: cannot read the submission queues", e);
                    return org.eclipse.core.runtime.Status.OK_STATUS;
                }
                if (!monitor.isCanceled() && !display.isDisposed()) {
                    display.asyncExec(() -> {
                        if (generation != queueGeneration || viewer.getTable().isDisposed() || found.equals(queued)) {
                            return;
                        }
                        queued.clear();
                        queued.putAll(found);
                        viewer.refresh();
                    });
                }
                return org.eclipse.core.runtime.Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == QUEUE_FAMILY;
            }
        };
        read.setSystem(true);
        queueRead = read;
        display.asyncExec(() -> {
            if (generation == queueGeneration && !viewer.getTable().isDisposed()) {
                read.schedule();
            }
        });
    }

    /** Where a job waits in its profile's submission queue, and why (null when it does not wait). */
    public org.namdrunner.workflow.Workflows.Queued queued(Job j) {
        return queued.get(j.id());
    }

    private void reloadProfiles(Store store, List<org.namdrunner.cluster.ProfileConfig> profiles) {
        // presets (This computer, Demo, site presets) and the user's profiles, by name: never an internal id
        java.util.Map<String, String> list = new java.util.LinkedHashMap<>();
        for (org.namdrunner.cluster.ProfileConfig p : profiles) {
            list.put(p.id(), p.name());
        }
        store.clusterProfiles().list().forEach(r -> list.putIfAbsent(r.id(), r.name()));
        String selected = profileCombo.getSelectionIndex() > 0 && profileCombo.getSelectionIndex() - 1 < profileIds.size()
                ? profileIds.get(profileCombo.getSelectionIndex() - 1) : null;
        profileIds.clear();
        profileNames.clear();
        List<String> items = new ArrayList<>();
        items.add("All profiles");
        list.forEach((id, pname) -> {
            profileIds.add(id);
            profileNames.put(id, pname);
            items.add(pname);
        });
        String[] names = items.toArray(String[]::new);
        if (!java.util.Arrays.equals(names, profileCombo.getItems())) {
            profileCombo.setItems(names);
            // the combo's width follows its longest name; while the view is being created (or shows the empty state)
            // the stack's layout of every control follows anyway
            if (((StackLayout) stack.getLayout()).topControl == main) {
                profileCombo.getParent().layout(true);
            }
        }
        int idx = selected == null ? 0 : profileIds.indexOf(selected) + 1;
        profileCombo.select(Math.max(0, idx));
    }

    // ---- selection and actions ----

    /** The selected jobs, also those scrolled out of sight (read from the store when not on screen). */
    public List<Job> selectedJobs() {
        if (rowWindow == null || viewer.getTable().isDisposed()) {
            return List.of();
        }
        return rowWindow.selection();
    }

    /** Whether any job is selected (without reading them). */
    public boolean hasSelection() {
        return rowWindow != null && !viewer.getTable().isDisposed() && rowWindow.hasSelection();
    }

    /** Title of the confirmation of a bulk cancel. */
    public static final String CANCEL_JOBS_TITLE = "Cancel Jobs";

    /**
     * Cancels the selected jobs that are still queued or running, after a confirmation: one background job, one
     * {@code scancel} per cluster profile. Returns the scheduled job, or null when nothing was cancelled.
     */
    /** Title of the priority dialog. */
    public static final String PRIORITY_TITLE = "Set Priority";

    /** Asks for a priority and gives it to the selected jobs that wait in a submission queue. */
    List<org.eclipse.core.runtime.jobs.Job> setPriorityOfSelected() {
        List<Job> waiting = selectedJobs().stream().filter(j -> queued.containsKey(j.id())).toList();
        Shell shell = viewer.getTable().getShell();
        if (waiting.isEmpty()) {
            org.eclipse.jface.dialogs.MessageDialog.openInformation(shell, PRIORITY_TITLE, "None of the selected jobs waits in a submission queue.");
            return List.of();
        }
        org.eclipse.jface.dialogs.InputDialog d = new org.eclipse.jface.dialogs.InputDialog(shell, PRIORITY_TITLE,
                "Priority of " + (waiting.size() == 1 ? "'" + waiting.get(0).name() + "'" : waiting.size() + " waiting jobs")
                        + " (higher is submitted first; now " + waiting.get(0).priority() + "):",
                Integer.toString(waiting.get(0).priority()), v -> {
                    try {
                        Integer.parseInt(v.strip());
                        return null;
                    } catch (NumberFormatException e) {
                        return "A whole number, e.g. 10 or -5";
                    }
                });
        if (d.open() != org.eclipse.jface.window.Window.OK) {
            return List.of();
        }
        int priority = Integer.parseInt(d.getValue().strip());
        List<org.eclipse.core.runtime.jobs.Job> scheduled = new ArrayList<>();
        for (Job j : waiting) {
            scheduled.add(org.namdrunner.ui.jobs.OperationJob.schedule(org.namdrunner.jobs.op.QueueOperation.priority(
                    org.namdrunner.ui.jobs.Engine.service(), j, priority), null));
        }
        return scheduled;
    }

    /** Takes the selected jobs that wait in a submission queue out of it (they stay Created). */
    List<org.eclipse.core.runtime.jobs.Job> withdrawSelected() {
        List<org.eclipse.core.runtime.jobs.Job> scheduled = new ArrayList<>();
        for (Job j : selectedJobs()) {
            if (queued.containsKey(j.id())) {
                scheduled.add(org.namdrunner.ui.jobs.OperationJob.schedule(org.namdrunner.jobs.op.QueueOperation.withdraw(
                        org.namdrunner.ui.jobs.Engine.service(), j), null));
            }
        }
        return scheduled;
    }

    org.eclipse.core.runtime.jobs.Job cancelSelected() {
        List<Job> active = selectedJobs().stream().filter(j -> !j.state().isTerminal()).toList();
        Shell shell = viewer.getTable().getShell();
        if (active.isEmpty()) {
            org.eclipse.jface.dialogs.MessageDialog.openInformation(shell, CANCEL_JOBS_TITLE,
                    "None of the selected jobs is queued or running.");
            return null;
        }
        String names = active.stream().limit(5).map(j -> "'" + j.name() + "'").collect(java.util.stream.Collectors.joining(", "))
                + (active.size() > 5 ? " and " + (active.size() - 5) + " more" : "");
        if (!org.eclipse.jface.dialogs.MessageDialog.openConfirm(shell, CANCEL_JOBS_TITLE, "Cancel " + active.size()
                + (active.size() == 1 ? " job" : " jobs") + " on the cluster (" + names + ")? Their output so far stays in "
                + "their folders.")) {
            return null;
        }
        return org.namdrunner.ui.editors.JobActions.cancelAll(active, null);
    }

    /**
     * Downloads the results of the selected jobs into a folder the user chooses (each job into its own sub-folder).
     * Returns the scheduled job, or null when nothing was chosen.
     */
    public org.eclipse.core.runtime.jobs.Job downloadSelected() {
        List<Job> jobs = selectedJobs().stream().filter(j -> j.state().isTerminal() || j.state().isActive()).toList();
        if (jobs.isEmpty()) {
            return null;
        }
        Path suggested = Engine.defaultResultsDir(jobs.get(0)).getParent();
        Path target = org.namdrunner.ui.editors.DownloadFolder.choose(viewer.getTable().getShell(), suggested);
        if (target == null) {
            return null;
        }
        return org.namdrunner.ui.editors.JobActions.downloadAll(jobs, target, null);
    }

    /** Duplicate… of the first selected job (its dialog, then the copy is created and queued); null when none. */
    public org.eclipse.core.runtime.jobs.Job duplicateSelected() {
        List<Job> jobs = selectedJobs().stream()
                .filter(j -> org.namdrunner.ui.editors.JobActions.enabled(org.namdrunner.ui.editors.JobActions.Action.DUPLICATE, j))
                .toList();
        if (jobs.isEmpty()) {
            return null;
        }
        return org.namdrunner.ui.editors.JobActions.duplicate(viewer.getTable().getShell(), jobs.get(0), null);
    }

    public void openSelected() {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        for (Job j : selectedJobs()) {
            try {
                page.openEditor(new JobEditorInput(j.id(), j.name()), JobEditor.ID);
            } catch (PartInitException e) {
                NamdRunnerUi.log(org.eclipse.core.runtime.IStatus.ERROR, "Cannot open job " + j.id(), e);
                org.eclipse.jface.dialogs.MessageDialog.openError(viewer.getTable().getShell(), "Open Job",
                        "Cannot open job '" + j.name() + "': " + NamdRunnerUi.message(e));
            }
        }
    }

    // ---- for tests and benchmarks ----

    public TableViewer getViewer() {
        return viewer;
    }

    public Text getFilterText() {
        return filterText;
    }

    public Combo getStateCombo() {
        return stateCombo;
    }

    public Combo getProfileCombo() {
        return profileCombo;
    }

    public Button getFromCheck() {
        return fromCheck;
    }

    public DateTime getFromDate() {
        return fromDate;
    }

    public Button getToCheck() {
        return toCheck;
    }

    public DateTime getToDate() {
        return toDate;
    }

    Button getSyncButton() {
        return syncButton;
    }

    Label getStatusLabel() {
        return statusLabel;
    }

    public RowWindow<Job> getRowWindow() {
        return rowWindow;
    }

    /** Number of rows for the current filters (the table itself only holds the rows on screen). */
    public int rowCount() {
        return rowWindow.count();
    }

    /** Scrolls as little as needed to show row {@code index} and returns its table item. */
    public org.eclipse.swt.widgets.TableItem reveal(int index) {
        return rowWindow.reveal(index);
    }

    public JobPages getPages() {
        return pages;
    }

    EmptyState getEmptyState() {
        return emptyState;
    }

    /** True when the empty state is what the view shows. */
    public boolean showsEmptyState() {
        return ((StackLayout) stack.getLayout()).topControl == emptyState;
    }

    @PreDestroy
    public void dispose() {
        NamdRunnerUi.removeJobsListener(storeListener);
        queueGeneration++;
        if (queueRead != null) {
            queueRead.cancel(); // nobody will show it
        }
        if (icons != null) {
            icons.dispose();
        }
    }

    private static Map<String, Set<JobState>> stateFilters() {
        Map<String, Set<JobState>> m = new LinkedHashMap<>();
        m.put("All states", EnumSet.allOf(JobState.class));
        Function<java.util.function.Predicate<JobState>, Set<JobState>> of = p -> {
            EnumSet<JobState> s = EnumSet.noneOf(JobState.class);
            for (JobState st : JobState.values()) {
                if (p.test(st)) {
                    s.add(st);
                }
            }
            return s;
        };
        m.put("Active (queued or running)", of.apply(JobState::isActive));
        m.put("Not submitted", EnumSet.of(JobState.CREATED, JobState.STAGING, JobState.BLOCKED));
        m.put("All finished", of.apply(JobState::isTerminal));
        m.put("All failures", of.apply(JobState::isFailure));
        for (JobState s : JobState.values()) {
            m.put(s.label(), EnumSet.of(s));
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
