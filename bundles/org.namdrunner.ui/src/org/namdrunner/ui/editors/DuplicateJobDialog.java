package org.namdrunner.ui.editors;

import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.namdrunner.cluster.Names;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.op.DuplicateOperation;
import org.namdrunner.template.render.TemplateValues;

/**
 * Duplicate… ("clone and resubmit"): the new job's name, template values, cores and wall time, prefilled from the job,
 * editable before anything is created; the input files are copied on the cluster. OK gives the changes for
 * {@link DuplicateOperation}.
 */
public final class DuplicateJobDialog extends TitleAreaDialog {

    public static final String TITLE = "Duplicate Job";
    public static final String OK_LABEL = "Create Copy";

    private final Job source;
    private final String defaultName;
    private Text nameText;
    private Text valuesText;
    private Text coresText;
    private Text wallText;
    private Button submitNow;
    private DuplicateOperation.Changes changes;

    public DuplicateJobDialog(Shell shell, Job source, String defaultName) {
        super(shell);
        this.source = source;
        this.defaultName = defaultName;
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
        setTitle("Duplicate '" + source.name() + "'");
        setMessage("A new job with the same template, values and resources; its input files are copied on the cluster "
                + "from '" + source.name() + "', nothing is uploaded again. Change what differs.");
        Composite c = new Composite(area, SWT.NONE);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        c.setLayout(new GridLayout(2, false));

        new Label(c, SWT.NONE).setText("&Name:");
        nameText = new Text(c, SWT.BORDER);
        nameText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        nameText.setText(defaultName);

        Label vl = new Label(c, SWT.NONE);
        vl.setText("Template &values:");
        vl.setLayoutData(new GridData(SWT.BEGINNING, SWT.TOP, false, false));
        valuesText = new Text(c, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        GridData vd = new GridData(SWT.FILL, SWT.FILL, true, true);
        vd.heightHint = 140;
        vd.widthHint = 420;
        valuesText.setLayoutData(vd);
        valuesText.setText(TemplateValues.formatAssignments(new TreeMap<>(source.templateValues())));
        valuesText.setToolTipText("One per line: name=value");

        new Label(c, SWT.NONE).setText("&Cores:");
        coresText = new Text(c, SWT.BORDER);
        coresText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        coresText.setText(Integer.toString(source.cores()));

        new Label(c, SWT.NONE).setText("&Wall time (minutes):");
        wallText = new Text(c, SWT.BORDER);
        wallText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        wallText.setText(source.wallTimeMinutes() == null ? "" : Integer.toString(source.wallTimeMinutes()));
        wallText.setMessage("as before");

        new Label(c, SWT.NONE);
        submitNow = new Button(c, SWT.CHECK);
        submitNow.setText("&Submit when created");
        submitNow.setSelection(true);
        submitNow.setToolTipText("Without it the copy waits in the Jobs view until you press Submit");

        nameText.addModifyListener(e -> check());
        valuesText.addModifyListener(e -> check());
        coresText.addModifyListener(e -> check());
        wallText.addModifyListener(e -> check());
        submitNow.addListener(SWT.Selection, e -> check());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, OK_LABEL, true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        check();
    }

    private void check() {
        changes = null;
        String error = null;
        String name = nameText.getText().strip();
        Map<String, String> values = Map.of();
        Integer cores = null;
        Integer wall = null;
        try {
            Names.requireJobName(name);
        } catch (org.namdrunner.cluster.ClusterException e) {
            error = e.getMessage();
        }
        if (error == null) {
            try {
                values = TemplateValues.parseAssignments(valuesText.getText());
            } catch (IllegalArgumentException e) {
                error = "Template values, " + e.getMessage() + ".";
            }
        }
        if (error == null) {
            cores = positive(coresText.getText());
            if (cores == null) {
                error = "Cores: a whole number of at least 1.";
            }
        }
        if (error == null && !wallText.getText().isBlank()) {
            wall = positive(wallText.getText());
            if (wall == null) {
                error = "Wall time: whole minutes, at least 1 (or empty to keep the source's).";
            }
        }
        setErrorMessage(error);
        if (error == null) {
            // the rest of the request (partition, QoS, nodes, memory, GPUs) stays the source's
            ResourceRequest r = new ResourceRequest(null, null, cores, null, null, wall, null);
            changes = new DuplicateOperation.Changes(name, values, r, null, submitNow.getSelection());
        }
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(changes != null);
        }
    }

    private static Integer positive(String s) {
        try {
            int v = Integer.parseInt(s.strip());
            return v >= 1 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The changes chosen (after OK), or null. */
    public DuplicateOperation.Changes changes() {
        return changes;
    }

    public Text nameText() {
        return nameText;
    }

    public Text valuesText() {
        return valuesText;
    }
}
