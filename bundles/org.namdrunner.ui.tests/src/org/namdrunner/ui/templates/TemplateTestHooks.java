package org.namdrunner.ui.templates;

/**
 * Package-private accessors of the template dialogs (widgets, pages, diagnostics),
 * for UI tests in other packages: this fragment shares the package {@code org.namdrunner.ui.templates} with its host, so the
 * accessors are no public API.
 */
public final class TemplateTestHooks {

    private TemplateTestHooks() {
    }

    public static String diffText(TemplateHistoryDialog target) {
        return target.diffText();
    }
}
