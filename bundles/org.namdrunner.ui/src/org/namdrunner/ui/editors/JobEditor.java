package org.namdrunner.ui.editors;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.MultiPageEditorPart;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobStatusChange;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.jobs.JobFormat;
import org.namdrunner.ui.jobs.StatusIcons;

/**
 * The editor of one job (read-only): tab Overview with state, history timeline, resources and paths. Reloads
 * when jobs change.
 */
public class JobEditor extends MultiPageEditorPart {

    public static final String ID = "org.namdrunner.ui.editors.job";

    private StatusIcons icons;
    private Label stateLabel;
    private Composite overview;
    private Text details;
    private TableViewer history;
    private final Runnable listener = () -> {
        if (overview != null && !overview.isDisposed()) {
            overview.getDisplay().asyncExec(this::refresh);
        }
    };

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof JobEditorInput)) {
            throw new PartInitException("Not a job: " + input);
        }
        super.init(site, input);
        setPartName(input.getName());
    }

    public String jobId() {
        return ((JobEditorInput) getEditorInput()).jobId();
    }

    @Override
    protected void createPages() {
        icons = new StatusIcons(getContainer().getDisplay());
        overview = new Composite(getContainer(), SWT.NONE);
        overview.setLayout(new GridLayout(1, false));
        stateLabel = new Label(overview, SWT.NONE);
        stateLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        stateLabel.setFont(org.eclipse.jface.resource.JFaceResources.getHeaderFont());

        Group resources = new Group(overview, SWT.NONE);
        resources.setText("Resources and paths");
        resources.setLayout(new GridLayout(1, false));
        resources.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false));
        details = new Text(resources, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP);
        details.setFont(org.eclipse.jface.resource.JFaceResources.getTextFont());
        details.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        Group hist = new Group(overview, SWT.NONE);
        hist.setText("History");
        hist.setLayout(new GridLayout(1, false));
        hist.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        history = new TableViewer(hist, SWT.BORDER | SWT.FULL_SELECTION);
        history.getTable().setHeaderVisible(true);
        history.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        history.setContentProvider(ArrayContentProvider.getInstance());
        column("Time", 140, c -> JobFormat.time(c.at()), null);
        column("State", 120, c -> c.to().label(), c -> icons.get(c.to()));
        column("From", 110, c -> c.from() == null ? "" : c.from().label(), null);
        column("Reason", 260, c -> JobFormat.orEmpty(c.reason()), null);
        column("Source", 90, c -> JobFormat.orEmpty(c.source()), null);
        int index = addPage(overview);
        setPageText(index, "Overview");
        NamdRunnerUi.addJobsListener(listener);
        refresh();
    }

    private void column(String title, int width, java.util.function.Function<JobStatusChange, String> text,
            java.util.function.Function<JobStatusChange, Image> image) {
        TableViewerColumn c = new TableViewerColumn(history, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply((JobStatusChange) e);
            }

            @Override
            public Image getImage(Object e) {
                return image == null ? null : image.apply((JobStatusChange) e);
            }
        });
    }

    /** Reads the job again and shows it. */
    public void refresh() {
        if (overview == null || overview.isDisposed()) {
            return;
        }
        Optional<Job> found;
        List<JobStatusChange> changes;
        try {
            found = NamdRunnerUi.store().jobs().find(jobId());
            changes = found.isPresent() ? NamdRunnerUi.store().jobs().history(jobId()) : List.of();
        } catch (RuntimeException e) {
            stateLabel.setText("Cannot read the job: " + NamdRunnerUi.message(e));
            return;
        }
        if (found.isEmpty()) {
            stateLabel.setImage(null);
            stateLabel.setText("This job was deleted.");
            details.setText("");
            history.setInput(List.of());
            return;
        }
        Job j = found.get();
        setPartName(j.name());
        stateLabel.setImage(icons.get(j.state()));
        stateLabel.setText(j.name() + " \u2014 " + j.state().label() + (j.reason() != null ? " (" + j.reason() + ")" : ""));
        StringBuilder b = new StringBuilder();
        line(b, "Job id", j.id());
        line(b, "Profile", j.profileId());
        line(b, "Slurm job id", j.slurmJobId());
        line(b, "Partition", j.partition());
        line(b, "QoS", j.qos());
        line(b, "Nodes \u00d7 cores", j.nodes() + " \u00d7 " + j.cores());
        line(b, "Memory", j.memoryMb() == null ? null : j.memoryMb() + " MB");
        line(b, "Wall time", JobFormat.wallTime(j.wallTimeMinutes()));
        line(b, "Created", JobFormat.time(j.createdAt()));
        line(b, "Submitted", JobFormat.time(j.submittedAt()));
        line(b, "Started", JobFormat.time(j.startedAt()));
        line(b, "Ended", JobFormat.time(j.endedAt()));
        line(b, "Elapsed", JobFormat.elapsed(j, Instant.now()));
        line(b, "Exit code", j.exitCode() == null ? null : j.exitCode().toString());
        line(b, "Nodes", j.node());
        line(b, "Project directory", j.remoteProjectDir());
        line(b, "Scratch directory", j.remoteScratchDir());
        line(b, "Template", j.templateId());
        details.setText(b.toString().stripTrailing());
        history.setInput(changes);
        overview.layout(true, true);
    }

    private static void line(StringBuilder b, String key, String value) {
        if (value != null && !value.isBlank()) {
            b.append(String.format("%-18s %s%n", key + ":", value));
        }
    }

    public Label getStateLabel() {
        return stateLabel;
    }

    public TableViewer getHistoryViewer() {
        return history;
    }

    @Override
    public void dispose() {
        NamdRunnerUi.removeJobsListener(listener);
        if (icons != null) {
            icons.dispose();
        }
        super.dispose();
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
    }

    @Override
    public void doSaveAs() {
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }

    @Override
    public boolean isDirty() {
        return false;
    }
}
