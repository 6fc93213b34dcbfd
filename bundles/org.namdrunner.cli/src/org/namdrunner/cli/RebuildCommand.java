package org.namdrunner.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.namdrunner.automation.JobDiscovery;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.cluster.ssh.SshConnectionContext;
import org.namdrunner.core.model.Job;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.UserInteraction;
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
        "Non-interactive: the profile must authenticate with a key. Exit status 1 when the cluster cannot be read." })
final class RebuildCommand implements Callable<Integer> {

    @Option(names = "--profile", required = true, paramLabel = "ID", description = "A preset or your own profile (see: namdrunner profiles).")
    String profileId;

    @Option(names = "--store", paramLabel = "DIR", description = "The database directory (default: the user's).")
    Path storeDir;

    private final PrintStream out;
    private final PrintStream err;

    RebuildCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        NullProgressMonitor monitor = new NullProgressMonitor();
        try (Store store = storeDir == null ? Store.openDefault() : Store.open(storeDir)) {
            ClusterProfileRegistry registry = ClusterProfileRegistry.fromExtensions(new StoreProfileRepository(store));
            ProfileConfig profile = registry.get(profileId);
            try (ClusterSession session = registry.type(profile.typeId()).connect(profile,
                    new SshConnectionContext(UserInteraction.NONE, null, new CommandLog()), monitor)) {
                JobDiscovery.Result r = JobDiscovery.rebuild(session, store, monitor);
                for (Job j : r.imported()) {
                    out.println("imported\t" + j.id() + "\t" + j.name() + "\t" + j.state());
                }
                r.problems().forEach(p -> out.println("problem\t" + p));
                int found = r.imported().size() + r.alreadyKnown() + r.problems().size();
                out.println("found " + found + " on " + profile.name() + ": imported " + r.imported().size()
                        + ", already known " + r.alreadyKnown() + ", skipped " + r.problems().size() + " (unreadable)");
                return NamdCli.OK;
            }
        } catch (ClusterException | RuntimeException e) {
            err.println("namdrunner rebuild: " + e.getMessage());
            return NamdCli.ERRORS;
        }
    }
}
