package org.namdrunner.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.eclipse.core.runtime.CoreException;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.core.model.Job;
import org.namdrunner.jobs.JobService;
import org.namdrunner.jobs.op.DuplicateOperation;
import org.namdrunner.jobs.op.JobOperation;
import org.namdrunner.store.JobQuery;
import org.namdrunner.store.Store;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code namdrunner duplicate JOB [--name N] [--set NAME=VALUE]… [--cores N] [--wall MINUTES] [--hold]}: "clone and
 * resubmit" — a new job made like JOB (template, values, resources, module), its inputs copied on the cluster, with the
 * changes given; the same operation as Duplicate… in the workbench.
 */
@Command(name = "duplicate", sortOptions = false, description = {
        "Creates a new job like an existing one (its template, values, resources and module) with the changes given; "
                + "its input files are copied on the cluster, nothing is uploaded again. It is queued for submission "
                + "unless --hold is given.",
        "Prints: created ID NAME, then what happened (submitted as …, queued: …). Exit status 1 when it was not created." })
final class DuplicateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "JOB", description = "The job to copy: its id, the first 8 or more characters of its id, or its name.")
    String job;

    @Option(names = "--name", paramLabel = "NAME", description = "The copy's name (default: JOB's name with -copy).")
    String name;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A template value that differs (repeatable).")
    Map<String, String> values = new LinkedHashMap<>();

    @Option(names = "--cores", paramLabel = "N", description = "Cores (default: as JOB).")
    Integer cores;

    @Option(names = "--wall", paramLabel = "MINUTES", description = "Wall time in minutes (default: as JOB).")
    Integer wall;

    @Option(names = "--hold", description = "Create it without queueing it for submission.")
    boolean hold;

    @Option(names = "--store", paramLabel = "DIR", description = "The database directory (default: the user's).")
    Path storeDir;

    private final PrintStream out;
    private final PrintStream err;
    private final CliEnvironment env;

    DuplicateCommand(PrintStream out, PrintStream err, CliEnvironment env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** The one job {@code key} names: an id, an id prefix of at least 8 characters, or a unique name. */
    static Job find(Store store, String key) {
        Job byId = store.jobs().find(key).orElse(null);
        if (byId != null) {
            return byId;
        }
        List<Job> candidates = store.jobs().list(JobQuery.all().withText(key));
        List<Job> hits = candidates.stream().filter(j -> key.length() >= 8 && j.id().startsWith(key)).toList();
        if (hits.isEmpty()) {
            hits = candidates.stream().filter(j -> j.name().equals(key)).toList();
        }
        if (hits.size() == 1) {
            return hits.get(0);
        }
        throw new IllegalArgumentException(hits.isEmpty() ? "no job '" + key + "' (give its id or its name)"
                : hits.size() + " jobs are called '" + key + "': give the id of one ("
                        + String.join(", ", hits.stream().limit(5).map(j -> j.id().substring(0, 8)).toList()) + ")");
    }

    @Override
    public Integer call() {
        if (cores != null && cores < 1 || wall != null && wall < 1) {
            err.println("namdrunner duplicate: --cores and --wall are whole numbers of at least 1");
            return NamdCli.USAGE;
        }
        try (Store store = storeDir == null ? Store.openDefault() : Store.open(storeDir);
                JobService service = CliJobs.service(env, store, null)) {
            Job source = find(store, job);
            ResourceRequest change = cores == null && wall == null ? null : new ResourceRequest(null, null, cores, null, null, wall, null);
            DuplicateOperation op = new DuplicateOperation(service, source,
                    new DuplicateOperation.Changes(name, values, change, null, !hold));
            JobOperation.Outcome o = op.run(CliProgress.of(err));
            Job copy = store.jobs().find(op.jobId()).orElseThrow();
            out.println("created\t" + copy.id() + "\t" + copy.name());
            out.println(o.status().getMessage());
            return NamdCli.OK;
        } catch (CoreException e) {
            err.println("namdrunner duplicate: " + e.getStatus().getMessage());
            return NamdCli.ERRORS;
        } catch (RuntimeException e) {
            err.println("namdrunner duplicate: " + e.getMessage());
            return NamdCli.ERRORS;
        }
    }
}
