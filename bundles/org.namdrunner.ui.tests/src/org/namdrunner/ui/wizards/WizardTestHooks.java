package org.namdrunner.ui.wizards;

/**
 * Package-private accessors of the wizards and their pages (widgets, pages, diagnostics),
 * for UI tests in other packages: this fragment shares the package {@code org.namdrunner.ui.wizards} with its host, so the
 * accessors are no public API.
 */
public final class WizardTestHooks {

    private WizardTestHooks() {
    }

    public static boolean selectTemplate(ConfigurePage target, String id) {
        return target.selectTemplate(id);
    }

    public static org.eclipse.swt.widgets.Button filesOnClusterButton(ConfigurePage target) {
        return target.filesOnClusterButton();
    }

    public static org.eclipse.swt.widgets.Text configText(ReviewPage target) {
        return target.configText();
    }

    public static org.eclipse.swt.widgets.Table filesTable(ReviewPage target) {
        return target.filesTable();
    }

    public static org.eclipse.swt.widgets.Label coreHoursLabel(ReviewPage target) {
        return target.coreHoursLabel();
    }

    public static boolean selectVariable(SweepPage target, int row, String name) {
        return target.selectVariable(row, name);
    }

    public static org.eclipse.swt.widgets.Combo variableCombo(SweepPage target, int row) {
        return target.variableCombo(row);
    }

    public static org.eclipse.swt.widgets.Table previewTable(SweepPage target) {
        return target.previewTable();
    }

    public static SweepPage sweepPage(NewSweepWizard target) {
        return target.sweepPage();
    }

    public static ReviewPage reviewPage(NewJobWizard target) {
        return target.reviewPage();
    }

    public static String estimateText(ResourcesPage target) {
        return target.estimateText();
    }

    public static org.eclipse.swt.widgets.Button gridButton(SweepPage target) {
        return target.gridButton();
    }

    public static org.eclipse.swt.widgets.Button listButton(SweepPage target) {
        return target.listButton();
    }

    public static org.eclipse.swt.widgets.Combo partitionCombo(ResourcesPage target) {
        return target.partitionCombo();
    }

    public static org.eclipse.swt.widgets.Spinner coresSpinner(ResourcesPage target) {
        return target.coresSpinner();
    }

    public static org.eclipse.swt.widgets.Spinner gpusSpinner(ResourcesPage target) {
        return target.gpusSpinner();
    }

    public static org.eclipse.swt.widgets.Combo gpuTypeCombo(ResourcesPage target) {
        return target.gpuTypeCombo();
    }

    public static org.eclipse.swt.widgets.Label gpuHint(ResourcesPage target) {
        return target.gpuHint();
    }

    public static org.eclipse.swt.widgets.Text memoryText(ResourcesPage target) {
        return target.memoryText();
    }

    public static org.eclipse.swt.widgets.Spinner hoursSpinner(ResourcesPage target) {
        return target.hoursSpinner();
    }

    public static org.eclipse.swt.widgets.Spinner minutesSpinner(ResourcesPage target) {
        return target.minutesSpinner();
    }

    public static org.eclipse.swt.widgets.Spinner prioritySpinner(ResourcesPage target) {
        return target.prioritySpinner();
    }

    public static org.eclipse.swt.widgets.Text resultsText(ResourcesPage target) {
        return target.resultsText();
    }

    public static org.eclipse.swt.widgets.Label limitsLabel(ResourcesPage target) {
        return target.limitsLabel();
    }
}
