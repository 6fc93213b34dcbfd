package org.namdrunner.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code namdrunner profiles [ID]}: the cluster profile types and preset profiles installed in this product
 * (contributed by plugins to {@value ClusterProfileRegistry#EXTENSION_POINT}); with an id, the preset's
 * partitions and limits. Lets site administrators and CI check what an installed site plugin contributes.
 */
@Command(name = "profiles", description = { "Lists the installed cluster profile types and presets, or one preset.",
        "Tab-separated: type ID NAME, preset ID NAME TYPE HOST; with an ID, that preset's partitions and limits.",
        "Exit status 1 when no preset has that ID." })
final class ProfilesCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "ID", description = "The id of a preset profile.")
    String id;

    private final PrintStream out;
    private final PrintStream err;

    ProfilesCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        ClusterProfileRegistry registry = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository());
        for (String problem : registry.problems()) {
            err.println("warning: " + problem);
        }
        if (id == null) {
            for (String type : registry.typeIds()) {
                out.println("type\t" + type + "\t" + registry.typeName(type));
            }
            for (ProfileConfig p : registry.presets()) {
                out.println("preset\t" + p.id() + "\t" + p.name() + "\t" + p.typeId() + "\t" + nullToEmpty(p.host()));
            }
            return NamdCli.OK;
        }
        for (ProfileConfig p : registry.presets()) {
            if (p.id().equals(id)) {
                out.println(p.name() + " (" + p.id() + "), type " + p.typeId() + ", host " + nullToEmpty(p.host()));
                for (PartitionSpec part : p.partitions()) {
                    out.println("  partition " + part.name() + (part.isDefault() ? " (default)" : "")
                            + ": max cores " + orDash(part.maxCores()) + ", cores/node " + orDash(part.coresPerNode())
                            + ", max nodes " + orDash(part.maxNodes()) + ", max memory " + orDash(part.maxMemoryMb())
                            + " MB, max wall time " + orDash(part.maxWallMinutes()) + " min"
                            + (part.hasGpus() ? ", GPUs/node " + part.gpusPerNode()
                                    + (part.gpuTypes().isEmpty() ? "" : " (" + String.join(", ", part.gpuTypes()) + ")") : ""));
                }
                return NamdCli.OK;
            }
        }
        err.println("namdrunner profiles: no preset profile '" + id + "' is installed");
        return NamdCli.ERRORS;
    }

    private static String orDash(Object o) {
        return o == null ? "-" : o.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
