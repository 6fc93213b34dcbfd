package org.namdrunner.ui.wizards;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Shell;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.automation.draft.JobDraft;
import org.namdrunner.ui.NamdRunnerUi;

/**
 * The Create Job wizard: Resources (profile, partition and its limits, QoS, cores, memory, wall time — checked
 * live against the partition), Configure (template and a form generated from its {@code #@var} declarations, local
 * input files, live validation of the rendered config), Review (config, job script, files, core-hours). Finish runs
 * the job lifecycle in the background ({@link SubmitJob}); the job shows up in the Jobs view at once.
 */
public class NewJobWizard extends Wizard {

    public static final String TITLE = "New Job";

    private final JobDraft draft = new JobDraft();
    private ResourcesPage resources;
    private ConfigurePage configure;
    private ReviewPage review;
    private SubmitJob scheduled;

    public NewJobWizard() {
        setWindowTitle(TITLE);
        setNeedsProgressMonitor(false);
        setHelpAvailable(false);
    }

    /** Opens the wizard in a dialog (File > New Job, Ctrl+N). */
    public static void open(Shell shell) {
        WizardDialog dialog = new WizardDialog(shell, new NewJobWizard());
        dialog.setPageSize(760, 520);
        dialog.open();
    }

    public JobDraft draft() {
        return draft;
    }

    @Override
    public void addPages() {
        resources = new ResourcesPage(draft);
        configure = new ConfigurePage(draft);
        review = new ReviewPage(draft);
        addPage(resources);
        addPage(configure);
        addPage(review);
    }

    public ResourcesPage resourcesPage() {
        return resources;
    }

    public ConfigurePage configurePage() {
        return configure;
    }

    ReviewPage reviewPage() {
        return review;
    }

    @Override
    public boolean canFinish() {
        return resources.isPageComplete() && configure.isPageComplete() && getContainer().getCurrentPage() == review;
    }

    @Override
    public boolean performFinish() {
        JobRequest request;
        try {
            request = draft.toRequest();
        } catch (IllegalStateException | IllegalArgumentException e) {
            MessageDialog.openError(getShell(), TITLE, NamdRunnerUi.message(e));
            return false;
        }
        Path resultsRoot = resources.resultsRoot();
        scheduled = SubmitJob.schedule(draft.profile(), request, draft.renderer(), resultsRoot, resources.priority());
        return true;
    }

    /** The background job started by Finish (null before). */
    public SubmitJob scheduledJob() {
        return scheduled;
    }
}
