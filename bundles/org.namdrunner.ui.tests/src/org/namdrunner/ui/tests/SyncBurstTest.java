package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.ui.views.ViewTestHooks;
import org.namdrunner.core.JobState;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.editors.EditorTestHooks;
import org.namdrunner.ui.editors.JobActions;
import org.namdrunner.ui.editors.JobEditor;
import org.namdrunner.ui.handlers.SyncHandler;
import org.namdrunner.ui.jobs.ClusterStatusSync;
import org.namdrunner.ui.jobs.Engine;
import org.namdrunner.ui.jobs.OperationJob;
import org.namdrunner.ui.remote.WorkbenchSessions;
import org.namdrunner.ui.views.JobsView;

/**
 * About 1,000 sync requests within a second from every screen that asks — the Jobs view's Sync button, F5 (the sync
 * command), the job editor's Sync and the automatic sync's request — while the profile's status query is held in
 * flight ({@link HeldStatusProfileType}, no cluster needed): the workbench stays usable (UI round trips from another
 * thread complete and the Jobs view filters) while the query is still held, and after the release the requests
 * have cost one status query. The UI-thread round-trip times are printed (docs/BENCHMARKS.md); nothing is timed.
 */
@Tag("ui")
class SyncBurstTest {

    /** Requests per screen; four screens. */
    static final int PER_SCREEN = 250;
    static final int JOBS = 20;

    private ProfileConfig profile;
    private final List<org.namdrunner.core.model.Job> jobs = new ArrayList<>();
    private IWorkbenchPage page;
    private JobsView view;

    @BeforeEach
    void profileAndJobs() throws Exception {
        Path root = Files.createTempDirectory("ui-sync-burst");
        profile = WorkbenchSessions.registry().add(ProfileConfig.builder("ui-held-" + UUID.randomUUID(), HeldStatusProfileType.TYPE_ID)
                .name("Held status (sync burst test)").host("held.invalid").projectRoot(root.toString())
                .statusMinIntervalSeconds(60).build());
        String prefix = "burst-" + Long.toString(System.nanoTime(), 36) + "-";
        for (int i = 0; i < JOBS; i++) {
            org.namdrunner.core.model.Job j = org.namdrunner.core.model.Job.builder().name(prefix + String.format(Locale.ROOT, "%02d", i))
                    .profileId(profile.id()).state(JobState.PENDING).slurmJobId("held-" + i).cores(1).nodes(1)
                    .remoteProjectDir(root.resolve("job-" + i).toString()).build();
            NamdRunnerUi.store().jobs().insert(j);
            jobs.add(j);
        }
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        view = JobsViewTest.view();
    }

    @AfterEach
    void cleanUp() throws Exception {
        HeldStatusProfileType.releaseAll();
        Display d = Display.getCurrent();
        UiTestSupport.joinFamily(d, SyncHandler.class, 300_000);
        UiTestSupport.joinFamily(d, OperationJob.FAMILY, 300_000);
        page.closeAllEditors(false);
        if (view != null) {
            view.getFilterText().setText("");
        }
        jobs.forEach(j -> NamdRunnerUi.store().jobs().delete(j.id()));
        Engine.service().sessions().drop(profile.id());
        WorkbenchSessions.registry().delete(profile.id());
        NamdRunnerUi.fireJobsChanged();
        UiTestSupport.settle(d);
    }

