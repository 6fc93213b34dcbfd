package org.namdrunner.ui.jobs;

/**
 * Package-private accessors of the Jobs view table and paging (widgets, pages, diagnostics),
 * for UI tests in other packages: this fragment shares the package {@code org.namdrunner.ui.jobs} with its host, so the
 * accessors are no public API.
 */
public final class JobsTestHooks {

    private JobsTestHooks() {
    }

    public static org.eclipse.swt.widgets.Slider getSlider(RowWindow<?> target) {
        return target.getSlider();
    }

    public static boolean walksSortIndex(JobPages target) {
        return target.walksSortIndex();
    }

    public static boolean readsAmongTextMatches(JobPages target) {
        return target.readsAmongTextMatches();
    }
}
