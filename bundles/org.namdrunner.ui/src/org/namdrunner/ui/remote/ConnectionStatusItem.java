package org.namdrunner.ui.remote;

import org.eclipse.jface.action.ContributionItem;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** Status line: "Not connected" or "Connected: user@host:port, …", updated as connections come and go. */
public class ConnectionStatusItem extends ContributionItem {

    public static final String ID = "org.namdrunner.ui.status.connection";

    private CLabel label;
    private final Runnable listener = () -> {
        CLabel l = label;
        if (l != null && !l.isDisposed()) {
            l.getDisplay().asyncExec(this::update);
        }
    };

    public ConnectionStatusItem() {
        super(ID);
    }

    @Override
    public void fill(Composite parent) {
        Label sep = new Label(parent, SWT.SEPARATOR);
        label = new CLabel(parent, SWT.SHADOW_NONE);
        label.setData(ID, Boolean.TRUE);
        org.eclipse.jface.action.StatusLineLayoutData data = new org.eclipse.jface.action.StatusLineLayoutData();
        data.widthHint = 320;
        label.setLayoutData(data);
        org.eclipse.jface.action.StatusLineLayoutData sd = new org.eclipse.jface.action.StatusLineLayoutData();
        sd.heightHint = 16;
        sep.setLayoutData(sd);
        RemoteUi.addListener(listener);
        label.addDisposeListener(e -> RemoteUi.removeListener(listener));
        update();
    }

    @Override
    public void update() {
        if (label != null && !label.isDisposed()) {
            label.setText(RemoteUi.statusText());
            label.setToolTipText("Cluster connections");
        }
    }

    /** The label (tests). */
    public CLabel getLabel() {
        return label;
    }
}
