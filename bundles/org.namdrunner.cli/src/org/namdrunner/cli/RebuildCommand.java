package org.namdrunner.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.op.JobOperation;
import org.namdrunner.jobs.op.RebuildOperation;
import org.namdrunner.store.Store;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code namdrunner rebuild --profile ID [--store DIR]}: reads every {@code job_info.json} under the profile's job root
 * on the cluster (the server's record of each job is the source of truth) and imports the jobs the local database does
 * not know; known jobs are left as they are, so running it twice never duplicates anything.
 */
@Command(name = "rebuild", sortOptions = false, description = {
        "Rebuilds the local job list from the cluster: imports every job whose job_info.json is under the profile's job "
                + "root and that the database does not know; known jobs are kept as they are (never duplicated).",
        "Prints: imported ID NAME STATE per new job, problem PATH: MESSAGE per unreadable record, then a summary line.",
        "A login asks on the terminal for what it needs (a one-time code, a password); without a terminal the profile must log in with a key alone. Exit status 1 when the cluster cannot be read." })
final class RebuildCommand implements Callable<Integer> {

    @Option(names = "--profile", required = true, paramLabel = "ID", description = "A preset or your own profile (see: namdrunner profiles).")
    String profileId;

    @Option(names = "--store", paramLabel = "DIR", description = "The database directory (default: the user's).")
    Path storeDir;

    private final PrintStream out;
    private final PrintStream err;
    private final CliEnvironment env;

    RebuildCommand(PrintStream out, PrintStream err, CliEnvironment env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    @Override
    public Integer call() {
        IProgressMonitor monitor = CliProgress.of(err);
        try (Store store = storeDir == null ? Store.openDefault() : Store.open(storeDir);
                JobService service = CliJobs.service(env, store, null)) {
            RebuildOperation op = new RebuildOperation(service, profileId);
            JobOperation.Outcome o = op.run(monitor);
            for (Job j : op.result().imported()) {
                out.println("imported\t" + j.id() + "\t" + j.name() + "\t" + j.state());
            }
            op.result().problems().forEach(p -> out.println("problem\t" + p));
            out.println(o.status().getMessage());
            return NamdCli.OK;
        } catch (CoreException e) {
            err.println("namdrunner rebuild: " + e.getStatus().getMessage());
            return NamdCli.ERRORS;
        } catch (RuntimeException e) {
            err.println("namdrunner rebuild: " + e.getMessage());
            return NamdCli.ERRORS;
        }
    }
}
