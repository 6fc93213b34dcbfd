package org.namdrunner.ui.jobs;

import java.nio.file.Path;

import org.eclipse.core.runtime.IStatus;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.automation.ConfigRenderer;
import org.namdrunner.automation.TemplateConfigRenderer;
import org.namdrunner.core.NamdRunner;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.ClusterSessions;
import org.namdrunner.jobs.JobEvents;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.op.DownloadOperation;
import org.namdrunner.store.Store;
import org.namdrunner.ui.NamdRunnerUi;
import org.namdrunner.ui.remote.WorkbenchSessions;

/**
 * The workbench's {@link JobService} over its store: one per open store, with the workbench's connector (shared SSH
 * connections of {@link org.namdrunner.ui.remote.RemoteUi}, dialogs for secrets) and its job-change events bridged to
 * {@link NamdRunnerUi#fireJobsChanged()}. Every screen runs the jobs layer's operations on it.
 */
public final class Engine {

    private static volatile JobService service;
    private static volatile Store serviceStore;

    private Engine() {
    }

    /** The service over the workbench store (made anew when the store was reopened, e.g. after a restore). */
    public static JobService service() {
        Store store = NamdRunnerUi.store();
        JobService s = service;
        if (s == null || serviceStore != store) {
            synchronized (Engine.class) {
                s = service;
                if (s == null || serviceStore != store) {
                    if (s != null) {
                        s.close();
                    }
                    JobEvents events = new JobEvents((message, e) -> NamdRunnerUi.log(IStatus.ERROR, message, e));
                    events.addListener(ids -> NamdRunnerUi.fireJobsChanged());
                    ConfigRenderer renderer = (text, values) -> new TemplateConfigRenderer("job template").render(text, values);
                    s = new JobService(store, new ClusterSessions(WorkbenchSessions::registry, new WorkbenchSessions.Connector()),
                            AutomationStepRegistry.fromExtensions(), renderer, events);
                    service = s;
                    serviceStore = store;
                }
            }
        }
        return s;
    }

    /** Closes the sessions (workbench shutdown; the connections stay with RemoteUi, which closes them). */
    public static synchronized void close() {
        if (service != null) {
            service.close();
            service = null;
            serviceStore = null;
        }
    }

    /** Where results of a job are downloaded by default: {@code ~/NAMDRunner/results/<job name>-<id prefix>}. */
    public static Path defaultResultsDir(Job job) {
        return DownloadOperation.folder(NamdRunner.defaultResultsRoot(), job);
    }
}
