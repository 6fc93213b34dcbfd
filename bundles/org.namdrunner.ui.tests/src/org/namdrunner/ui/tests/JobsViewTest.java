package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.jface.bindings.TriggerSequence;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.keys.IBindingService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.core.JobState;
import org.namdrunner.ui.views.ViewTestHooks;
import org.namdrunner.ui.jobs.JobsTestHooks;
import org.namdrunner.ui.editors.EditorTestHooks;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.JobSort;
import org.namdrunner.store.Store;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.editors.JobEditor;
import org.namdrunner.ui.handlers.DeleteJobsHandler;
import org.namdrunner.ui.handlers.SyncHandler;
import org.namdrunner.ui.jobs.RowWindow;
import org.namdrunner.ui.views.JobsView;
import org.namdrunner.ui.views.JobsView.Column;
import org.namdrunner.ui.views.ViewIds;

/** The Jobs view over a real store file with thousands of jobs: sort, filter, select, delete, open, keys. */
@Tag("ui")
class JobsViewTest {

    static final int N = 3000;
    static List<Job> jobs;
    static Store store;

    @BeforeAll
    static void fill() {
        store = NamdRunnerUi.store();
        jobs = TestJobs.replaceAll(store, N);
    }

    @AfterAll
    static void clean() {
        TestJobs.deleteAll(store);
        NamdRunnerUi.fireJobsChanged();
        UiTestSupport.settle(Display.getCurrent());
    }

