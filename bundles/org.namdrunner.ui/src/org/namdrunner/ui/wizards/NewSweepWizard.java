package org.namdrunner.ui.wizards;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Shell;
import org.namdrunner.automation.draft.JobDraft;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.core.model.Job;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.jobs.op.CreateSweepOperation;
import org.namdrunner.jobs.op.JobOperation;
import org.namdrunner.ui.jobs.Engine;
import org.eclipse.core.runtime.CoreException;
import org.namdrunner.workflow.JobSpec;
import org.namdrunner.workflow.Sweep;
import org.namdrunner.workflow.Workflows;

/**
 * The New Sweep wizard: Resources (base name, profile, partition, cores, wall time — as for one job), Configure (the
 * template and the values every job shares, input files), Sweep (variables × values, grid or list, live preview of
 * the jobs). Finish creates the jobs as one group with {@link Workflows#createSweep} in a cancellable background job
 * ({@link CreateSweep}) and runs one scheduling round that submits them; the jobs show in the Jobs view at once.
 */
public class NewSweepWizard extends Wizard {

    public static final String TITLE = "New Sweep";
    /** Title of the dialog that reports a failed sweep. */
    public static final String ERROR_TITLE = "Sweep Not Created";

    private final JobDraft draft = new JobDraft();
    private ResourcesPage resources;
    private ConfigurePage configure;
    private SweepPage sweep;
    private CreateSweep scheduled;

    public NewSweepWizard() {
        setWindowTitle(TITLE);
        setNeedsProgressMonitor(false);
        setHelpAvailable(false);
    }

    /** Opens the wizard in a dialog (File > New Sweep). */
    public static void open(Shell shell) {
        WizardDialog dialog = new WizardDialog(shell, new NewSweepWizard());
        dialog.setPageSize(760, 520);
        dialog.open();
    }

    public JobDraft draft() {
        return draft;
    }

    @Override
    public void addPages() {
        resources = new ResourcesPage(draft, "&Base name:",
                "Name the sweep (each job's name adds its values) and choose where the jobs run and what each may use.");
        configure = new ConfigurePage(draft);
        configure.setDescription("Choose a template and the values every job of the sweep shares; input files are uploaded with each job.");
        sweep = new SweepPage(draft);
        addPage(resources);
        addPage(configure);
        addPage(sweep);
    }

    public ResourcesPage resourcesPage() {
        return resources;
    }

    public ConfigurePage configurePage() {
        return configure;
    }

    SweepPage sweepPage() {
        return sweep;
    }

    @Override
    public boolean canFinish() {
        return resources.isPageComplete() && configure.isPageComplete() && getContainer().getCurrentPage() == sweep
                && sweep.isPageComplete();
    }

    @Override
    public boolean performFinish() {
        List<String> problems = draft.problems();
        if (!problems.isEmpty()) {
            MessageDialog.openError(getShell(), TITLE, "The sweep cannot be created yet:\n" + String.join("\n", problems));
            return false;
        }
        JobSpec base = JobSpec.named(draft.name().strip()).template(draft.template().id(), draft.template().text())
                .values(draft.templateValues()).configFile(draft.configFileName())
                .inputs(draft.inputs().stream().map(JobDraft.InputFile::path).toList()).resources(draft.resources())
                .module(draft.module()).localResultsDir(resources.resultsRoot()).priority(resources.priority());
        scheduled = new CreateSweep(draft.profile(), base, sweep.variables(), sweep.mode(), sweep.points().size());
        scheduled.schedule();
        return true;
    }

    /** The background job started by Finish (null before). */
    public CreateSweep scheduledJob() {
        return scheduled;
    }

    /**
     * Creates the sweep's jobs (every point's config is rendered and checked first, so a bad point creates nothing),
     * then one scheduling round releases them to the cluster. Cancelling stops between jobs; the jobs created so far
     * stay, in their group. Errors end in a dialog.
     */
    public static final class CreateSweep extends org.eclipse.core.runtime.jobs.Job {
        public static final Object FAMILY = CreateSweep.class;

        private final ProfileConfig profile;
        private final JobSpec base;
        private final Map<String, List<String>> variables;
        private final Sweep.Mode mode;
        private volatile List<Job> jobs = List.of();

        CreateSweep(ProfileConfig profile, JobSpec base, Map<String, List<String>> variables, Sweep.Mode mode, int count) {
            super("Creating sweep " + base.name + " (" + count + " jobs)");
            this.profile = profile;
            this.base = base;
            this.variables = variables;
            this.mode = mode;
            setUser(true);
        }

        /** The jobs created (as created; empty before). */
        public List<Job> jobs() {
            return jobs;
        }

        @Override
        public boolean belongsTo(Object family) {
            return family == FAMILY;
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            CreateSweepOperation op = new CreateSweepOperation(Engine.service(), profile.id(), base, variables, mode);
            try {
                JobOperation.Outcome o = op.run(monitor);
                jobs = o.created();
                return o.status().getSeverity() == IStatus.WARNING
                        ? new Status(IStatus.WARNING, NamdRunnerUi.PLUGIN_ID, o.status().getMessage()) : Status.OK_STATUS;
            } catch (OperationCanceledException e) {
                return Status.CANCEL_STATUS;
            } catch (CoreException e) {
                jobs = op.created();
                return error(e.getStatus().getMessage());
            }
        }

        private IStatus error(String message) {
            IStatus status = new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID, message);
            setProperty(org.eclipse.ui.progress.IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
            setProperty(org.eclipse.ui.progress.IProgressConstants.KEEP_PROPERTY, Boolean.TRUE);
            if (org.eclipse.ui.PlatformUI.isWorkbenchRunning()) {
                org.eclipse.swt.widgets.Display display = org.eclipse.ui.PlatformUI.getWorkbench().getDisplay();
                display.asyncExec(() -> {
                    org.eclipse.ui.IWorkbenchWindow w = org.eclipse.ui.PlatformUI.getWorkbench().getActiveWorkbenchWindow();
                    MessageDialog.openError(w == null ? null : w.getShell(), ERROR_TITLE, status.getMessage());
                });
            }
            return status;
        }
    }
}
