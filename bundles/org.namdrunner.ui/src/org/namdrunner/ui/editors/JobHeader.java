package org.namdrunner.ui.editors;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.namdrunner.core.model.Job;
import org.namdrunner.ui.jobs.Engine;
import org.namdrunner.ui.preferences.AppearancePreferencePage;

/**
 * The header above the job editor's tabs: the job's state, the action buttons (enabled by the state; the work runs in
 * {@link JobActions}' jobs-layer operations) and the line with the last action's outcome.
 */
final class JobHeader {

    /** Asks how to delete a job: 0 with its files on the cluster, 1 only the record, -1 cancelled. */
    static final BiFunction<Shell, Job, Integer> DELETE_DIALOG = (shell, j) -> {
        MessageDialog d = new MessageDialog(shell, JobEditor.DELETE_JOB_TITLE, null, "Delete '" + j.name() + "'?\n\n"
                + "\u2022 Delete with files: cancels the job if it is queued or running and removes its directories on the cluster.\n"
                + "\u2022 Delete record only: keeps the files on the cluster.", MessageDialog.WARNING, 2,
                "Delete with Files", "Delete Record Only", "Cancel");
        int r = d.open();
        return r == 0 || r == 1 ? r : -1;
    };

    /** How the next delete is chosen: a seam for the UI tests (the test fragment shares this package). */
    static volatile BiFunction<Shell, Job, Integer> deleteChoice = DELETE_DIALOG;

    private final JobEditor editor;
    private Composite control;
    private Label stateLabel;
    private Label messageLabel;
    private final Map<JobActions.Action, Button> actions = new EnumMap<>(JobActions.Action.class);

    JobHeader(JobEditor editor) {
        this.editor = editor;
    }

    void create(Composite parent) {
        control = new Composite(parent, SWT.NONE);
        control.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        GridLayout hl = new GridLayout(2, false);
        hl.marginHeight = 4;
        control.setLayout(hl);
        stateLabel = new Label(control, SWT.NONE);
        stateLabel.setFont(JFaceResources.getHeaderFont());
        stateLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Composite bar = new Composite(control, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        RowLayout rl = new RowLayout(SWT.HORIZONTAL);
        rl.wrap = true;
        rl.center = true;
        rl.marginHeight = 0;
        rl.spacing = 4;
        bar.setLayout(rl);
        for (JobActions.Action a : JobActions.Action.values()) {
            if (a == JobActions.Action.DELETE || a == JobActions.Action.CONTINUE) {
                Label sep = new Label(bar, SWT.SEPARATOR | SWT.VERTICAL);
                sep.setLayoutData(new RowData(SWT.DEFAULT, 24));
            }
            Button item = new Button(bar, SWT.PUSH);
            item.setText(a.label());
            item.setEnabled(false);
            item.addListener(SWT.Selection, e -> run(a));
            actions.put(a, item);
        }
        messageLabel = new Label(control, SWT.WRAP);
        messageLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        messageLabel.setText("");
    }

    Label stateLabel() {
        return stateLabel;
    }

    Label messageLabel() {
        return messageLabel;
    }

    Button action(JobActions.Action a) {
        return actions.get(a);
    }

    /** Shows the job's state (null: the job was deleted) and enables the actions by it. */
    void show(Job j) {
        if (j == null) {
            stateLabel.setImage(null);
            stateLabel.setText("This job was deleted.");
        } else {
            stateLabel.setImage(editor.icons().get(j.state()));
            stateLabel.setText(j.name() + " \u2014 " + j.state().label() + (j.reason() != null ? " (" + j.reason() + ")" : ""));
            control.layout(true, true);
        }
        updateActions(j);
    }

    /** The job could not be read. */
    void showProblem(String problem) {
        stateLabel.setText("Cannot read the job: " + problem);
    }

    private void updateActions(Job j) {
        for (Map.Entry<JobActions.Action, Button> e : actions.entrySet()) {
            e.getValue().setEnabled(j != null && JobActions.enabled(e.getKey(), j));
            e.getValue().setToolTipText(j == null ? null : JobActions.tooltip(e.getKey(), j));
        }
        // the theme colours disabled buttons by the :disabled pseudo class: style them again after a change
        var engine = AppearancePreferencePage.engine(control.getDisplay());
        if (engine != null) {
            for (Button b : actions.values()) {
                engine.applyStyles(b, false);
            }
        }
    }

    /** Runs an action (confirmations and choices on the UI thread, the work in an Eclipse job). */
    org.eclipse.core.runtime.jobs.Job run(JobActions.Action a) {
        Job j = editor.job();
        if (j == null || !JobActions.enabled(a, j)) {
            return null;
        }
        Shell shell = editor.getSite().getShell();
        Consumer<JobActions.Outcome> done = out -> {
            Display d = editor.display();
            if (d != null) {
                d.asyncExec(() -> showOutcome(a, out));
            }
        };
        message(a.label().replace("\u2026", "") + " \u2026", false);
        return switch (a) {
            case SUBMIT -> JobActions.submit(j, done);
            case CANCEL -> MessageDialog.openConfirm(shell, "Cancel Job", "Cancel '" + j.name() + "' on the cluster?")
                    ? JobActions.cancel(j, done) : null;
            case SYNC -> JobActions.sync(j, done);
            case DOWNLOAD -> {
                // the folder to download into; the results go to a folder named after the job inside it
                Path target = DownloadFolder.choose(shell, Engine.defaultResultsDir(j).getParent());
                yield target == null ? null : JobActions.download(j, target, done);
            }
            case CONTINUE -> JobActions.continueJob(j, done);
            case RESTART -> JobActions.restart(j, done);
            case DUPLICATE -> JobActions.duplicate(shell, j, done);
            case DELETE -> {
                int choice = deleteChoice.apply(shell, j);
                yield choice < 0 ? null : JobActions.delete(j, choice == 0, done);
            }
        };
    }

    private void showOutcome(JobActions.Action a, JobActions.Outcome out) {
        if (editor.isDisposed()) {
            return;
        }
        IStatus s = out.status();
        if (s.matches(IStatus.CANCEL)) {
            message(a.label().replace("\u2026", "") + " was cancelled.", false);
        } else {
            message(s.getMessage(), s.getSeverity() >= IStatus.WARNING);
        }
        if (a == JobActions.Action.DELETE && s.getSeverity() < IStatus.WARNING) {
            editor.getSite().getPage().closeEditor(editor, false);
            return;
        }
        editor.refresh();
        if (a == JobActions.Action.DUPLICATE && out.created() != null && s.getSeverity() < IStatus.ERROR) {
            try {
                editor.getSite().getPage().openEditor(new JobEditorInput(out.created().id(), out.created().name()), JobEditor.ID);
            } catch (org.eclipse.ui.PartInitException e) {
                message("The copy was created but cannot be opened: " + e.getMessage(), true);
            }
            return;
        }
        if (out.created() != null) {
            editor.reload(JobEditor.Tab.CHAIN);
        }
    }

    private void message(String text, boolean problem) {
        if (messageLabel == null || messageLabel.isDisposed()) {
            return;
        }
        messageLabel.setText(text == null ? "" : text);
        messageLabel.setForeground(problem ? messageLabel.getDisplay().getSystemColor(SWT.COLOR_RED) : null);
        control.layout(true, true);
    }
}
