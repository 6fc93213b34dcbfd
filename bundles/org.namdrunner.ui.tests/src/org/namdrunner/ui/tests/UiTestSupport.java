package org.namdrunner.ui.tests;

import java.io.File;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Helpers for UI tests that run in the real workbench (UI harness, UI thread). */
public final class UiTestSupport {

    private UiTestSupport() {
    }

    /** Runs the event loop until it is idle, then a little longer so layouts and paints finish. */
    public static void settle(Display display) {
        long end = System.currentTimeMillis() + 500;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                display.sleep();
                display.timerExec(20, () -> { });
            }
        }
    }

    /** Runs the event loop until the condition holds; fails with the message after the timeout. */
    public static void waitUntil(Display display, long timeoutMs, java.util.function.BooleanSupplier condition, String what) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for: " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /** Waits (running the event loop) until no job of the family is running or queued. */
    public static void joinFamily(Display display, Object family, long timeoutMs) {
        waitUntil(display, timeoutMs, () -> org.eclipse.core.runtime.jobs.Job.getJobManager().find(family).length == 0,
                "background jobs of " + family);
        settle(display);
    }

    /**
     * Presses a button of the next dialog with this title as soon as it is open (polled from the event loop,
     * so it works for modal dialogs opened after this call). Returns a flag set once the button was pressed.
     */
    public static java.util.concurrent.atomic.AtomicBoolean pressWhenOpen(Display display, String title, String button) {
        java.util.concurrent.atomic.AtomicBoolean pressed = new java.util.concurrent.atomic.AtomicBoolean();
        long end = System.currentTimeMillis() + 20_000;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            for (Shell s : display.getShells()) {
                if (!s.isDisposed() && s.isVisible() && title.equals(s.getText())) {
                    org.eclipse.swt.widgets.Button b = findButton(s, button);
                    if (b != null) {
                        pressed.set(true);
                        b.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
                        return;
                    }
                }
            }
            if (System.currentTimeMillis() < end) {
                display.timerExec(50, poll[0]);
            }
        };
        display.timerExec(50, poll[0]);
        return pressed;
    }

    /** What a test does with a dialog once it is open. */
    public interface ShellAction {
        void run(Shell shell) throws Exception;
    }

    /**
     * Runs {@code action} on the next visible shell with this title, polled from the event loop (so it also runs
     * while a modal dialog's own event loop is blocking the caller). Failures are kept in the returned list.
     */
    public static java.util.List<Throwable> onShell(Display display, String title, ShellAction action) {
        java.util.List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        long end = System.currentTimeMillis() + 60_000;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            for (Shell s : display.getShells()) {
                if (!s.isDisposed() && s.isVisible() && title.equals(s.getText())) {
                    try {
                        action.run(s);
                    } catch (Throwable t) {
                        failures.add(t);
                        s.close();
                    }
                    return;
                }
            }
            if (System.currentTimeMillis() < end) {
                display.timerExec(50, poll[0]);
            } else {
                failures.add(new AssertionError("no dialog '" + title + "' within 60 s"));
            }
        };
        display.timerExec(50, poll[0]);
        return failures;
    }

    /** A push button whose label (without mnemonics) is {@code label}, anywhere below the control. */
    public static org.eclipse.swt.widgets.Button findButton(org.eclipse.swt.widgets.Control c, String label) {
        if (c instanceof org.eclipse.swt.widgets.Button b && b.getText().replace("&", "").equals(label)) {
            return b;
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
                org.eclipse.swt.widgets.Button found = findButton(child, label);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The first text field under {@code c} (depth first), or null. */
    public static org.eclipse.swt.widgets.Text findText(org.eclipse.swt.widgets.Control c) {
        if (c instanceof org.eclipse.swt.widgets.Text t) {
            return t;
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
                org.eclipse.swt.widgets.Text t = findText(child);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /** Clicks a widget the way SWT reports a click to listeners. */
    public static void click(org.eclipse.swt.widgets.Widget w) {
        w.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    /** Screenshots the shell in the light theme ({@code name}.png) and the dark theme ({@code name}-dark.png). */
    public static void screenshotLightAndDark(Shell shell, String name) throws Exception {
        Display display = shell.getDisplay();
        org.namdrunner.ui.preferences.AppearancePreferencePage.apply(display,
                org.namdrunner.ui.preferences.AppearancePreferencePage.LIGHT);
        settle(display);
        screenshot(shell, name);
        try {
            org.namdrunner.ui.preferences.AppearancePreferencePage.apply(display,
                    org.namdrunner.ui.preferences.AppearancePreferencePage.DARK);
            settle(display);
            screenshot(shell, name + "-dark");
        } finally {
            org.namdrunner.ui.preferences.AppearancePreferencePage.apply(display,
                    org.namdrunner.ui.preferences.AppearancePreferencePage.LIGHT);
            settle(display);
        }
    }

    /**
     * Saves a PNG of the shell to the directory named by the system property {@code namdrunner.screenshots}
     * (target/screenshots of the repository in the build; scripts/refresh-screenshots copies them to docs/screenshots).
     * Written to a temporary file first, so a failed write never leaves a
     * half screenshot behind.
     */
    public static Path screenshot(Shell shell, String name) throws Exception {
        shell.forceActive();
        settle(shell.getDisplay());
        String dir = System.getProperty("namdrunner.screenshots", "target/screenshots");
        return org.namdrunner.ui.StartupScreenshot.save(shell, new File(dir).toPath().resolve(name + ".png"));
    }
}
