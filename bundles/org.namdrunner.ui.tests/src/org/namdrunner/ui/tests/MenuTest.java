package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The menu bar a user sees: File > New Job, Help > Install New Software / Check for Updates / About. */
@Tag("ui")
class MenuTest {

    @Test
    void menusOfferNewJobAndSoftwareUpdates() {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        Shell shell = window.getShell();
        Menu bar = shell.getMenuBar();
        assertNotNull(bar, "no menu bar");

        List<String> file = labels(open(bar, "File"));
        assertTrue(file.stream().anyMatch(l -> l.startsWith("New Job")), "File menu: " + file);
        assertTrue(file.stream().noneMatch(l -> l.startsWith("Open Projects from File System")),
                "IDE project import should be hidden: " + file);

        List<String> help = labels(open(bar, "Help"));
        assertTrue(help.stream().anyMatch(l -> l.startsWith("Install New Software")), "Help menu: " + help);
        assertTrue(help.stream().anyMatch(l -> l.startsWith("Check for Updates")), "Help menu: " + help);
        assertTrue(help.stream().anyMatch(l -> l.startsWith("About")), "Help menu: " + help);
    }

    /** Fires SWT.Show on the drop-down as GTK would when the user opens it, so contributions are filled in. */
    private static Menu open(Menu bar, String label) {
        for (MenuItem item : bar.getItems()) {
            if (item.getText().replace("&", "").equals(label)) {
                Menu menu = item.getMenu();
                menu.notifyListeners(SWT.Show, new Event());
                UiTestSupport.settle(bar.getDisplay());
                menu.notifyListeners(SWT.Hide, new Event());
                return menu;
            }
        }
        throw new AssertionError("no menu " + label + " in " + labels(bar));
    }

    private static List<String> labels(Menu menu) {
        List<String> out = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            out.add(item.getText().replace("&", ""));
        }
        return out;
    }
}
