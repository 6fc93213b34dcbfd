package org.namdrunner.ui.editors;

import java.time.Instant;
import java.util.List;

import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Text;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobStatusChange;
import org.namdrunner.core.model.TemplateRecord;
import org.namdrunner.core.model.TemplateRevision;
import org.namdrunner.template.render.BuiltInTemplates;
import org.namdrunner.ui.templates.TemplateHistoryDialog;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.jobs.JobFormat;
import org.namdrunner.ui.remote.WorkbenchSessions;

/**
 * The Overview tab: the job's resources and paths, the template revision its config was made from (with the changes
 * to the template since, when there are any), and its history of states. Read from the store, no cluster.
 */
final class OverviewTab extends JobEditorTab {

    private Composite page;
    private Text details;
    private Composite provenance;
    private Label madeFrom;
    private Link changes;
    /** The job shown (for "Show changes since"). */
    private Job shown;
    private TableViewer history;

    OverviewTab(JobEditor editor) {
        super(editor, JobEditor.Tab.OVERVIEW);
    }

    @Override
    int columns() {
        return 1;
    }

    @Override
    void create(Composite c) {
        page = c;
        // first, so it stays in sight however small the editor is
        provenance = new Composite(c, SWT.NONE);
        GridLayout pl = new GridLayout(2, false);
        pl.marginWidth = 0;
        pl.marginHeight = 0;
        provenance.setLayout(pl);
        provenance.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        madeFrom = new Label(provenance, SWT.NONE);
        changes = new Link(provenance, SWT.NONE);
        changes.setToolTipText("The diff of the revision this job was made from to the template's current text");
        changes.addListener(SWT.Selection, e -> showChanges());
        Group resources = new Group(c, SWT.NONE);
        resources.setText("Resources and paths");
        resources.setLayout(new GridLayout(1, false));
        resources.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false));
        details = new Text(resources, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP);
        details.setFont(JFaceResources.getTextFont());
        details.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        Group hist = new Group(c, SWT.NONE);
        hist.setText("History");
        hist.setLayout(new GridLayout(1, false));
        hist.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        history = new TableViewer(hist, SWT.BORDER | SWT.FULL_SELECTION);
        history.getTable().setHeaderVisible(true);
        history.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        history.setContentProvider(ArrayContentProvider.getInstance());
        column(history, "Time", 140, (JobStatusChange s) -> JobFormat.time(s.at()), null);
        column(history, "State", 120, (JobStatusChange s) -> s.to().label(), s -> editor.icons().get(s.to()));
        column(history, "From", 110, (JobStatusChange s) -> s.from() == null ? "" : s.from().label(), null);
        column(history, "Reason", 260, (JobStatusChange s) -> JobFormat.orEmpty(s.reason()), null);
        column(history, "Source", 90, (JobStatusChange s) -> JobFormat.orEmpty(s.source()), null);
    }

    @Override
    void load(boolean again) {
        editor.refresh();
    }

    @Override
    Label status() {
        return editor.header().stateLabel();
    }

    /** False before the page is built and after it is disposed. */
    boolean isLive() {
        return page != null && !page.isDisposed();
    }

    Composite page() {
        return page;
    }

    TableViewer history() {
        return history;
    }

    String detailsText() {
        return details.getText();
    }

    /** Shows the job (null: it was deleted) and its history. */
    void show(Job j, List<JobStatusChange> changes) {
        shown = j;
        if (j == null) {
            details.setText("");
            showProvenance(null);
            history.setInput(List.of());
            return;
        }
        StringBuilder b = new StringBuilder();
        line(b, "Job id", j.id());
        line(b, "Profile", profileName(j.profileId()));
        line(b, "Scheduler job id", j.slurmJobId());
        line(b, "Partition", j.partition());
        line(b, "QoS", j.qos());
        line(b, "Nodes \u00d7 cores", j.nodes() + " \u00d7 " + j.cores());
        line(b, "Memory", j.memoryMb() == null ? null : j.memoryMb() + " MB");
        line(b, "Wall time", JobFormat.wallTime(j.wallTimeMinutes()));
        line(b, "Created", JobFormat.time(j.createdAt()));
        line(b, "Submitted", JobFormat.time(j.submittedAt()));
        line(b, "Started", JobFormat.time(j.startedAt()));
        line(b, "Ended", JobFormat.time(j.endedAt()));
        line(b, "Queue wait", j.queueWait() == null ? null : org.namdrunner.core.model.JobProgress.span(j.queueWait()));
        line(b, "Elapsed", JobFormat.elapsed(j, Instant.now()));
        org.namdrunner.core.model.JobProgress p = j.startedAt() == null ? null : progress(j);
        if (p != null) {
            line(b, "Progress", j.state() == org.namdrunner.core.JobState.RUNNING ? p.summary(Instant.now()) : null);
            line(b, "Speed", p.speedSummary());
            line(b, "Speed read", JobFormat.time(p.measuredAt()));
        }
        line(b, "Exit code", j.exitCode() == null ? null : j.exitCode().toString());
        line(b, "Nodes", j.node());
        line(b, "Project directory", j.remoteProjectDir());
        line(b, "Scratch directory", j.remoteScratchDir());
        line(b, "Template", j.templateId() == null ? null : j.templateId() + (j.templateRevision() == null ? ""
                : "  (revision " + j.templateRevision() + ")"));
        line(b, "Parent job", j.parentJobId() == null ? null
                : NamdRunnerUi.store().jobs().find(j.parentJobId()).map(Job::name).orElse(j.parentJobId()));
        line(b, "Group", j.groupId());
        details.setText(b.toString().stripTrailing());
        showProvenance(j);
        history.setInput(changes);
        page.layout(true, true);
    }

    /** What the job was made from, as the Overview says it. */
    record Provenance(String text, Integer since, Integer current) {
        /** The template changed after the job's revision: there are changes to show. */
        boolean changed() {
            return since != null && current != null && !since.equals(current);
        }
    }

    /** Says which template and revision a job's config was made from, and whether the template changed since. */
    static Provenance provenance(Job j) {
        if (j == null || j.templateId() == null) {
            return new Provenance("", null, null);
        }
        String id = j.templateId();
        if (BuiltInTemplates.ids().contains(id)) {
            return new Provenance("Made from built-in template '" + BuiltInTemplates.displayName(id) + "'", null, null);
        }
        TemplateRecord t = NamdRunnerUi.store().templates().find(id).orElse(null);
        if (t == null) {
            return new Provenance("Made from template " + id + (j.templateRevision() == null ? "" : ", revision " + j.templateRevision())
                    + " (the template was deleted)", null, null);
        }
        if (j.templateRevision() == null) {
            return new Provenance("Made from template '" + t.name() + "' (its revision was not recorded)", null, null);
        }
        Integer current = NamdRunnerUi.store().templates().latestRevision(id).map(TemplateRevision::number).orElse(null);
        String now = current == null || current.equals(j.templateRevision()) ? " (the template's current text)"
                : "; the template is now at revision " + current;
        return new Provenance("Made from template '" + t.name() + "', revision " + j.templateRevision() + now,
                j.templateRevision(), current);
    }

    private void showProvenance(Job j) {
        Provenance p;
        try {
            p = provenance(j);
        } catch (RuntimeException e) {
            p = new Provenance("Template: " + NamdRunnerUi.message(e), null, null);
        }
        madeFrom.setText(p.text());
        changes.setText(p.changed() ? "<a>Show changes since revision " + p.since() + "</a>" : "");
        changes.setVisible(p.changed());
        ((GridData) provenance.getLayoutData()).exclude = p.text().isEmpty();
        provenance.setVisible(!p.text().isEmpty());
        provenance.getParent().layout(true, true);
    }

    /** Opens the template's history comparing the job's revision with the newest. */
    void showChanges() {
        Job j = shown;
        if (j == null || j.templateId() == null || j.templateRevision() == null) {
            return;
        }
        try {
            List<TemplateRevision> revisions = NamdRunnerUi.store().templates().revisions(j.templateId());
            String name = NamdRunnerUi.store().templates().find(j.templateId()).map(TemplateRecord::name).orElse(j.templateId());
            if (!revisions.isEmpty()) {
                new TemplateHistoryDialog(page.getShell(), name, revisions, j.templateRevision(), 0).open();
            }
        } catch (RuntimeException e) {
            org.eclipse.jface.dialogs.MessageDialog.openError(page.getShell(), TemplateHistoryDialog.TITLE,
                    "Cannot read the template's history: " + NamdRunnerUi.message(e));
        }
    }

    Label madeFrom() {
        return madeFrom;
    }

    Link changesLink() {
        return changes;
    }

    /** The progress facts the sync read from the job's NAMD log, or null. */
    private static org.namdrunner.core.model.JobProgress progress(Job j) {
        try {
            return NamdRunnerUi.store().jobs().progress(j.id()).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String profileName(String id) {
        if (id == null) {
            return null;
        }
        try {
            return WorkbenchSessions.registry().find(id).map(p -> p.name()).orElse(id + "  (profile deleted)");
        } catch (RuntimeException e) {
            return id;
        }
    }

    private static void line(StringBuilder b, String key, String value) {
        if (value != null && !value.isBlank()) {
            b.append(String.format("%-18s %s%n", key + ":", value));
        }
    }
}
