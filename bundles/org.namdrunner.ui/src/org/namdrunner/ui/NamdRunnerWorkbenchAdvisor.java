package org.namdrunner.ui;

import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** Workbench advisor of the product: NAMDRunner perspective first, window state saved between runs. */
public class NamdRunnerWorkbenchAdvisor extends WorkbenchAdvisor {

    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        super.initialize(configurer);
        configurer.setSaveAndRestore(true);
    }

    @Override
    public void postStartup() {
        super.postStartup();
        org.namdrunner.ui.preferences.PreferencePages.prune(getWorkbenchConfigurer().getWorkbench().getPreferenceManager());
    }

    @Override
    public void postShutdown() {
        org.namdrunner.ui.jobs.AutoSync.stop();
        org.namdrunner.ui.jobs.FailureNotices.stop();
        org.namdrunner.ui.jobs.Engine.close();
        org.namdrunner.ui.remote.RemoteUi.disconnectAll();
        NamdRunnerUi.closeStore();
        super.postShutdown();
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return NamdRunnerPerspective.ID;
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new NamdRunnerWindowAdvisor(configurer);
    }
}
