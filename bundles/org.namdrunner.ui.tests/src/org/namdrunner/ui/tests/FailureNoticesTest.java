package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.Store;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.jobs.FailureNotices;

/**
 * A job that fails says so once, where the user looks: a notification with the job's name, the reason from its logs
 * and a link to the job; the same failure is not told again (a later sync or a restart of the workbench).
 */
@Tag("ui")
class FailureNoticesTest {

    @AfterEach
    void clean() {
        TestJobs.deleteAll(NamdRunnerUi.store());
        closeNotices();
    }

    @Test
    void aFailureIsToldOnceWithItsReasonAndALinkToTheJob() throws Exception {
        Display d = Display.getCurrent();
        Store store = NamdRunnerUi.store();
        TestJobs.deleteAll(store);
        FailureNotices.start(d); // started by the window advisor; idempotent
        FailureNotices.check();  // whatever earlier tests left is told now, not in this test's count
        closeNotices();

        Job failed = TestJobs.job(1).toBuilder().name("notice me").state(JobState.FAILED)
                .reason("namd.log: FATAL ERROR: UNABLE TO OPEN PSF FILE missing.psf").build();
        Job cancelled = TestJobs.job(2).toBuilder().name("cancelled by me").state(JobState.CANCELLED).build();
        store.jobs().insert(failed);
        store.jobs().insert(cancelled);
        NamdRunnerUi.fireJobsChanged();   // what every operation does after it changed jobs
        assertEquals("Job 'notice me' failed", FailureNotices.title(failed));

        UiTestSupport.waitUntil(d, 10_000, () -> noticeText() != null, "a notification");
        String text = noticeText();
        assertTrue(text.contains("FATAL ERROR: UNABLE TO OPEN PSF FILE missing.psf") && text.contains("Open the job"), text);
        UiTestSupport.settle(d);
        assertEquals(1, Arrays.stream(d.getShells()).filter(sh -> !sh.isDisposed() && sh.isVisible() && link(sh) != null).count(),
                "one notice: the failed job, not the cancelled one");
        UiTestSupport.screenshot(notice(), "failure-notice");

        assertTrue(FailureNotices.check().isEmpty(), "the same failure is told once");
        closeNotices();
        NamdRunnerUi.fireJobsChanged();
        UiTestSupport.settle(d);
        assertEquals(null, noticeText(), "no second notice for the same failure");

    }

    private static Shell notice() {
        return Arrays.stream(Display.getCurrent().getShells()).filter(s -> !s.isDisposed() && s.isVisible() && link(s) != null)
                .findFirst().orElse(null);
    }

    private static String noticeText() {
        Shell s = notice();
        return s == null ? null : link(s).getText();
    }

    private static Link link(org.eclipse.swt.widgets.Control c) {
        if (c instanceof Link l && l.getText().contains("Open the job")) {
            return l;
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (var child : comp.getChildren()) {
                Link l = link(child);
                if (l != null) {
                    return l;
                }
            }
        }
        return null;
    }

    private static void closeNotices() {
        Shell s;
        while ((s = notice()) != null) {
            s.close();
            UiTestSupport.settle(Display.getCurrent());
        }
    }
}
