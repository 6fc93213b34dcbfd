package org.namdrunner.ui.editors;

import java.util.List;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.namdrunner.automation.JobDocuments;
import org.namdrunner.automation.JobDocuments.LogKind;
import org.namdrunner.automation.namdlog.EnergySeries;
import org.namdrunner.automation.namdlog.NamdLogParser;
import org.namdrunner.core.model.Job;

/**
 * The Logs tab: Slurm stdout/stderr and the NAMD log, cached locally. Reading the NAMD log also feeds the
 * {@link EnergyTab}, so that tab reads through this one.
 */
final class LogsTab extends JobEditorTab {

    private final EnergyTab energy;
    private ReadOnlyDocumentViewer viewer;
    private Combo kind;
    private Label status;

    LogsTab(JobEditor editor) {
        super(editor, JobEditor.Tab.LOGS);
        this.energy = new EnergyTab(editor, this);
    }

    /** The Energy tab that reads of the NAMD log fill. */
    EnergyTab energy() {
        return energy;
    }

    @Override
    int columns() {
        return 3;
    }

    @Override
    void create(Composite c) {
        new Label(c, SWT.NONE).setText("Log:");
        kind = new Combo(c, SWT.READ_ONLY | SWT.DROP_DOWN);
        for (LogKind k : LogKind.values()) {
            kind.add(k.label());
        }
        kind.select(0);
        kind.addListener(SWT.Selection, e -> loadLog(selected(), false));
        button(c, "Refresh", () -> loadLog(selected(), true));
        status = status(c, 3);
        viewer = new ReadOnlyDocumentViewer(c, ReadOnlyDocumentViewer.Language.PLAIN);
        viewer.getTextWidget().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
    }

    @Override
    void load(boolean again) {
        // a failed job opens on the log its failure reason comes from (FailureExplanation: "<log>: <line>")
        LogKind explained = explainingLog(editor.job());
        if (!again && explained != null) {
            kind.select(explained.ordinal());
        }
        loadLog(selected(), false);
    }

    @Override
    void liveRefresh() {
        loadLog(selected(), true);
    }

    @Override
    Label status() {
        return status;
    }

    ReadOnlyDocumentViewer viewer() {
        return viewer;
    }

    Combo kind() {
        return kind;
    }

    LogKind selected() {
        return LogKind.values()[Math.max(0, kind.getSelectionIndex())];
    }

    /** Selects a log and reads it. */
    void show(LogKind k) {
        kind.select(k.ordinal());
        loadLog(k, false);
    }

    /** The log a failed job's reason quotes, or null. */
    static LogKind explainingLog(Job j) {
        if (j == null || !j.state().isFailure() || j.reason() == null) {
            return null;
        }
        for (LogKind k : LogKind.values()) {
            if (j.reason().startsWith(k.label() + ": ")) {
                return k;
            }
        }
        return null;
    }

    /**
     * Reads a log: shown here when it is the selected one, and plotted on the Energy tab when it is the NAMD log.
     * {@code force}: from the cluster even when a good cached copy exists.
     */
    void loadLog(LogKind k, boolean force) {
        Job current = editor.job();
        if (current == null) {
            return;
        }
        Optional<String> path;
        try {
            path = JobDocuments.logPath(current, k);
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
            energy.status().setText(e.getMessage());
            return;
        }
        if (path.isEmpty()) {
            if (k == selected()) {
                viewer.setText("");
                status.setText("The " + k.label() + " exists once the job was submitted.");
            }
            return;
        }
        Label shownOn = k == LogKind.NAMD && editor.activeTab() == JobEditor.Tab.ENERGY ? energy.status() : status;
        editor.loads().run("Reading the " + k.label(), shownOn, (j, m) -> {
            RemoteText f = RemoteText.fetch(j, path.get(), !force && j.state().isTerminal(), m);
            org.namdrunner.automation.namdlog.NamdLog parsed = k == LogKind.NAMD ? NamdLogParser.parse(f.text()) : null;
            List<EnergySeries> series = parsed == null ? null : EnergySeries.of(parsed);
            return new Object[] { f, series, parsed == null ? "" : parsed.speed().summary() };
        }, r -> {
            RemoteText f = (RemoteText) r[0];
            if (k == selected()) {
                boolean atEnd = viewer.getTextWidget().getTopIndex() + 5 >= viewer.getTextWidget().getLineCount() - 40;
                viewer.setText(f.text());
                if (atEnd || force) {
                    viewer.revealEnd();
                }
                status.setText(f.describe());
                status.getParent().layout();
            } else if (shownOn == status) {
                status.setText("");
            }
            if (r[1] != null) {
                @SuppressWarnings("unchecked")
                List<EnergySeries> series = (List<EnergySeries>) r[1];
                energy.show(series, f, (String) r[2]);
            }
        });
    }
}
