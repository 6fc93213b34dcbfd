package org.namdrunner.ui;

import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.ui.IWorkbenchWindow;
import org.namdrunner.core.NamdRunner;
import org.namdrunner.ui.handlers.SyncHandler;
import org.namdrunner.ui.preferences.AppearancePreferencePage;

/** Main window: title "NAMDRunner", status line and progress indicator in the trim. */
public class NamdRunnerWindowAdvisor extends WorkbenchWindowAdvisor {

    /** Command id of File > Connect…. */
    public static final String CONNECT_COMMAND = "org.namdrunner.ui.commands.connect";
    /** Command id of File > Disconnect. */
    public static final String DISCONNECT_COMMAND = "org.namdrunner.ui.commands.disconnect";

    public NamdRunnerWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        super(configurer);
    }

    @Override
    public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
        return new NamdRunnerActionBarAdvisor(configurer);
    }

    /**
     * The first window fills the screen's work area (a later start restores the user's size): at least 1024×700 is
     * needed for the view tabs to show their names.
     */
    static Point initialSize(org.eclipse.swt.widgets.Display display) {
        if (display == null) {
            return new Point(1280, 800);
        }
        org.eclipse.swt.graphics.Rectangle area = display.getPrimaryMonitor().getClientArea();
        return new Point(Math.max(1024, area.width), Math.max(700, area.height));
    }

    @Override
    public void preWindowOpen() {
        IWorkbenchWindowConfigurer configurer = getWindowConfigurer();
        configurer.setInitialSize(initialSize(org.eclipse.swt.widgets.Display.getCurrent()));
        configurer.setShowCoolBar(true);
        configurer.setShowStatusLine(true);
        configurer.setShowProgressIndicator(true);
        configurer.setShowPerspectiveBar(false);
        configurer.setTitle(NamdRunner.PRODUCT_NAME);
    }

    @Override
    public void postWindowOpen() {
        IWorkbenchWindow window = getWindowConfigurer().getWindow();
        EHandlerService handlers = window.getService(EHandlerService.class);
        if (handlers != null) {
            handlers.activateHandler(SyncHandler.COMMAND_ID, new SyncHandler());
            handlers.activateHandler(org.namdrunner.ui.handlers.NewJobHandler.COMMAND_ID,
                    new org.namdrunner.ui.handlers.NewJobHandler());
            handlers.activateHandler(org.namdrunner.ui.handlers.NewSweepHandler.COMMAND_ID,
                    new org.namdrunner.ui.handlers.NewSweepHandler());
            handlers.activateHandler(CONNECT_COMMAND, new Object() {
                @org.eclipse.e4.core.di.annotations.Execute
                public void execute() {
                    org.namdrunner.ui.remote.ConnectDialog.connectInteractively(window.getShell());
                }
            });
            handlers.activateHandler(DISCONNECT_COMMAND, new Object() {
                @org.eclipse.e4.core.di.annotations.Execute
                public void execute() {
                    org.namdrunner.ui.remote.RemoteUi.disconnectAll();
                }

                @org.eclipse.e4.core.di.annotations.CanExecute
                public boolean canExecute() {
                    return !org.namdrunner.ui.remote.RemoteUi.connected().isEmpty();
                }
            });
        }
        org.eclipse.swt.widgets.Display display = window.getShell().getDisplay();
        // Table and tree rows are not styled by our CSS. Keeping the CSS engine away from them saves an element
        // per row of a 100,000-row virtual table and avoids a native crash when the theme changes after a virtual
        // table dropped rows (the engine then resets rows whose GTK iterators are gone).
        display.addFilter(org.eclipse.swt.SWT.Skin, e -> {
            if (e.widget instanceof org.eclipse.swt.widgets.TableItem || e.widget instanceof org.eclipse.swt.widgets.TreeItem) {
                e.type = org.eclipse.swt.SWT.None;
            }
        });
        AppearancePreferencePage.matchNativeTheme(display);
        IdeContributions.install(window);
        org.namdrunner.ui.remote.SshConsole.install(org.namdrunner.ui.remote.RemoteUi.commandLog());
        org.namdrunner.ui.jobs.AutoSync.start();
        org.namdrunner.ui.jobs.FailureNotices.start(display);
        StartupScreenshot.scheduleIfRequested(window.getShell());
    }
}
