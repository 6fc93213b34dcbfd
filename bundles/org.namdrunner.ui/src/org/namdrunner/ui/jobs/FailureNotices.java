package org.namdrunner.ui.jobs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.notifications.NotificationPopup;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Link;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.JobSort;
import org.namdrunner.store.Store;
import org.namdrunner.ui.NamdRunnerUi;

/**
 * Says once that a job failed: a notification in the corner of the window with the job's name, the reason taken
 * from its logs ({@code Job.reason()}, e.g. "namd.log: FATAL ERROR: …") and a link that opens the job editor on it.
 * "Once" holds across restarts: the ids already told are kept in the settings (the newest few hundred); on the very
 * first start, failures that are already there are not announced.
 */
public final class FailureNotices {

    static final String SETTING = "notices.failedJobs";
    static final int KEEP = 300;
    /** Failures worth a notice: not a cancellation the user asked for, not a time-out (continued or shown in the view). */
    static final Set<JobState> NOTIFIED = Set.of(JobState.FAILED, JobState.NODE_FAIL, JobState.OUT_OF_MEMORY,
            JobState.BOOT_FAIL, JobState.DEADLINE, JobState.PREEMPTED);

    private static final Runnable LISTENER = FailureNotices::check;
    private static volatile Display display;
    private static volatile boolean started;

    private FailureNotices() {
    }

    /** Starts telling new failures (called once the window is open). */
    public static synchronized void start(Display d) {
        if (started) {
            return;
        }
        display = d;
        started = true;
        try {
            Store store = NamdRunnerUi.store();
            if (store.settings().get(SETTING).isEmpty()) {
                save(store, failed(store)); // the first start: what failed before is not news
            }
        } catch (RuntimeException e) {
            NamdRunnerUi.log(IStatus.WARNING, "Failure notices: cannot read the failed jobs", e);
        }
        NamdRunnerUi.addJobsListener(LISTENER);
    }

    public static synchronized void stop() {
        NamdRunnerUi.removeJobsListener(LISTENER);
        started = false;
    }

    /** Shows a notice for each failed job not told yet; returns those jobs (for tests). */
    public static List<Job> check() {
        List<Job> fresh;
        try {
            fresh = newFailures(NamdRunnerUi.store());
        } catch (RuntimeException e) {
            NamdRunnerUi.log(IStatus.WARNING, "Failure notices: cannot read the failed jobs", e);
            return List.of();
        }
        Display d = display;
        if (!fresh.isEmpty() && d != null && !d.isDisposed()) {
            d.asyncExec(() -> show(d, fresh));
        }
        return fresh;
    }

    /** The failed jobs not told yet, now marked as told. */
    static synchronized List<Job> newFailures(Store store) {
        LinkedHashSet<String> told = new LinkedHashSet<>(List.of(store.settings().get(SETTING, "").split(",")));
        told.remove("");
        List<Job> fresh = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Job j : store.jobs().list(JobQuery.all().withStates(NOTIFIED).sortedBy(JobSort.CREATED, false).page(0, KEEP))) {
            ids.add(j.id());
            if (!told.contains(j.id())) {
                fresh.add(j);
            }
        }
        if (!fresh.isEmpty()) {
            told.addAll(ids);
            List<String> all = new ArrayList<>(told);
            save(store, all.subList(Math.max(0, all.size() - KEEP), all.size()));
        }
        return fresh;
    }

    private static List<String> failed(Store store) {
        return store.jobs().list(JobQuery.all().withStates(NOTIFIED).sortedBy(JobSort.CREATED, false).page(0, KEEP))
                .stream().map(Job::id).toList();
    }

    private static void save(Store store, List<String> ids) {
        store.settings().put(SETTING, String.join(",", ids));
    }

    /** The notice's words: "'name' failed (Failed)" and the reason, for the popup and tests. */
    public static String title(Job j) {
        return "Job '" + j.name() + "' " + (j.state() == JobState.OUT_OF_MEMORY ? "ran out of memory"
                : j.state() == JobState.PREEMPTED ? "was preempted" : "failed");
    }

    public static String text(Job j) {
        String reason = j.reason() == null || j.reason().isBlank() ? "No reason was reported; the Logs tab has the job's output."
                : j.reason();
        return reason.length() > 300 ? reason.substring(0, 297) + "\u2026" : reason;
    }

    private static void show(Display d, List<Job> jobs) {
        if (PlatformUI.getWorkbench().isClosing()) {
            return;
        }
        // many at once (a sweep): one notice for the first few, naming how many more
        int shown = Math.min(3, jobs.size());
        for (int i = 0; i < shown; i++) {
            Job j = jobs.get(i);
            String more = i == shown - 1 && jobs.size() > shown ? "\n" + (jobs.size() - shown) + " more failed: see the Jobs view." : "";
            NotificationPopup.forDisplay(d).title(title(j), true).content(parent -> {
                Composite c = new Composite(parent, SWT.NONE);
                c.setLayout(new GridLayout(1, false));
                Link link = new Link(c, SWT.WRAP);
                link.setText(escape(text(j) + more) + "\n<a>Open the job</a>");
                GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false);
                gd.widthHint = 340;
                link.setLayoutData(gd);
                link.addListener(SWT.Selection, e -> open(j));
                return c;
            }).delay(20_000).open();
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&&").replace("<", "&lt;");
    }

    private static void open(Job j) {
        IWorkbenchWindow active = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchWindow w = active != null || PlatformUI.getWorkbench().getWorkbenchWindowCount() == 0 ? active
                : PlatformUI.getWorkbench().getWorkbenchWindows()[0];
        if (w != null) {
            w.getShell().forceActive();
            NamdRunnerUi.store().jobs().find(j.id())
                    .ifPresent(fresh -> org.namdrunner.ui.editors.JobEditor.open(w.getActivePage(), fresh));
        }
    }
}
