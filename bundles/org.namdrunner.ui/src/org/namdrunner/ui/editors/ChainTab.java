package org.namdrunner.ui.editors;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.namdrunner.core.model.Job;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.editors.JobEditor.Dependency;
import org.namdrunner.ui.jobs.Engine;
import org.namdrunner.ui.jobs.JobFormat;
import org.namdrunner.workflow.ChainRows;
import org.namdrunner.workflow.WorkflowNode;

/** The Chain tab: the job's chain (parent → children) and its afterok dependencies; double-click opens a job. */
final class ChainTab extends JobEditorTab {

    private TableViewer chain;
    private TableViewer dependencies;
    private Label status;

    ChainTab(JobEditor editor) {
        super(editor, JobEditor.Tab.CHAIN);
    }

    @Override
    int columns() {
        return 1;
    }

    @Override
    void create(Composite c) {
        status = status(c, 1);
        Group g = new Group(c, SWT.NONE);
        g.setText("Chain (parent \u2192 children)");
        g.setLayout(new GridLayout(1, false));
        g.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        chain = jobTable(g, true);
        Group d = new Group(c, SWT.NONE);
        d.setText("Dependencies (afterok: a job starts once the jobs it waits for completed)");
        d.setLayout(new GridLayout(1, false));
        d.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false));
        dependencies = jobTable(d, false);
        ((GridData) dependencies.getTable().getLayoutData()).heightHint = 90;
    }

    private TableViewer jobTable(Composite parent, boolean isChain) {
        TableViewer v = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION);
        v.getTable().setHeaderVisible(true);
        v.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        v.setContentProvider(ArrayContentProvider.getInstance());
        Function<Object, Job> jobOf = o -> o instanceof ChainRows.Row r ? r.job() : o instanceof Dependency dep ? dep.job() : (Job) o;
        column(v, "Job", 300, o -> {
            if (o instanceof ChainRows.Row r) {
                return "    ".repeat(r.depth()) + (r.depth() > 0 ? "\u21b3 " : "") + r.job().name();
            }
            return jobOf.apply(o).name();
        }, null);
        column(v, "State", 130, o -> jobOf.apply(o).state().label(), o -> editor.icons().get(jobOf.apply(o).state()));
        if (isChain) {
            column(v, "Relation", 110, o -> ((ChainRows.Row) o).relation().label(), null);
        } else {
            column(v, "Dependency", 190, o -> ((Dependency) o).waitsForIt() ? "waits for this job" : "this job waits for it", null);
        }
        column(v, "Scheduler id", 90, o -> JobFormat.orEmpty(jobOf.apply(o).slurmJobId()), null);
        column(v, "Created", 140, o -> JobFormat.time(jobOf.apply(o).createdAt()), null);
        column(v, "Reason", 260, o -> JobFormat.orEmpty(jobOf.apply(o).reason()), null);
        v.addDoubleClickListener(e -> {
            Object o = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (o != null) {
                JobEditor.open(editor.getSite().getPage(), jobOf.apply(o));
            }
        });
        return v;
    }

    @Override
    Label status() {
        return status;
    }

    TableViewer chain() {
        return chain;
    }

    TableViewer dependencies() {
        return dependencies;
    }

    /** Reads the chain and the dependencies from the workflow engine. */
    @Override
    void load(boolean again) {
        editor.loads().run("Reading the chain", status, (j, m) -> {
            var wf = Engine.service().workflows();
            List<Job> jobs = wf.chain(j.id());
            List<Dependency> deps = new ArrayList<>();
            for (String id : wf.dependencies(j.id())) {
                NamdRunnerUi.store().jobs().find(id).ifPresent(x -> deps.add(new Dependency(x, false)));
            }
            for (WorkflowNode n : wf.state().nodes()) {
                if (n.dependsOn.contains(j.id())) {
                    NamdRunnerUi.store().jobs().find(n.jobId).ifPresent(x -> deps.add(new Dependency(x, true)));
                }
            }
            return new Object[] { ChainRows.of(jobs, j.id()), deps };
        }, r -> {
            @SuppressWarnings("unchecked")
            List<ChainRows.Row> rows = (List<ChainRows.Row>) r[0];
            chain.setInput(rows);
            dependencies.setInput(r[1]);
            status.setText(rows.size() <= 1 ? "This job has no parent and no children. Continue or Restart creates a child."
                    : JobFormat.count(rows.size(), "job") + " in this chain. Double-click a job to open it.");
            status.getParent().layout();
        });
    }
}
