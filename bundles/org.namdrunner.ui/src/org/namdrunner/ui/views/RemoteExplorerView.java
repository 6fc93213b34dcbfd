package org.namdrunner.ui.views;

import jakarta.annotation.PostConstruct;

import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;

/** Remote Explorer: SFTP browsing of the connected cluster's job roots. */
public class RemoteExplorerView {

    public static final String NOT_CONNECTED = "Not connected \u2014 connect to a cluster to browse its job directories";

    @PostConstruct
    public void createControls(Composite parent) {
        parent.setLayout(new FillLayout());
        new EmptyState(parent, NOT_CONNECTED);
    }
}