    @Test
    void aThousandRequestsWhileTheQueryIsHeldLeaveTheUiUsableAndCostOneQuery() throws Exception {
        Display d = Display.getCurrent();
        JobEditor editor = JobEditor.open(page, jobs.get(0));
        assertNotNull(editor);
        page.activate(page.findView(org.namdrunner.ui.views.ViewIds.JOBS));
        UiTestSupport.settle(d);
        IHandlerService handlers = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getService(IHandlerService.class);
        HeldStatusProfileType.Hold hold = HeldStatusProfileType.hold();
        RoundTrips probe = new RoundTrips(d);
        probe.start();

        // the first request (the Sync button, explicit) reaches the profile: its status query is held
        UiTestSupport.click(ViewTestHooks.getSyncButton(view));
        UiTestSupport.waitUntil(d, 120_000, () -> hold.entered.getCount() == 0, "the first status query in flight");

        // ~1,000 requests from four screens; the automatic sync's from its own thread, as its tick does
        probe.phase("burst");
        long start = System.nanoTime();
        AtomicInteger automatic = new AtomicInteger();
        Thread auto = new Thread(() -> {
            for (int i = 0; i < PER_SCREEN; i++) {
                SyncHandler.schedule(false);
                automatic.incrementAndGet();
            }
        }, "automatic sync requests");
        auto.start();
        int fromUi = 1;
        for (int i = 0; i < PER_SCREEN; i++) {
            if (i > 0) {
                UiTestSupport.click(ViewTestHooks.getSyncButton(view));
                fromUi++;
            }
            handlers.executeCommand(SyncHandler.COMMAND_ID, null);
            UiTestSupport.click(EditorTestHooks.getActionItem(editor, JobActions.Action.SYNC));
            fromUi += 2;
            if (i % 10 == 9) {
                while (d.readAndDispatch()) {
                    // keep the event loop going as the workbench's does
                }
            }
        }
        UiTestSupport.waitUntil(d, 120_000, () -> !auto.isAlive(), "the automatic sync's requests");
        long burstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        int requests = fromUi + automatic.get();

        // still held: the Jobs view filters, UI round trips complete
        probe.phase("held");
        assertEquals(1, hold.waiting.get(), "the status query is still in flight");
        org.namdrunner.core.model.Job wanted = jobs.get(7);
        view.getFilterText().setText(wanted.name());
        UiTestSupport.waitUntil(d, 120_000, () -> view.rowCount() == 1, "the Jobs view filtered while the query is held");
        assertEquals(wanted.id(), JobsViewTest.row(view, 0).id());
        int before = probe.count();
        try {
            UiTestSupport.waitUntil(d, 120_000, () -> probe.count() >= before + 100, "100 UI round trips while the query is held");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the UI thread was at:\n" + probe.stuckAt(), e);
        }
        assertEquals(1, hold.waiting.get(), "the status query was still in flight all along");
        assertEquals(1, hold.queries.get());
        int pending = Job.getJobManager().find(SyncHandler.class).length + Job.getJobManager().find(OperationJob.FAMILY).length;
        assertTrue(pending > 0, "sync requests wait for the held query");

        // released: every request is answered, by one status query
        probe.phase("drain");
        hold.release.countDown();
        UiTestSupport.waitUntil(d, 600_000, () -> Job.getJobManager().find(SyncHandler.class).length == 0
                && Job.getJobManager().find(OperationJob.FAMILY).length == 0, "every sync request answered");
        probe.finish();
        assertEquals(1, hold.queries.get(), "one status query for " + requests + " sync requests");
        var summary = ClusterStatusSync.lastSummary();
        assertTrue(summary != null && summary.tracked() >= JOBS, "the sync covered the held profile's jobs: " + summary);

        System.out.printf(Locale.ROOT, "SyncBurstTest: %d sync requests (%d Sync button, %d F5, %d job editor Sync, %d automatic) fired in %d ms;"
                + " status queries %d, status calls %d (the rest answered by the sync gate); load average %s%n",
                requests, PER_SCREEN, PER_SCREEN, PER_SCREEN, automatic.get(), burstMs, hold.queries.get(), hold.calls.get(), loadAverage());
        for (String phase : List.of("burst", "held", "drain")) {
            System.out.println("SyncBurstTest: UI round trips, " + phase + ": " + probe.summary(phase));
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Round trips to the UI thread from another thread (asyncExec, then wait for it), timed by phase. */
    static final class RoundTrips extends Thread {
        private final Display display;
        private volatile String phase = "before";
        private volatile boolean stopped;
        private final AtomicInteger count = new AtomicInteger();
        private final java.util.Map<String, List<Long>> nanos = new java.util.concurrent.ConcurrentHashMap<>();

        RoundTrips(Display display) {
            super("UI round trips");
            this.display = display;
            setDaemon(true);
        }

        void phase(String p) {
            phase = p;
        }

        private volatile String stuck;

        /** Where the UI thread was when a round trip first waited 10 s (null: never). */
        String stuckAt() {
            return stuck;
        }

        int count() {
            return count.get();
        }

        @Override
        public void run() {
            while (!stopped && !display.isDisposed()) {
                String p = phase;
                CountDownLatch done = new CountDownLatch(1);
                long t = System.nanoTime();
                display.asyncExec(done::countDown);
                try {
                    int waited = 0;
                    while (!done.await(1, TimeUnit.SECONDS)) {
                        if (stopped) {
                            return;
                        }
                        if (++waited == 10 && stuck == null) {
                            // what keeps the UI thread from the round trip (for the failure message)
                            StringBuilder b = new StringBuilder();
                            for (StackTraceElement e : display.getThread().getStackTrace()) {
                                b.append("    at ").append(e).append('\n');
                            }
                            stuck = b.toString();
                        }
                    }
                    nanos.computeIfAbsent(p, k -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime() - t);
                    count.incrementAndGet();
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void finish() throws InterruptedException {
            stopped = true;
            join(5_000);
        }

        String summary(String p) {
            List<Long> l = new ArrayList<>(nanos.getOrDefault(p, List.of()));
            if (l.isEmpty()) {
                return "none";
            }
            Collections.sort(l);
            return String.format(Locale.ROOT, "n=%d, median %.1f ms, max %.1f ms", l.size(), l.get(l.size() / 2) / 1e6, l.get(l.size() - 1) / 1e6);
        }
    }
}