    static JobsView view() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        IViewPart part = page.showView(ViewIds.JOBS);
        page.activate(part);
        JobsView v = part.getAdapter(JobsView.class);
        assertNotNull(v, "the Jobs view part does not adapt to its e4 POJO");
        v.reload();
        UiTestSupport.settle(Display.getCurrent());
        return v;
    }

    static Table table(JobsView v) {
        return v.getViewer().getTable();
    }

    /** The job of a row, as the user sees it: the view scrolls to the row and the job is its table item's. */
    static Job row(JobsView v, int index) {
        org.eclipse.swt.widgets.TableItem item = v.reveal(index);
        assertNotNull(item, "no row " + index);
        return (Job) item.getData();
    }

    @org.junit.jupiter.api.BeforeEach
    void clearFilters() throws Exception {
        JobsView v = view();
        v.getFilterText().setText("");
        v.getStateCombo().select(0);
        v.getProfileCombo().select(0);
        v.getFromCheck().setSelection(false);
        v.getToCheck().setSelection(false);
        v.reload();
    }

    static String cell(JobsView v, int row, Column c) {
        org.eclipse.swt.widgets.TableItem item = v.reveal(row);
        assertNotNull(item, "no row " + row);
        return item.getText(c.ordinal());
    }

    static TableColumn header(JobsView v, Column c) {
        return table(v).getColumn(c.ordinal());
    }

    @Test
    void showsAllJobsWithTheirColumns() throws Exception {
        JobsView v = view();
        assertFalse(v.showsEmptyState(), "jobs exist but the empty state is shown");
        assertEquals(N, v.rowCount());
        assertTrue(ViewTestHooks.getStatusLabel(v).getText().startsWith("3,000 jobs"), ViewTestHooks.getStatusLabel(v).getText());
        // newest submission first
        v.sort(Column.SUBMITTED, false);
        List<Job> submitted = jobs.stream().filter(j -> j.submittedAt() != null)
                .sorted(Comparator.comparing(Job::submittedAt).reversed()).toList();
        Job newest = submitted.get(0);
        assertEquals(newest.name(), cell(v, 0, Column.NAME));
        assertEquals(newest.state().label(), cell(v, 0, Column.STATUS));
        assertNotNull(table(v).getItem(0).getImage(Column.STATUS.ordinal()), "status column has no icon");
        assertEquals(newest.profileId().equals("testcluster") ? "Test cluster" : "Local", cell(v, 0, Column.PROFILE));
        assertEquals(newest.partition(), cell(v, 0, Column.PARTITION));
        assertEquals(Integer.toString(newest.cores()), cell(v, 0, Column.CORES));
        assertEquals(org.namdrunner.ui.jobs.JobFormat.wallTime(newest.wallTimeMinutes()), cell(v, 0, Column.WALL_TIME));
        assertEquals(org.namdrunner.ui.jobs.JobFormat.time(newest.submittedAt()), cell(v, 0, Column.SUBMITTED));
        assertEquals(newest.slurmJobId(), cell(v, 0, Column.SLURM_ID));
        // a row far down is read on demand from the store
        int far = submitted.size() - 1;
        Job old = submitted.get(far);
        assertEquals(old.name(), cell(v, far, Column.NAME));
        assertEquals(old.slurmJobId(), cell(v, far, Column.SLURM_ID));
        v.getRowWindow().scrollTo(0); // the picture shows the newest jobs
        UiTestSupport.settle(Display.getCurrent());
        UiTestSupport.screenshotLightAndDark(v.getViewer().getTable().getShell(), "jobs-view");
    }

    /**
     * A wider view gives its room to the growing columns (the Jobs view's Name and Chain) and takes it back when it
     * shrinks; a width the user drags a growing column to is kept as its own; other columns keep theirs.
     */
    @Test
    void growingColumnsTakeTheRoomOfAWiderViewAndGiveItBack() {
        Display d = Display.getCurrent();
        org.eclipse.swt.widgets.Shell shell = new org.eclipse.swt.widgets.Shell(d);
        try {
            shell.setLayout(new org.eclipse.swt.layout.FillLayout());
            Table t = new Table(shell, org.eclipse.swt.SWT.BORDER);
            org.eclipse.swt.widgets.TableColumn name = new org.eclipse.swt.widgets.TableColumn(t, org.eclipse.swt.SWT.LEFT);
            org.eclipse.swt.widgets.TableColumn cores = new org.eclipse.swt.widgets.TableColumn(t, org.eclipse.swt.SWT.LEFT);
            org.eclipse.swt.widgets.TableColumn chain = new org.eclipse.swt.widgets.TableColumn(t, org.eclipse.swt.SWT.LEFT);
            name.setWidth(100);
            cores.setWidth(60);
            chain.setWidth(100);
            org.namdrunner.ui.views.FillColumns.install(t, name, chain);
            shell.setSize(900, 300);
            shell.open();
            UiTestSupport.settle(d);
            int free = t.getClientArea().width - 260;
            assertTrue(free > 0, "room to share: " + free);
            assertEquals(60, cores.getWidth(), "other columns keep their width");
            assertEquals(260 + free, name.getWidth() + cores.getWidth() + chain.getWidth(), "the columns fill the table");
            assertTrue(Math.abs(name.getWidth() - chain.getWidth()) <= 1, name.getWidth() + " / " + chain.getWidth());
            shell.setSize(200, 300); // narrower than the columns: back to their own widths
            UiTestSupport.settle(d);
            assertEquals(100, name.getWidth());
            assertEquals(100, chain.getWidth());
            name.setWidth(180);      // the user drags Name wider: that is its own width now
            shell.setSize(900, 300);
            UiTestSupport.settle(d);
            assertTrue(name.getWidth() > chain.getWidth() + 60, name.getWidth() + " / " + chain.getWidth());
        } finally {
            shell.dispose();
        }
    }

    @Test
    void sortsByEveryColumnBothWays() throws Exception {
        JobsView v = view();
        for (Column c : Column.values()) {
            if (c.sort == null) {
                continue; // chain / group: not backed by a store index
            }
            // a click on another column first, so the click on c is a first click
            UiTestSupport.click(header(v, c == Column.NAME ? Column.STATUS : Column.NAME));
            UiTestSupport.click(header(v, c));
            UiTestSupport.settle(Display.getCurrent());
            assertEquals(SWT.UP, table(v).getSortDirection(), c + " first click sorts ascending");
            assertEquals(header(v, c), table(v).getSortColumn());
            checkOrder(v, c, true);
            UiTestSupport.click(header(v, c));
            UiTestSupport.settle(Display.getCurrent());
            assertEquals(SWT.DOWN, table(v).getSortDirection(), c + " second click sorts descending");
            checkOrder(v, c, false);
        }
        // name ascending: exactly the Java order (case-insensitive, ties by id)
        v.sort(Column.NAME, true);
        List<String> expected = jobs.stream()
                .sorted(Comparator.comparing((Job j) -> j.name().toLowerCase(Locale.ROOT)).thenComparing(Job::id))
                .limit(300).map(Job::name).toList();
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            shown.add(cell(v, i, Column.NAME));
        }
        assertEquals(expected, shown);
        v.sort(Column.SUBMITTED, false);
    }

    /** The first 250 rows and the last rows are in order for the column's key. */
    private static void checkOrder(JobsView v, Column c, boolean asc) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            rows.add(i);
        }
        for (int i = v.rowCount() - 50; i < v.rowCount(); i++) {
            rows.add(i);
        }
        Comparable<Object> prev = null;
        for (int r : rows) {
            Job j = row(v, r);
            assertNotNull(j, "row " + r + " not loaded");
            @SuppressWarnings("unchecked")
            Comparable<Object> key = (Comparable<Object>) (Comparable<?>) sortKey(j, c);
            if (prev != null && key != null) {
                int cmp = prev.compareTo(key);
                assertTrue(asc ? cmp <= 0 : cmp >= 0, c + (asc ? " asc" : " desc") + " out of order at row " + r
                        + ": " + prev + " then " + key);
            }
            if (key != null) {
                prev = key;
            }
        }
    }

    private static Comparable<?> sortKey(Job j, Column c) {
        return switch (c) {
            case NAME -> j.name().toLowerCase(Locale.ROOT);
            case STATUS -> j.state().name();
            case PROFILE -> j.profileId();
            case PARTITION -> j.partition();
            case CORES -> j.cores();
            case WALL_TIME -> j.wallTimeMinutes();
            case SUBMITTED -> j.submittedAt();
            case ELAPSED -> j.endedAt() == null ? null : j.endedAt().getEpochSecond() - j.startedAt().getEpochSecond();
            case SLURM_ID -> j.slurmJobId();
            case CHAIN, PROGRESS, QUEUE_WAIT -> null; // not sortable
        };
    }

    @Test
    void filtersByTextStateProfileAndDate() throws Exception {
        JobsView v = view();
        Display d = Display.getCurrent();
        // text (debounced as the user types)
        v.getFilterText().setText("spike-prod-001");
        UiTestSupport.waitUntil(d, 5000, () -> v.rowCount() != N, "text filter applied");
        long expected = jobs.stream().filter(j -> j.name().toLowerCase(Locale.ROOT).contains("spike-prod-001")).count();
        assertEquals(expected, v.rowCount());
        assertTrue(ViewTestHooks.getStatusLabel(v).getText().contains("of 3,000 jobs match"), ViewTestHooks.getStatusLabel(v).getText());
        assertTrue(JobsTestHooks.readsAmongTextMatches(v.getPages()) && !JobsTestHooks.walksSortIndex(v.getPages()));
        for (int i = 0; i < v.rowCount(); i++) {
            assertTrue(cell(v, i, Column.NAME).startsWith("Spike-prod-001"), cell(v, i, Column.NAME));
        }
        v.getFilterText().setText("");
        UiTestSupport.waitUntil(d, 5000, () -> v.rowCount() == N, "text filter cleared");

        // state: "Failed"
        select(v.getStateCombo(), "All failures");
        Set<JobState> failed = java.util.EnumSet.noneOf(JobState.class);
        for (JobState s : JobState.values()) {
            if (s.isFailure()) {
                failed.add(s);
            }
        }
        assertEquals(jobs.stream().filter(j -> failed.contains(j.state())).count(), v.rowCount());
        assertTrue(JobsTestHooks.walksSortIndex(v.getPages()), "a filter matching many jobs pages along the sort index");
        for (int i = 0; i < Math.min(100, v.rowCount()); i++) {
            assertTrue(failed.contains(row(v, i).state()));
        }
        // plus profile
        select(v.getProfileCombo(), "Test cluster");
        assertEquals(jobs.stream().filter(j -> failed.contains(j.state()) && j.profileId().equals("testcluster")).count(),
                v.rowCount());
        select(v.getStateCombo(), "All states");
        select(v.getProfileCombo(), "All profiles");
        assertEquals(N, v.rowCount());

        // creation date range: 2026-01-03 .. 2026-01-04 (both days included)
        LocalDate from = LocalDate.of(2026, 1, 3);
        LocalDate to = LocalDate.of(2026, 1, 4);
        v.getFromDate().setDate(from.getYear(), from.getMonthValue() - 1, from.getDayOfMonth());
        v.getToDate().setDate(to.getYear(), to.getMonthValue() - 1, to.getDayOfMonth());
        v.getFromCheck().setSelection(true);
        UiTestSupport.click(v.getFromCheck());
        v.getToCheck().setSelection(true);
        UiTestSupport.click(v.getToCheck());
        UiTestSupport.settle(d);
        ZoneId zone = ZoneId.systemDefault();
        long inRange = jobs.stream().filter(j -> !j.createdAt().isBefore(from.atStartOfDay(zone).toInstant())
                && j.createdAt().isBefore(to.plusDays(1).atStartOfDay(zone).toInstant())).count();
        assertTrue(inRange > 0 && inRange < N, "test data spans the range: " + inRange);
        assertEquals(inRange, v.rowCount());
        UiTestSupport.screenshot(table(v).getShell(), "jobs-view-filtered");
        v.getFromCheck().setSelection(false);
        UiTestSupport.click(v.getFromCheck());
        v.getToCheck().setSelection(false);
        UiTestSupport.click(v.getToCheck());
        assertEquals(N, v.rowCount());
    }

    /**
     * Each way the view's pages are read gives the rows of the plain query: ids of a selective text, the sort-index
     * walk of a common filter, and the ordered ids of a common text deep down (reached here with a lowered
     * "few matches" limit, as 3,000 jobs never exceed the real one).
     */
    @Test
    void everyPagingPlanReadsTheSameRowsAsThePlainQuery() {
        for (JobSort sort : List.of(JobSort.NAME, JobSort.SUBMITTED, JobSort.STATE)) {
            for (boolean asc : new boolean[] {true, false}) {
                JobQuery common = JobQuery.all().sortedBy(sort, asc).withText("e"); // every job: Membrane, ubq-eq, Spike
                JobQuery few = JobQuery.all().sortedBy(sort, asc).withText("spike-prod-00");
                JobQuery states = JobQuery.all().sortedBy(sort, asc).withStates(JobState.COMPLETED, JobState.FAILED,
                        JobState.RUNNING, JobState.PENDING);
                for (JobQuery q : List.of(common, few, states)) {
                    org.namdrunner.ui.jobs.JobPages pages = new org.namdrunner.ui.jobs.JobPages(store.jobs(), q, 10);
                    long n = pages.reset(q);
                    List<Job> plain = store.jobs().list(q.page(0, N));
                    assertEquals(plain.size(), n, q.toString());
                    if (q == common) {
                        assertTrue(n > org.namdrunner.ui.jobs.JobPages.DEEP_ROWS, "the deep plan is reached: " + n);
                    }
                    for (int i = 0; i < n; i += 7) {
                        assertEquals(plain.get(i).id(), pages.get(i).id(), q + " row " + i);
                    }
                    assertEquals(plain.get((int) n - 1).id(), pages.get((int) n - 1).id(), q + " last row");
                    assertEquals(null, pages.get((int) n), "past the end");
                }
            }
        }
    }

    private static void select(org.eclipse.swt.widgets.Combo combo, String item) {
        int i = combo.indexOf(item);
        assertTrue(i >= 0, "no '" + item + "' in " + List.of(combo.getItems()));
        combo.select(i);
        combo.notifyListeners(SWT.Selection, new Event());
        UiTestSupport.settle(combo.getDisplay());
    }

    /**
     * The table holds only the rows on screen; the slider, the mouse wheel and the keys move the window over all
     * rows, and the selection is kept by job across scrolling and refreshes.
     */
    @Test
    void holdsOnlyTheRowsOnScreenAndKeepsTheSelectionWhileScrolling() throws Exception {
        JobsView v = view();
        Display d = Display.getCurrent();
        v.sort(Column.NAME, true);
        List<String> byName = idsByName();
        Table t = table(v);
        RowWindow<Job> w = v.getRowWindow();
        int fit = w.fit();
        assertTrue(fit >= 5 && fit < 200, "rows on screen: " + fit);
        assertEquals(fit, t.getItemCount(), "the table holds exactly the rows that fit");
        assertEquals(N, JobsTestHooks.getSlider(w).getMaximum());
        assertEquals(fit, JobsTestHooks.getSlider(w).getThumb());
        // every native row fits: asking the table to scroll natively does not move it
        t.setTopIndex(fit - 1);
        UiTestSupport.settle(d);
        assertTrue(t.getItem(0).getBounds().y >= 0, "the native table scrolled: " + t.getItem(0).getBounds());

        // slider
        JobsTestHooks.getSlider(w).setSelection(1000);
        JobsTestHooks.getSlider(w).notifyListeners(SWT.Selection, new Event());
        UiTestSupport.settle(d);
        assertEquals(1000, w.top());
        assertEquals(byName.get(1000), ((Job) t.getItem(0).getData()).id());
        // wheel: three rows down
        Event wheel = new Event();
        wheel.count = -3;
        t.notifyListeners(SWT.MouseVerticalWheel, wheel);
        assertEquals(1003, w.top());
        assertEquals(1003, JobsTestHooks.getSlider(w).getSelection());
        assertEquals(byName.get(1003), ((Job) t.getItem(0).getData()).id());

        // click a row, Ctrl+click another, scroll away: both stay selected
        click(t, 2, 0);
        click(t, 4, SWT.MOD1);
        assertEquals(List.of(byName.get(1005), byName.get(1007)), ids(v.selectedJobs()));
        key(t, SWT.HOME, 0);
        assertEquals(0, w.top());
        assertEquals(List.of(byName.get(0)), ids(v.selectedJobs()), "Home moves the selection to the first row");
        // Shift+Page Down twice: a range across the edge of the window
        key(t, SWT.PAGE_DOWN, SWT.SHIFT);
        key(t, SWT.PAGE_DOWN, SWT.SHIFT);
        int last = 2 * (fit - 1);
        assertEquals(byName.subList(0, last + 1), ids(v.selectedJobs()));
        assertEquals(last - fit + 1, w.top(), "scrolled just enough to show the focus row");
        assertEquals(fit, t.getSelectionCount(), "every row on screen is in the range");
        // a refresh (the store changed) keeps scroll position and selection
        NamdRunnerUi.fireJobsChanged();
        UiTestSupport.settle(d);
        assertEquals(last - fit + 1, w.top());
        assertEquals(last + 1, v.selectedJobs().size());
        // End: last row, alone
        key(t, SWT.END, 0);
        assertEquals(N - fit, w.top());
        assertEquals(List.of(byName.get(N - 1)), ids(v.selectedJobs()));
        assertTrue(t.isSelected(fit - 1));
        // Ctrl+A: every row, without reading them until asked
        Event all = new Event();
        all.keyCode = 'a';
        all.character = 1;
        all.stateMask = SWT.MOD1;
        t.notifyListeners(SWT.KeyDown, all);
        assertEquals(N, w.selectionCount());
        assertTrue(ViewTestHooks.getStatusLabel(v).getText().endsWith("3,000 selected"), ViewTestHooks.getStatusLabel(v).getText());
        assertEquals(N, v.selectedJobs().size());
        // a new filter drops the selection and shows the top
        v.getFilterText().setText("ubq");
        v.reload();
        assertEquals(0, w.top());
        assertFalse(w.hasSelection());
        v.getFilterText().setText("");
        v.reload();
        UiTestSupport.screenshot(t.getShell(), "jobs-view-scrolled");
    }

    /** Clicks and keys through the X server (real pointer and key events), so GTK's own handling runs as for a user. */
    @Test
    void realClicksAndKeysSelectAndScroll() throws Exception {
        JobsView v = view();
        Display d = Display.getCurrent();
        v.sort(Column.NAME, true);
        List<String> byName = idsByName();
        Table t = table(v);
        RowWindow<Job> w = v.getRowWindow();
        t.getShell().forceActive();
        t.setFocus();
        UiTestSupport.settle(d);
        postClick(d, t, 3, 0);
        UiTestSupport.waitUntil(d, 5000, () -> ids(v.selectedJobs()).equals(List.of(byName.get(3))), "click selects row 3");
        // (Xvfb's XTest does not put a held Ctrl or Shift into pointer events; modified clicks are tested above)
        postClick(d, t, 5, 0);
        UiTestSupport.waitUntil(d, 5000, () -> ids(v.selectedJobs()).equals(List.of(byName.get(5))), "click selects row 5");
        postKey(d, SWT.END);
        UiTestSupport.waitUntil(d, 5000, () -> w.top() == N - w.fit(), "End scrolls to the last rows");
        assertEquals(List.of(byName.get(N - 1)), ids(v.selectedJobs()));
        postKey(d, SWT.ARROW_UP);
        UiTestSupport.waitUntil(d, 5000, () -> ids(v.selectedJobs()).equals(List.of(byName.get(N - 2))), "Up");
        postKey(d, SWT.HOME);
        UiTestSupport.waitUntil(d, 5000, () -> w.top() == 0 && ids(v.selectedJobs()).equals(List.of(byName.get(0))), "Home");
        assertTrue(t.getItem(0).getBounds().y >= 0, "the native table did not scroll");
    }

    private static void postClick(Display d, Table t, int row, int modifier) {
        org.eclipse.swt.graphics.Rectangle b = t.getItem(row).getBounds();
        org.eclipse.swt.graphics.Point p = t.toDisplay(b.x + 4, b.y + b.height / 2);
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = p.x;
        move.y = p.y;
        d.post(move);
        UiTestSupport.settle(d);
        if (modifier != 0) {
            Event m = new Event();
            m.type = SWT.KeyDown;
            m.keyCode = modifier;
            d.post(m);
        }
        Event down = new Event();
        down.type = SWT.MouseDown;
        down.button = 1;
        d.post(down);
        Event up = new Event();
        up.type = SWT.MouseUp;
        up.button = 1;
        d.post(up);
        if (modifier != 0) {
            Event m = new Event();
            m.type = SWT.KeyUp;
            m.keyCode = modifier;
            d.post(m);
        }
        UiTestSupport.settle(d);
    }

    private static void postKey(Display d, int keyCode) {
        Event k = new Event();
        k.type = SWT.KeyDown;
        k.keyCode = keyCode;
        d.post(k);
        k = new Event();
        k.type = SWT.KeyUp;
        k.keyCode = keyCode;
        d.post(k);
        UiTestSupport.settle(d);
    }

    /** Job ids in the view's name order (case-insensitive, ties by id). */
    private static List<String> idsByName() {
        return jobs.stream().sorted(Comparator.comparing((Job j) -> j.name().toLowerCase(Locale.ROOT)).thenComparing(Job::id))
                .map(Job::id).toList();
    }

    private static List<String> ids(List<Job> list) {
        return list.stream().map(Job::id).toList();
    }

    /** A click on the row shown at {@code index} with modifiers, as GTK reports it: press, then the native selection. */
    private static void click(Table t, int index, int mask) {
        org.eclipse.swt.graphics.Rectangle b = t.getItem(index).getBounds();
        Event press = new Event();
        press.x = b.x + 2;
        press.y = b.y + b.height / 2;
        press.button = 1;
        press.stateMask = mask;
        t.notifyListeners(SWT.MouseDown, press);
        if ((mask & SWT.MOD1) != 0) {
            t.select(index);
        } else {
            t.setSelection(index);
        }
        t.notifyListeners(SWT.Selection, new Event());
    }

    private static void key(Table t, int keyCode, int mask) {
        Event k = new Event();
        k.keyCode = keyCode;
        k.stateMask = mask;
        k.doit = true;
        t.notifyListeners(SWT.KeyDown, k);
        assertFalse(k.doit, "the view handles key " + keyCode + " itself");
    }

    @Test
    void multiSelectAndDeleteWithTheDeleteCommand() throws Exception {
        JobsView v = view();
        Display d = Display.getCurrent();
        v.sort(Column.NAME, true);
        Table t = table(v);
        t.setFocus();
        t.setSelection(new int[] {0, 1, 2});
        t.notifyListeners(SWT.Selection, new Event());
        UiTestSupport.settle(d);
        List<Job> selected = v.selectedJobs();
        assertEquals(3, selected.size());
        Set<String> ids = selected.stream().map(Job::id).collect(Collectors.toSet());

        // Del runs the standard Delete command; its handler is the Jobs view's (part-local e4 handler)
        IHandlerService hs = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getService(IHandlerService.class);
        var pressed = UiTestSupport.pressWhenOpen(d, DeleteJobsHandler.DIALOG_TITLE, "OK");
        hs.executeCommand(DeleteJobsHandler.COMMAND_ID, null);
        assertTrue(pressed.get(), "no confirmation dialog");
        UiTestSupport.waitUntil(d, 10_000, () -> v.rowCount() == N - 3, "3 rows gone");
        for (String id : ids) {
            assertTrue(store.jobs().find(id).isEmpty(), "job still stored: " + id);
        }
        // put them back for the other tests
        for (Job j : selected) {
            store.jobs().insert(j);
        }
        NamdRunnerUi.fireJobsChanged();
        UiTestSupport.waitUntil(d, 5000, () -> v.rowCount() == N, "rows back");

        // Cancel keeps everything
        t.setSelection(new int[] {5});
        t.notifyListeners(SWT.Selection, new Event());
        UiTestSupport.pressWhenOpen(d, DeleteJobsHandler.DIALOG_TITLE, "Cancel");
        hs.executeCommand(DeleteJobsHandler.COMMAND_ID, null);
        UiTestSupport.settle(d);
        assertEquals(N, store.jobs().count(JobQuery.all()));
    }

    /** Issue 17: progress facts of a running job and the queue wait in the Jobs view and the job editor's Overview. */
    @Test
    void progressAndQueueWaitColumnsAndOverview() throws Exception {
        Job running = jobs.stream().filter(j -> j.state() == JobState.RUNNING).findFirst().orElseThrow();
        Job done = jobs.stream().filter(j -> j.state() == JobState.COMPLETED).findFirst().orElseThrow();
        java.time.Instant now = java.time.Instant.now();
        // no speed yet (one reading): "42 %" without an ETA; a finished job shows its measured speed
        store.jobs().putProgress(new org.namdrunner.core.model.JobProgress(running.id(), 0L, 50_000L, 21_000L, null, null, 2.0, 0, now));
        store.jobs().putProgress(new org.namdrunner.core.model.JobProgress(done.id(), 0L, 1000L, 1000L, 0.05, 3.456, 2.0, 0, now));
        try {
            JobsView v = view();
            Display d = Display.getCurrent();
            v.getFilterText().setText(running.name().toLowerCase(Locale.ROOT));
            UiTestSupport.waitUntil(d, 5000, () -> v.rowCount() == 1, "text filter applied");
            assertEquals("42 %", cell(v, 0, Column.PROGRESS));
            assertEquals(org.namdrunner.core.model.JobProgress.span(running.queueWait()), cell(v, 0, Column.QUEUE_WAIT));
            assertEquals("1 min", cell(v, 0, Column.QUEUE_WAIT), "TestJobs: submitted 60 s after creation, started 120 s after");
            // the view maximized, so the new columns are on the screenshot
            IWorkbenchPage wp = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
            org.eclipse.ui.IViewReference ref = wp.findViewReference(ViewIds.JOBS);
            wp.toggleZoom(ref);
            UiTestSupport.settle(d);
            try {
                UiTestSupport.screenshot(table(v).getShell(), "jobs-progress");
            } finally {
                wp.toggleZoom(ref);
                UiTestSupport.settle(d);
            }
            v.getFilterText().setText(done.name().toLowerCase(Locale.ROOT));
            UiTestSupport.waitUntil(d, 5000, () -> v.rowCount() == 1 && cell(v, 0, Column.NAME).equals(done.name()), "filter");
            assertEquals("3.46 ns/day", cell(v, 0, Column.PROGRESS));

            IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
            JobEditor je = JobEditor.open(page, store.jobs().find(running.id()).orElseThrow());
            UiTestSupport.settle(d);
            String overview = EditorTestHooks.getOverviewText(je);
            assertTrue(overview.matches("(?s).*\\bQueue wait: +1 min\\R.*"), overview);
            assertTrue(overview.matches("(?s).*\\bProgress: +42 %\\R.*"), overview);
            assertTrue(overview.matches("(?s).*\\bSpeed: +21,000 of 50,000 steps\\R.*"), overview);
            page.closeAllEditors(false);
        } finally {
            store.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM job_progress"));
        }
    }

    /** The progress of the rows on screen is read in one query: each row still shows its own job's progress. */
    @Test
    void progressColumnShowsEachRowsOwnProgress() throws Exception {
        JobsView v = view();
        Display d = Display.getCurrent();
        select(v.getStateCombo(), JobState.RUNNING.label());
        assertTrue(v.rowCount() >= 3, "running jobs: " + v.rowCount());
        Job first = row(v, 0);
        Job third = row(v, 2);
        java.time.Instant now = java.time.Instant.now();
        store.jobs().putProgress(new org.namdrunner.core.model.JobProgress(first.id(), 0L, 50_000L, 5_000L, null, null, 2.0, 0, now));
        store.jobs().putProgress(new org.namdrunner.core.model.JobProgress(third.id(), 0L, 50_000L, 15_000L, null, null, 2.0, 0, now));
        try {
            v.reload(true);
            UiTestSupport.settle(d);
            assertEquals(first.id(), row(v, 0).id());
            assertEquals("10 %", cell(v, 0, Column.PROGRESS));
            assertEquals("", cell(v, 1, Column.PROGRESS), "no progress read for " + row(v, 1).name());
            assertEquals("30 %", cell(v, 2, Column.PROGRESS));
            assertEquals(java.util.Optional.empty(), v.progress(row(v, 1)));
            assertEquals(15_000L, v.progress(third).orElseThrow().step().longValue());
        } finally {
            store.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM job_progress"));
        }
    }

    @Test
    void doubleClickOpensTheJobEditor() throws Exception {
        JobsView v = view();
        Display d = Display.getCurrent();
        v.sort(Column.NAME, false);
        Table t = table(v);
        t.setSelection(0);
        t.notifyListeners(SWT.Selection, new Event());
        Job j = row(v, 0);
        t.notifyListeners(SWT.DefaultSelection, new Event());
        UiTestSupport.settle(d);
        IWorkbenchWindow w = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IEditorPart editor = w.getActivePage().getActiveEditor();
        JobEditor je = assertInstanceOf(JobEditor.class, editor);
        assertEquals(j.id(), je.jobId());
        assertTrue(EditorTestHooks.getStateLabel(je).getText().startsWith(j.name() + " \u2014 " + j.state().label()),
                EditorTestHooks.getStateLabel(je).getText());
        assertEquals(store.jobs().history(j.id()).size(), EditorTestHooks.getHistoryViewer(je).getTable().getItemCount());
        assertTrue(EditorTestHooks.getHistoryViewer(je).getTable().getItemCount() >= 1);
        UiTestSupport.screenshotLightAndDark(w.getShell(), "job-editor");
        w.getActivePage().closeAllEditors(false);
    }

    @Test
    void keyBindingsF5DelCtrlN() {
        IBindingService bs = PlatformUI.getWorkbench().getService(IBindingService.class);
        assertEquals("org.namdrunner.ui.scheme", bs.getActiveScheme().getId());
        assertTrue(formats(bs.getActiveBindingsFor(SyncHandler.COMMAND_ID)).contains("F5"),
                "F5: " + formats(bs.getActiveBindingsFor(SyncHandler.COMMAND_ID)));
        assertTrue(formats(bs.getActiveBindingsFor(DeleteJobsHandler.COMMAND_ID)).contains("Delete"),
                "Del: " + formats(bs.getActiveBindingsFor(DeleteJobsHandler.COMMAND_ID)));
        assertTrue(formats(bs.getActiveBindingsFor("org.namdrunner.ui.commands.newJob")).contains("Ctrl+N"),
                "Ctrl+N: " + formats(bs.getActiveBindingsFor("org.namdrunner.ui.commands.newJob")));
    }

    private static List<String> formats(TriggerSequence[] seqs) {
        List<String> out = new ArrayList<>();
        for (TriggerSequence s : seqs) {
            out.add(s.format());
        }
        return out;
    }

    @Test
    void syncReloadsTheViewAndShowsTheEmptyStateWhenNoJobsAreLeft() throws Exception {
        JobsView v = view();
        Display d = Display.getCurrent();
        IHandlerService hs = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getService(IHandlerService.class);
        Job extra = TestJobs.job(N + 1);
        store.jobs().insert(extra);
        hs.executeCommand(SyncHandler.COMMAND_ID, null);
        UiTestSupport.joinFamily(d, SyncHandler.class, 10_000);
        UiTestSupport.waitUntil(d, 5000, () -> v.rowCount() == N + 1, "sync shows the new job");
        store.jobs().delete(extra.id());

        List<Job> saved = store.jobs().list(JobQuery.all().page(0, N));
        TestJobs.deleteAll(store);
        NamdRunnerUi.fireJobsChanged();
        UiTestSupport.waitUntil(d, 5000, v::showsEmptyState, "empty state after the last job is gone");
        UiTestSupport.screenshotLightAndDark(table(v).getShell(), "jobs-view-empty");
        store.inTransaction(c -> {
            for (Job j : saved) {
                store.jobs().insert(j);
            }
            return null;
        });
        NamdRunnerUi.fireJobsChanged();
        UiTestSupport.waitUntil(d, 5000, () -> !v.showsEmptyState(), "table back");
    }
}
