package org.namdrunner.ui.views;

import jakarta.annotation.PostConstruct;

import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;

/** Jobs view: the table of the user's jobs. With no jobs it says how to create one. */
public class JobsView {

    public static final String NO_JOBS = "No jobs yet \u2014 create one with File > New Job";

    private EmptyState emptyState;

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new FillLayout());
        emptyState = new EmptyState(parent, NO_JOBS);
    }

    EmptyState getEmptyState() {
        return emptyState;
    }
}
