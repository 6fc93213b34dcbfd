package org.namdrunner.ui.editors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.namdrunner.automation.JobDocuments.LogKind;
import org.namdrunner.automation.namdlog.EnergySeries;

/**
 * The Energy tab: energies, temperature and pressure of the NAMD log over the steps, one toggle per quantity. The
 * NAMD log is read by the {@link LogsTab}, which hands the series here.
 */
final class EnergyTab extends JobEditorTab {

    private final LogsTab logs;
    private final Map<String, Button> toggles = new LinkedHashMap<>();
    private EnergyChart chart;
    private Label status;

    EnergyTab(JobEditor editor, LogsTab logs) {
        super(editor, JobEditor.Tab.ENERGY);
        this.logs = logs;
    }

    @Override
    int columns() {
        return EnergySeries.QUANTITIES.size() + 1;
    }

    @Override
    void create(Composite c) {
        for (EnergySeries.Quantity q : EnergySeries.QUANTITIES) {
            Button b = new Button(c, SWT.CHECK);
            b.setText(q.label());
            b.setSelection(true);
            b.addListener(SWT.Selection, e -> chart.setVisible(q.column(), b.getSelection()));
            toggles.put(q.column(), b);
        }
        button(c, "Refresh", () -> logs.loadLog(LogKind.NAMD, true));
        status = status(c, columns());
        chart = new EnergyChart(c);
        chart.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, columns(), 1));
        chart.setEmptyMessage("No ENERGY: lines in the NAMD log yet.");
    }

    @Override
    void load(boolean again) {
        logs.loadLog(LogKind.NAMD, false);
    }

    @Override
    void liveRefresh() {
        logs.loadLog(LogKind.NAMD, true);
    }

    @Override
    Label status() {
        return status;
    }

    EnergyChart chart() {
        return chart;
    }

    /** Plots the series read from the NAMD log {@code log}; {@code speed}: ns/day, step and time left, if known. */
    void show(List<EnergySeries> series, RemoteText log, String speed) {
        chart.setSeries(series);
        for (Map.Entry<String, Button> e : toggles.entrySet()) {
            e.getValue().setEnabled(series.stream().anyMatch(s -> s.column().equals(e.getKey()) && !s.isEmpty()));
        }
        int points = series.stream().mapToInt(EnergySeries::size).max().orElse(0);
        String pace = speed == null || speed.isEmpty() ? "" : speed + " \u2014 ";
        status.setText(points == 0 ? "No ENERGY: lines yet \u2014 " + pace + log.describe()
                : points + " energy outputs \u2014 " + pace + log.describe());
        status.getParent().layout();
    }
}
