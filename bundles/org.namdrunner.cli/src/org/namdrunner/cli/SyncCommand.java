package org.namdrunner.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.op.JobOperation;
import org.namdrunner.jobs.op.SyncOperation;
import org.namdrunner.store.Store;
import org.namdrunner.workflow.Workflows;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code namdrunner sync --profile ID...}: the Jobs view's Sync from a terminal (e.g. cron): one engine round per
 * profile — statuses of all its active jobs in one query, the submission queue released within the cap, timed-out
 * jobs continued, dependants of failed jobs blocked, ended jobs finished and downloaded — then the queue that is left.
 */
@Command(name = "sync", sortOptions = false, description = {
        "Synchronizes the jobs of cluster profiles, like the Jobs view's Sync: one status query per profile for all its "
                + "active jobs, then the submission queue, automatic continuations, blocked dependants and downloads of "
                + "ended jobs advance.",
        "Prints: a summary line, then queued ID NAME POSITION REASON per job still waiting in a submission queue.",
        "A login asks on the terminal for what it needs (a one-time code, a password); without a terminal the profile must log in with a key alone. Exit status 1 when a profile could not be synchronized." })
final class SyncCommand implements Callable<Integer> {

    @Option(names = "--profile", required = true, paramLabel = "ID", description = "A profile to synchronize (repeatable).")
    List<String> profileIds = new ArrayList<>();

    @Option(names = "--store", paramLabel = "DIR", description = "The database directory (default: the user's).")
    Path storeDir;

    private final PrintStream out;
    private final PrintStream err;
    private final CliEnvironment env;

    SyncCommand(PrintStream out, PrintStream err, CliEnvironment env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    @Override
    public Integer call() {
        try (Store store = storeDir == null ? Store.openDefault() : Store.open(storeDir);
                JobService service = CliJobs.service(env, store, null)) {
            JobOperation.Outcome o = new SyncOperation(service, profileIds, true, true).run(CliProgress.of(err));
            out.println(o.status().getMessage());
            for (String id : profileIds) {
                for (Workflows.Queued q : service.workflows().queue(service.sessions().profile(id))) {
                    out.println("queued\t" + q.job().id() + "\t" + q.job().name() + "\t" + q.position() + "\t" + q.reason());
                }
            }
            return o.status().getSeverity() >= IStatus.WARNING ? NamdCli.ERRORS : NamdCli.OK;
        } catch (CoreException e) {
            err.println("namdrunner sync: " + e.getStatus().getMessage());
            return NamdCli.ERRORS;
        } catch (org.namdrunner.cluster.ClusterException | RuntimeException e) {
            err.println("namdrunner sync: " + e.getMessage());
            return NamdCli.ERRORS;
        }
    }
}
