package org.namdrunner.ui.automations;

/**
 * Package-private accessors of the Automations view, editor and Run dialog (widgets, pages, diagnostics),
 * for UI tests in other packages: this fragment shares the package {@code org.namdrunner.ui.automations} with its host, so the
 * accessors are no public API.
 */
public final class AutomationTestHooks {

    private AutomationTestHooks() {
    }

    public static org.eclipse.jface.action.Action getRunAction(AutomationsView target) {
        return target.getRunAction();
    }

    public static org.eclipse.swt.widgets.Text getInputsText(RunAutomationDialog target) {
        return target.getInputsText();
    }

    public static org.eclipse.swt.widgets.Text getValuesText(RunAutomationDialog target) {
        return target.getValuesText();
    }

    public static org.eclipse.jface.viewers.TableViewer getStagesViewer(AutomationEditor target) {
        return target.getStagesViewer();
    }

    public static org.eclipse.swt.widgets.Text getStageIdText(AutomationEditor target) {
        return target.getStageIdText();
    }

    public static org.eclipse.swt.widgets.Text getDependsOnText(AutomationEditor target) {
        return target.getDependsOnText();
    }

    public static org.eclipse.swt.widgets.Button getSaveButton(AutomationEditor target) {
        return target.getSaveButton();
    }

    public static org.eclipse.swt.widgets.List getProblemsList(AutomationEditor target) {
        return target.getProblemsList();
    }

    public static void selectStage(AutomationEditor target, String id) {
        target.selectStage(id);
    }

    public static org.eclipse.emf.ecore.EObject addStage(AutomationEditor target) {
        return target.addStage();
    }

    public static void setParameter(AutomationEditor target, org.eclipse.emf.ecore.EReference which, String key, String value) {
        target.setParameter(which, key, value);
    }
}
