package org.namdrunner.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;
import org.namdrunner.ui.wizards.NewSweepWizard;

/** File > New Sweep…: opens the New Sweep wizard (N jobs from one template and a grid or list of values). */
public class NewSweepHandler {

    public static final String COMMAND_ID = "org.namdrunner.ui.commands.newSweep";

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        NewSweepWizard.open(shell);
    }
}
