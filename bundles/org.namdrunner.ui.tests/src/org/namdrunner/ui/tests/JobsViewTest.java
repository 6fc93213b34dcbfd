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
import org.junit.jupiter.api.Test;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.Store;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.editors.JobEditor;
import org.namdrunner.ui.handlers.DeleteJobsHandler;
import org.namdrunner.ui.handlers.SyncHandler;
import org.namdrunner.ui.views.JobsView;
import org.namdrunner.ui.views.JobsView.Column;
import org.namdrunner.ui.views.ViewIds;

/** The Jobs view over a real store file with thousands of jobs: sort, filter, select, delete, open, keys. */
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

    /** The job of a row, as the user sees it: asking for its text makes the virtual table load it first. */
    static Job row(Table t, int index) {
        t.getItem(index).getText(0);
        return (Job) t.getItem(index).getData();
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
        return table(v).getItem(row).getText(c.ordinal());
    }

    static TableColumn header(JobsView v, Column c) {
        return table(v).getColumn(c.ordinal());
    }

    @Test
    void showsAllJobsWithTheirColumns() throws Exception {
        JobsView v = view();
        assertFalse(v.showsEmptyState(), "jobs exist but the empty state is shown");
        assertEquals(N, table(v).getItemCount());
        assertTrue(v.getStatusLabel().getText().startsWith("3,000 jobs"), v.getStatusLabel().getText());
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
        UiTestSupport.screenshotLightAndDark(v.getViewer().getTable().getShell(), "jobs-view");
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
        Table t = table(v);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            rows.add(i);
        }
        for (int i = t.getItemCount() - 50; i < t.getItemCount(); i++) {
            rows.add(i);
        }
        Comparable<Object> prev = null;
        for (int r : rows) {
            Job j = row(t, r);
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
            case CHAIN -> null;
        };
    }

    @Test
    void filtersByTextStateProfileAndDate() throws Exception {
        JobsView v = view();
        Display d = Display.getCurrent();
        // text (debounced as the user types)
        v.getFilterText().setText("spike-prod-001");
        UiTestSupport.waitUntil(d, 5000, () -> table(v).getItemCount() != N, "text filter applied");
        long expected = jobs.stream().filter(j -> j.name().toLowerCase(Locale.ROOT).contains("spike-prod-001")).count();
        assertEquals(expected, table(v).getItemCount());
        assertTrue(v.getStatusLabel().getText().contains("of 3,000 jobs match"), v.getStatusLabel().getText());
        for (int i = 0; i < table(v).getItemCount(); i++) {
            assertTrue(cell(v, i, Column.NAME).startsWith("Spike-prod-001"), cell(v, i, Column.NAME));
        }
        v.getFilterText().setText("");
        UiTestSupport.waitUntil(d, 5000, () -> table(v).getItemCount() == N, "text filter cleared");

        // state: "Failed"
        select(v.getStateCombo(), "All failures");
        Set<JobState> failed = java.util.EnumSet.noneOf(JobState.class);
        for (JobState s : JobState.values()) {
            if (s.isFailure()) {
                failed.add(s);
            }
        }
        assertEquals(jobs.stream().filter(j -> failed.contains(j.state())).count(), table(v).getItemCount());
        for (int i = 0; i < Math.min(100, table(v).getItemCount()); i++) {
            assertTrue(failed.contains(row(table(v), i).state()));
        }
        // plus profile
        select(v.getProfileCombo(), "Test cluster");
        assertEquals(jobs.stream().filter(j -> failed.contains(j.state()) && j.profileId().equals("testcluster")).count(),
                table(v).getItemCount());
        select(v.getStateCombo(), "All states");
        select(v.getProfileCombo(), "All profiles");
        assertEquals(N, table(v).getItemCount());

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
        assertEquals(inRange, table(v).getItemCount());
        UiTestSupport.screenshot(table(v).getShell(), "jobs-view-filtered");
        v.getFromCheck().setSelection(false);
        UiTestSupport.click(v.getFromCheck());
        v.getToCheck().setSelection(false);
        UiTestSupport.click(v.getToCheck());
        assertEquals(N, table(v).getItemCount());
    }

    private static void select(org.eclipse.swt.widgets.Combo combo, String item) {
        int i = combo.indexOf(item);
        assertTrue(i >= 0, "no '" + item + "' in " + List.of(combo.getItems()));
        combo.select(i);
        combo.notifyListeners(SWT.Selection, new Event());
        UiTestSupport.settle(combo.getDisplay());
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
        UiTestSupport.waitUntil(d, 10_000, () -> t.getItemCount() == N - 3, "3 rows gone");
        for (String id : ids) {
            assertTrue(store.jobs().find(id).isEmpty(), "job still stored: " + id);
        }
        // put them back for the other tests
        for (Job j : selected) {
            store.jobs().insert(j);
        }
        NamdRunnerUi.fireJobsChanged();
        UiTestSupport.waitUntil(d, 5000, () -> t.getItemCount() == N, "rows back");

        // Cancel keeps everything
        t.setSelection(new int[] {5});
        t.notifyListeners(SWT.Selection, new Event());
        UiTestSupport.pressWhenOpen(d, DeleteJobsHandler.DIALOG_TITLE, "Cancel");
        hs.executeCommand(DeleteJobsHandler.COMMAND_ID, null);
        UiTestSupport.settle(d);
        assertEquals(N, store.jobs().count(JobQuery.all()));
    }

    @Test
    void doubleClickOpensTheJobEditor() throws Exception {
        JobsView v = view();
        Display d = Display.getCurrent();
        v.sort(Column.NAME, false);
        Table t = table(v);
        t.setSelection(0);
        t.notifyListeners(SWT.Selection, new Event());
        Job j = row(t, 0);
        t.notifyListeners(SWT.DefaultSelection, new Event());
        UiTestSupport.settle(d);
        IWorkbenchWindow w = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IEditorPart editor = w.getActivePage().getActiveEditor();
        JobEditor je = assertInstanceOf(JobEditor.class, editor);
        assertEquals(j.id(), je.jobId());
        assertTrue(je.getStateLabel().getText().startsWith(j.name() + " \u2014 " + j.state().label()),
                je.getStateLabel().getText());
        assertEquals(store.jobs().history(j.id()).size(), je.getHistoryViewer().getTable().getItemCount());
        assertTrue(je.getHistoryViewer().getTable().getItemCount() >= 1);
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
        UiTestSupport.waitUntil(d, 5000, () -> table(v).getItemCount() == N + 1, "sync shows the new job");
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
