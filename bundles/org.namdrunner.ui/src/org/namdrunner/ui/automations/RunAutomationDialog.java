package org.namdrunner.ui.automations;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.workflow.model.AutomationModel;

/**
 * Asks where and how to run an automation: the cluster profile, the run's name (prefix of its jobs' names), the
 * folder whose files are the first stages' inputs, and template values for every stage ({@code name=value}, or
 * {@code stage.name=value} for one stage). Checked as the user types; Run is enabled only for a complete request.
 */
public final class RunAutomationDialog extends TitleAreaDialog {

    public static final String TITLE = "Run Automation";
    public static final String RUN = "Run";

    private final String automationId;
    private final EObject automation;
    private final List<ProfileConfig> profiles;
    private Combo profileCombo;
    private Text nameText;
    private Text inputsText;
    private Text valuesText;
    private Button filesOnCluster;
    private RunAutomation.Request request;

    public RunAutomationDialog(Shell parent, String automationId, EObject automation, List<ProfileConfig> profiles) {
        super(parent);
        this.automationId = automationId;
        this.automation = automation;
        this.profiles = List.copyOf(profiles);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(TITLE);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        String name = AutomationModel.string(automation, AutomationModel.AUTOMATION_NAME);
        setTitle("Run '" + (name == null || name.isBlank() ? automationId : name) + "'");
        setMessage("Creates a job per stage and follows them until every stage has finished; progress is in the "
                + "Progress view, the jobs in the Jobs view.");
        Composite c = new Composite(area, SWT.NONE);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        c.setLayout(new GridLayout(3, false));

        new Label(c, SWT.NONE).setText("&Profile:");
        profileCombo = new Combo(c, SWT.READ_ONLY);
        profileCombo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        for (ProfileConfig p : profiles) {
            profileCombo.add(p.name());
        }
        if (!profiles.isEmpty()) {
            profileCombo.select(defaultProfile(profiles));
        }

        new Label(c, SWT.NONE).setText("Run &name:");
        nameText = new Text(c, SWT.BORDER);
        nameText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        nameText.setText(automationId);
        nameText.setToolTipText("The stages' jobs are named <run name>-<stage>");

        new Label(c, SWT.NONE).setText("&Input folder:");
        inputsText = new Text(c, SWT.BORDER);
        inputsText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        inputsText.setMessage("optional: files uploaded for the first stages (structure, coordinates, parameters)");
        Button browse = new Button(c, SWT.PUSH);
        browse.setText("&Browse\u2026");
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog d = new DirectoryDialog(getShell());
            d.setText("Input folder");
            String dir = d.open();
            if (dir != null) {
                inputsText.setText(dir);
            }
        });

        new Label(c, SWT.NONE);
        filesOnCluster = new Button(c, SWT.CHECK);
        filesOnCluster.setText(org.namdrunner.automation.draft.JobDraft.FILES_ON_CLUSTER_LABEL);
        filesOnCluster.setToolTipText("Without it, a run whose first stages read files that are not in the input folder is "
                + "refused before anything is created");
        filesOnCluster.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));

        Label vl = new Label(c, SWT.NONE);
        vl.setText("Template &values:");
        vl.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        valuesText = new Text(c, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        GridData vd = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        vd.heightHint = 90;
        vd.widthHint = 420;
        valuesText.setLayoutData(vd);
        valuesText.setToolTipText("One per line: name=value for every stage, or stage.name=value for one stage");

        profileCombo.addListener(SWT.Selection, e -> check());
        nameText.addModifyListener(e -> check());
        inputsText.addModifyListener(e -> check());
        valuesText.addModifyListener(e -> check());
        filesOnCluster.addListener(SWT.Selection, e -> check());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, RUN, true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        check();
    }

    /** Validates the fields; sets the request when complete. */
    private void check() {
        request = null;
        String error = null;
        Map<String, String> values = new LinkedHashMap<>();
        Path inputs = null;
        int pi = profileCombo.getSelectionIndex();
        String name = nameText.getText().strip();
        if (pi < 0) {
            error = "Choose a cluster profile (Window > Preferences > NAMDRunner > Cluster Profiles adds one).";
        } else if (name.isEmpty()) {
            error = "Give the run a name.";
        } else if (!name.matches("[A-Za-z0-9._-]+")) {
            error = "The run name may contain only letters, digits, '.', '_' and '-'.";
        }
        String in = inputsText.getText().strip();
        if (error == null && !in.isEmpty()) {
            try {
                inputs = Path.of(in);
                if (!Files.isDirectory(inputs)) {
                    error = "The input folder " + in + " does not exist.";
                }
            } catch (InvalidPathException e) {
                error = "Not a folder name: " + in;
            }
        }
        if (error == null) {
            try {
                values.putAll(org.namdrunner.template.render.TemplateValues.parseAssignments(valuesText.getText()));
            } catch (IllegalArgumentException e) {
                error = "Template values, " + e.getMessage() + ".";
            }
        }
        setErrorMessage(error);
        if (error == null) {
            request = new RunAutomation.Request(automationId, automation, profiles.get(pi).id(), name, inputs, values,
                    filesOnCluster.getSelection(), null);
        }
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(request != null);
        }
    }

    /**
     * The profile offered first: the active profile when it is a cluster, else the first cluster profile (one that
     * needs a connection), else the first — an automation is mostly run on a cluster, not on this computer.
     */
    static int defaultProfile(List<ProfileConfig> profiles) {
        java.util.Optional<String> active = java.util.Optional.empty();
        try {
            active = org.namdrunner.ui.remote.WorkbenchSessions.registry().active().map(ProfileConfig::id);
        } catch (RuntimeException e) {
            // no registry: the first cluster profile
        }
        for (int i = 0; i < profiles.size(); i++) {
            if (active.isPresent() && profiles.get(i).id().equals(active.get())
                    && org.namdrunner.ui.remote.WorkbenchSessions.needsConnection(profiles.get(i))) {
                return i;
            }
        }
        // then a cluster the user is connected to: that is the one they are working with
        for (int i = 0; i < profiles.size(); i++) {
            if (org.namdrunner.ui.remote.WorkbenchSessions.needsConnection(profiles.get(i))
                    && org.namdrunner.ui.remote.RemoteUi.isConnected(profiles.get(i).id())) {
                return i;
            }
        }
        for (int i = 0; i < profiles.size(); i++) {
            if (org.namdrunner.ui.remote.WorkbenchSessions.needsConnection(profiles.get(i))) {
                return i;
            }
        }
        return 0;
    }

    public Button getFilesOnClusterButton() {
        return filesOnCluster;
    }

    /** The request, once the dialog was closed with Run. */
    public RunAutomation.Request request() {
        return request;
    }

    // for tests
    public Combo getProfileCombo() {
        return profileCombo;
    }

    public Text getNameText() {
        return nameText;
    }

    Text getInputsText() {
        return inputsText;
    }

    Text getValuesText() {
        return valuesText;
    }
}
