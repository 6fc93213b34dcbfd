package org.namdrunner.ui.views;

import jakarta.annotation.PostConstruct;

import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;

/** Templates view: built-in and user NAMD templates. */
public class TemplatesView {

    public static final String NO_TEMPLATES = "No templates yet \u2014 import a NAMD template file to start";

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new FillLayout());
        new EmptyState(parent, NO_TEMPLATES);
    }
}
