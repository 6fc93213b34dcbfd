package org.namdrunner.ui.preferences;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.namdrunner.ui.internal.FilePrompt;
import org.namdrunner.store.DatabaseManagement;
import org.namdrunner.ui.NamdRunnerUi;

/**
 * Preferences > NAMDRunner > Database: where the local database is and how big, backup, restore (with a warning;
 * the file is validated before anything is replaced) and reset (with a warning; backs up first unless told not
 * to). Each operation runs as a cancellable Eclipse job; its outcome shows on the page.
 */
public class DatabasePreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    public static final String ID = "org.namdrunner.ui.preferences.database";
    public static final String RESTORE_TITLE = "Restore Database";
    public static final String RESET_TITLE = "Reset Database";
    public static final String RESTORE_BUTTON = "Restore";
    public static final String RESET_BUTTON = "Reset";


    /** The file questions of this screen (asked through the FilePrompts service). */
    private static final FilePrompt FILES = new FilePrompt("Back Up Database To", "Restore Database From", "*.zip;*.mv.db", "NAMDRunner backups (*.zip, *.mv.db)");



    private Text location;
    private Label size;
    private Label outcome;
    private Button backupButton;
    private Button restoreButton;
    private Button resetButton;
    private Button rebuildButton;
    private org.eclipse.swt.widgets.Combo rebuildProfile;
    private final java.util.List<org.namdrunner.cluster.ProfileConfig> rebuildProfiles = new java.util.ArrayList<>();

    public DatabasePreferencePage() {
        setDescription("NAMDRunner keeps jobs, templates, cluster profiles and settings in a local database.");
        noDefaultAndApplyButton();
    }

    @Override
    public void init(IWorkbench workbench) {
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));

        new Label(c, SWT.NONE).setText("Location:");
        location = new Text(c, SWT.READ_ONLY | SWT.BORDER);
        location.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(c, SWT.NONE).setText("Size:");
        size = new Label(c, SWT.NONE);
        size.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        Composite buttons = new Composite(c, SWT.NONE);
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        GridLayout bl = new GridLayout(3, true);
        bl.marginWidth = 0;
        buttons.setLayout(bl);
        backupButton = button(buttons, "&Back Up\u2026", "Write a copy of the database to a file");
        restoreButton = button(buttons, "&Restore\u2026", "Replace the database by a backup");
        resetButton = button(buttons, "R&eset\u2026", "Start over with an empty database");
        backupButton.addListener(SWT.Selection, e -> backup());
        restoreButton.addListener(SWT.Selection, e -> restore());
        resetButton.addListener(SWT.Selection, e -> reset());

        // rebuild the job list from the job_info.json records on a cluster (never duplicates)
        Composite rebuild = new Composite(c, SWT.NONE);
        rebuild.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        GridLayout rl = new GridLayout(3, false);
        rl.marginWidth = 0;
        rebuild.setLayout(rl);
        new Label(rebuild, SWT.NONE).setText("Rebuild jobs from:");
        rebuildProfile = new org.eclipse.swt.widgets.Combo(rebuild, SWT.READ_ONLY);
        rebuildProfile.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        try {
            rebuildProfiles.addAll(org.namdrunner.ui.remote.WorkbenchSessions.registry().all());
        } catch (RuntimeException e) {
            setErrorMessage("Cannot read the cluster profiles: " + NamdRunnerUi.message(e));
        }
        rebuildProfiles.forEach(p -> rebuildProfile.add(p.name()));
        if (!rebuildProfiles.isEmpty()) {
            rebuildProfile.select(0);
        }
        rebuildButton = button(rebuild, "Re&build\u2026", "Import the jobs recorded on the cluster (job_info.json) that "
                + "this database does not know; known jobs stay as they are");
        rebuildButton.addListener(SWT.Selection, e -> rebuild());

        Label note = new Label(c, SWT.WRAP);
        note.setText("Restore checks that the file is a NAMDRunner database before replacing anything and keeps the "
                + "replaced database as " + DatabaseManagement.BEFORE_RESTORE + ". Reset backs up first into the "
                + "backups folder unless you untick it.");
        GridData nd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        nd.widthHint = 420;
        nd.verticalIndent = 8;
        note.setLayoutData(nd);

        outcome = new Label(c, SWT.WRAP);
        GridData od = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        od.widthHint = 420;
        od.verticalIndent = 8;
        outcome.setLayoutData(od);
        updateInfo();
        return c;
    }

    private static Button button(Composite parent, String text, String tip) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return b;
    }

    private void updateInfo() {
        if (location == null || location.isDisposed()) {
            return;
        }
        try {
            DatabaseManagement m = NamdRunnerUi.store().management();
            location.setText(m.databaseFile().toString());
            size.setText(humanSize(m.sizeOnDisk()));
        } catch (RuntimeException e) {
            size.setText("Unavailable: " + NamdRunnerUi.message(e));
        }
    }

    public static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return String.format("%.1f %s", v, units[u]);
    }

    // ---- operations ----

    private void backup() {
        String name = "namdrunner-backup-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm")) + ".zip";
        Path target = FILES.save(getShell(), name);
        if (target == null) {
            return;
        }
        run("Backing up the NAMDRunner database", m -> {
            Path p = NamdRunnerUi.store().management().backup(target, m);
            return "Backed up to " + p;
        });
    }

    private void restore() {
        Path source = FILES.open(getShell());
        if (source == null) {
            return;
        }
        MessageDialog confirm = new MessageDialog(getShell(), RESTORE_TITLE, null,
                "Replace the current database by " + source + "?\n\nAll jobs, templates, profiles and settings recorded "
                        + "since that backup was made will be gone. The current database is kept as "
                        + DatabaseManagement.BEFORE_RESTORE + " in " + NamdRunnerUi.store().management().location() + ".",
                MessageDialog.WARNING, 1, RESTORE_BUTTON, "Cancel");
        if (confirm.open() != 0) {
            return;
        }
        run("Restoring the NAMDRunner database", m -> {
            Path kept = NamdRunnerUi.store().management().restore(source, m);
            return "Restored from " + source + ". The replaced database is kept as " + kept + ".";
        });
    }

    private void reset() {
        boolean[] backupFirstChoice = {true};
        MessageDialog confirm = new MessageDialog(getShell(), RESET_TITLE, null,
                "Delete every job record, template, cluster profile and setting and start with an empty database?\n\n"
                        + "Files on clusters are not touched.",
                MessageDialog.WARNING, 1, RESET_BUTTON, "Cancel") {
            @Override
            protected Control createCustomArea(Composite parent) {
                Button check = new Button(parent, SWT.CHECK);
                check.setText("&Back up the current database first");
                check.setSelection(true);
                check.addListener(SWT.Selection, e -> backupFirstChoice[0] = check.getSelection());
                return check;
            }
        };
        if (confirm.open() != 0) {
            return;
        }
        boolean backupFirst = backupFirstChoice[0];
        run("Resetting the NAMDRunner database", m -> {
            Optional<Path> b = NamdRunnerUi.store().management().reset(backupFirst, m);
            return "The database was reset." + b.map(p -> " The previous one was backed up to " + p + ".").orElse("");
        });
    }

    /**
     * Rebuild from cluster: every job whose job_info.json is under the chosen profile's job root and that the database
     * does not know is imported (connecting first when needed); the outcome names what was found, imported and skipped.
     */
    private void rebuild() {
        int i = rebuildProfile.getSelectionIndex();
        if (i < 0 || i >= rebuildProfiles.size()) {
            return;
        }
        org.namdrunner.cluster.ProfileConfig p = rebuildProfiles.get(i);
        run(REBUILD_TITLE + " from " + p.name(), m -> {
            org.namdrunner.jobs.op.RebuildOperation op = new org.namdrunner.jobs.op.RebuildOperation(
                    org.namdrunner.ui.jobs.Engine.service(), p.id());
            try {
                return op.run(m).status().getMessage();
            } catch (org.eclipse.core.runtime.CoreException e) {
                throw new IllegalStateException(e.getStatus().getMessage(), e);
            }
        });
    }

    /** Title of the rebuild operation. */
    public static final String REBUILD_TITLE = "Rebuilding the job list";

    private interface Operation {
        String run(IProgressMonitor monitor);
    }

    private void run(String name, Operation op) {
        setButtonsEnabled(false);
        outcome.setText(name + "\u2026");
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    return new Status(IStatus.OK, NamdRunnerUi.PLUGIN_ID, op.run(monitor));
                } catch (OperationCanceledException e) {
                    return Status.CANCEL_STATUS;
                } catch (RuntimeException e) {
                    return new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID, NamdRunnerUi.message(e));
                } finally {
                    NamdRunnerUi.fireJobsChanged();
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == DatabasePreferencePage.class;
            }
        };
        job.setUser(true);
        // the page reports the outcome itself; the Progress view keeps errors if the page was closed meanwhile
        job.setProperty(org.eclipse.ui.progress.IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
        Display display = getShell().getDisplay();
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                IStatus s = event.getResult();
                display.asyncExec(() -> {
                    if (outcome.isDisposed()) {
                        if (s.getSeverity() == IStatus.ERROR) {
                            MessageDialog.openError(display.getActiveShell(), name, s.getMessage());
                        }
                        return;
                    }
                    setButtonsEnabled(true);
                    String text = s.getSeverity() == IStatus.CANCEL ? name + ": cancelled, nothing was changed."
                            : s.isOK() ? s.getMessage() : name + " failed: " + s.getMessage();
                    outcome.setText(text);
                    if (s.getSeverity() == IStatus.ERROR) {
                        setErrorMessage(s.getMessage());
                    } else {
                        setErrorMessage(null);
                    }
                    updateInfo();
                    outcome.getParent().layout(true);
                });
            }
        });
        job.schedule();
    }

    private void setButtonsEnabled(boolean enabled) {
        for (Button b : new Button[] {backupButton, restoreButton, resetButton, rebuildButton}) {
            if (!b.isDisposed()) {
                b.setEnabled(enabled);
            }
        }
    }

    // ---- for tests ----

    Button getRebuildButton() {
        return rebuildButton;
    }

    org.eclipse.swt.widgets.Combo getRebuildProfileCombo() {
        return rebuildProfile;
    }

    Button getBackupButton() {
        return backupButton;
    }

    Button getRestoreButton() {
        return restoreButton;
    }

    Button getResetButton() {
        return resetButton;
    }

    Label getOutcome() {
        return outcome;
    }

    Label getSizeLabel() {
        return size;
    }

    Text getLocationText() {
        return location;
    }
}
