package org.namdrunner.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;
import org.namdrunner.ui.wizards.NewJobWizard;

/** File > New Job… (Ctrl+N): opens the Create Job wizard. */
public class NewJobHandler {

    public static final String COMMAND_ID = "org.namdrunner.ui.commands.newJob";

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        NewJobWizard.open(shell);
    }
}
