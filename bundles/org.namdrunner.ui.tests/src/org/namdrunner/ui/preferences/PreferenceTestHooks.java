package org.namdrunner.ui.preferences;

/**
 * Package-private accessors of the preference pages and dialogs (widgets, pages, diagnostics),
 * for UI tests in other packages: this fragment shares the package {@code org.namdrunner.ui.preferences} with its host, so the
 * accessors are no public API.
 */
public final class PreferenceTestHooks {

    private PreferenceTestHooks() {
    }

    public static org.eclipse.swt.widgets.Button getRebuildButton(DatabasePreferencePage target) {
        return target.getRebuildButton();
    }

    public static org.eclipse.swt.widgets.Combo getRebuildProfileCombo(DatabasePreferencePage target) {
        return target.getRebuildProfileCombo();
    }

    public static org.eclipse.swt.widgets.Button getBackupButton(DatabasePreferencePage target) {
        return target.getBackupButton();
    }

    public static org.eclipse.swt.widgets.Button getRestoreButton(DatabasePreferencePage target) {
        return target.getRestoreButton();
    }

    public static org.eclipse.swt.widgets.Button getResetButton(DatabasePreferencePage target) {
        return target.getResetButton();
    }

    public static org.eclipse.swt.widgets.Label getOutcome(DatabasePreferencePage target) {
        return target.getOutcome();
    }

    public static org.eclipse.swt.widgets.Label getSizeLabel(DatabasePreferencePage target) {
        return target.getSizeLabel();
    }

    public static org.eclipse.swt.widgets.Text getLocationText(DatabasePreferencePage target) {
        return target.getLocationText();
    }

    public static org.eclipse.swt.widgets.Button getLightButton(AppearancePreferencePage target) {
        return target.getLightButton();
    }

    public static org.eclipse.swt.widgets.Button getDarkButton(AppearancePreferencePage target) {
        return target.getDarkButton();
    }

    public static org.eclipse.swt.widgets.Text getHostText(ProfileDialog target) {
        return target.getHostText();
    }

    public static org.eclipse.swt.widgets.Text getPortText(ProfileDialog target) {
        return target.getPortText();
    }

    public static org.eclipse.swt.widgets.Text getUserText(ProfileDialog target) {
        return target.getUserText();
    }

    public static org.eclipse.swt.widgets.Combo getLoginCombo(ProfileDialog target) {
        return target.getLoginCombo();
    }

    public static org.eclipse.swt.widgets.Text getKeyFileText(ProfileDialog target) {
        return target.getKeyFileText();
    }

    public static org.eclipse.swt.widgets.Text getPropertiesText(ProfileDialog target) {
        return target.getPropertiesText();
    }

    public static org.eclipse.swt.widgets.Text getProjectRootText(ProfileDialog target) {
        return target.getProjectRootText();
    }

    public static org.eclipse.swt.widgets.Text getStatusIntervalText(ProfileDialog target) {
        return target.getStatusIntervalText();
    }

    public static org.eclipse.swt.widgets.Text getSiteEnvironmentText(ProfileDialog target) {
        return target.getSiteEnvironmentText();
    }

    public static org.eclipse.swt.widgets.Text getQosText(ProfileDialog target) {
        return target.getQosText();
    }

    public static org.eclipse.swt.widgets.Combo getTypeCombo(ProfileDialog target) {
        return target.getTypeCombo();
    }

    public static java.util.List<String[]> getPartitionRows(ProfileDialog target) {
        return target.getPartitionRows();
    }

    public static java.util.List<String[]> getModuleRows(ProfileDialog target) {
        return target.getModuleRows();
    }

    public static org.eclipse.swt.widgets.Button getDiscoverButton(ProfileDialog target) {
        return target.getDiscoverButton();
    }

    public static org.eclipse.swt.widgets.Label getDiscoverStatus(ProfileDialog target) {
        return target.getDiscoverStatus();
    }

    public static org.namdrunner.cluster.ClusterProfileRegistry getRegistry(ClusterProfilesPreferencePage target) {
        return target.getRegistry();
    }

    public static org.eclipse.swt.widgets.Button getEditButton(ClusterProfilesPreferencePage target) {
        return target.getEditButton();
    }

    public static org.eclipse.swt.widgets.Button getDuplicateButton(ClusterProfilesPreferencePage target) {
        return target.getDuplicateButton();
    }

    public static org.eclipse.swt.widgets.Button getDeleteButton(ClusterProfilesPreferencePage target) {
        return target.getDeleteButton();
    }

    public static org.eclipse.swt.widgets.Button getExportButton(ClusterProfilesPreferencePage target) {
        return target.getExportButton();
    }

    public static org.eclipse.swt.widgets.Button getImportButton(ClusterProfilesPreferencePage target) {
        return target.getImportButton();
    }

    public static org.eclipse.swt.widgets.Label getInfo(ClusterProfilesPreferencePage target) {
        return target.getInfo();
    }

    public static org.eclipse.swt.widgets.Label getTransferOutcome(ClusterProfilesPreferencePage target) {
        return target.getTransferOutcome();
    }

    public static void refreshTables(ProfileDialog target) {
        target.refreshTables();
    }
}
