package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.ui.preferences.GeneralPreferencePage;

/**
 * What the IDE bundles contribute but NAMDRunner users have no use for stays out of sight: the console's
 * "ANSI Support" and Team's "Version Control" preference pages, and the text editors' navigation buttons
 * (previous/next annotation, last/next edit location) on the main toolbar.
 */
@Tag("ui")
class StrayContributionsTest {

    @Test
    void preferencesShowNoAnsiOrTeamPages() {
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(shell, GeneralPreferencePage.ID, null, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            UiTestSupport.settle(Display.getCurrent());
            dialog.getTreeViewer().expandAll();
            List<String> labels = new ArrayList<>();
            for (TreeItem item : dialog.getTreeViewer().getTree().getItems()) {
                collect(item, labels);
            }
            assertTrue(labels.contains("NAMDRunner"), labels.toString());
            assertTrue(labels.contains("Cluster Profiles"), labels.toString());
            for (String label : labels) {
                assertFalse(label.contains("ANSI"), "stray page " + label + " in " + labels);
                assertFalse(label.contains("Team") || label.contains("Version Control"), "stray page " + label + " in " + labels);
            }
        } finally {
            dialog.close();
        }
    }

    private static void collect(TreeItem item, List<String> out) {
        out.add(item.getText());
        for (TreeItem child : item.getItems()) {
            collect(child, out);
        }
    }

    @Test
    void mainToolbarHasNoEditorNavigationButtons() {
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        UiTestSupport.settle(shell.getDisplay());
        List<String> tips = new ArrayList<>();
        collectToolTips(shell, tips);
        for (String tip : tips) {
            String t = tip.toLowerCase(java.util.Locale.ROOT);
            assertFalse(t.contains("annotation") || t.contains("edit location") || t.contains("edit position"),
                    "editor navigation button on the main toolbar: " + tip + " (all: " + tips + ")");
        }
    }

    private static void collectToolTips(Control c, List<String> out) {
        if (c instanceof ToolBar tb && tb.getShell() == c.getShell()) {
            for (ToolItem item : tb.getItems()) {
                if (item.getToolTipText() != null) {
                    out.add(item.getToolTipText());
                }
            }
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                collectToolTips(child, out);
            }
        }
    }
}
