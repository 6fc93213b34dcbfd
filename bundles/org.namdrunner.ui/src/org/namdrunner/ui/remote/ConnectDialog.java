package org.namdrunner.ui.remote;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.ui.NamdRunnerUi;

/** File > Connect…: choose one of the Slurm cluster profiles (presets and your own) and connect to it. */
public class ConnectDialog extends Dialog {

    public static final String TITLE = "Connect to a Cluster";
    public static final String CONNECT_BUTTON = "Connect";

    private final List<ProfileConfig> profiles = new ArrayList<>();
    private org.eclipse.swt.widgets.List list;
    private ProfileConfig chosen;

    public ConnectDialog(Shell parent) {
        super(parent);
    }

    /** The SSH-reachable profiles of the registry (Slurm profiles with a host). */
    public static List<ProfileConfig> connectableProfiles() {
        ClusterProfileRegistry registry = ClusterProfileRegistry.fromExtensions(new StoreProfileRepository(NamdRunnerUi.store()));
        List<ProfileConfig> out = new ArrayList<>();
        for (ProfileConfig p : registry.all()) {
            if (WorkbenchSessions.needsConnection(p) && !p.host().isBlank()) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite c = (Composite) super.createDialogArea(parent);
        c.setLayout(new GridLayout(1, false));
        new Label(c, SWT.NONE).setText("Cluster profile:");
        list = new org.eclipse.swt.widgets.List(c, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
        gd.widthHint = 420;
        gd.heightHint = 160;
        list.setLayoutData(gd);
        try {
            profiles.addAll(connectableProfiles());
        } catch (RuntimeException e) {
            Label l = new Label(c, SWT.WRAP);
            l.setText("Cannot read the cluster profiles: " + NamdRunnerUi.message(e));
        }
        for (ProfileConfig p : profiles) {
            list.add(label(p, RemoteUi.isConnected(p.id())));
        }
        if (profiles.isEmpty()) {
            Label l = new Label(c, SWT.WRAP);
            l.setText("No cluster profile with a host yet: add one in Window > Preferences.");
        } else {
            list.select(0);
        }
        list.addListener(SWT.DefaultSelection, e -> okPressed());
        return c;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, CONNECT_BUTTON, true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        int i = list.getSelectionIndex();
        if (i < 0) {
            return;
        }
        chosen = profiles.get(i);
        super.okPressed();
    }

    /** A profile's row: name, host and whether it is connected already. */
    static String label(ProfileConfig p, boolean connected) {
        return p.name() + "  \u2014  " + p.host() + (p.port() > 0 && p.port() != 22 ? ":" + p.port() : "")
                + (connected ? "  (connected)" : "");
    }

    public org.eclipse.swt.widgets.List getList() {
        return list;
    }

    /** The profile chosen with Connect, or null. */
    public ProfileConfig chosen() {
        return chosen;
    }

    /** Opens the dialog and connects to the chosen profile in a background job. */
    public static void connectInteractively(Shell shell) {
        ConnectDialog d = new ConnectDialog(shell);
        if (d.open() == OK && d.chosen() != null) {
            ProfileConfig p = d.chosen();
            RemoteUi.connectJob(WorkbenchSessions.settings(p), p.name());
        }
    }
}
