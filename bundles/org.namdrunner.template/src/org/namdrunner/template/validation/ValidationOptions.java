package org.namdrunner.template.validation;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.emf.common.notify.Adapter;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.resource.Resource;
import org.namdrunner.template.catalog.NamdVersion;

/**
 * What validation may assume beyond the text: the NAMD version the config will run with, and where files that the
 * config {@code source}s can be read.
 *
 * @param namdVersion the NAMD release (keywords of the other release are errors that say so), or null when not known:
 *                    keywords of either release are accepted
 * @param sources     reads a file the config {@code source}s (the path as written), or null: sourced files are not
 *                    followed (settings, procs and variables may come from them, so whole-file rules are skipped)
 * @param launch      how the job will be started (partition, nodes, GPUs per node), or null when not known: the
 *                    GPU-resident rules that depend on it are skipped
 */
public record ValidationOptions(NamdVersion namdVersion, SourceReader sources, Launch launch) {

    /** No version, no sourced files: what an editor without context knows. */
    public static final ValidationOptions DEFAULT = new ValidationOptions(null, null, null);

    public ValidationOptions(NamdVersion namdVersion, SourceReader sources) {
        this(namdVersion, sources, null);
    }

    /**
     * The resources a config will run on, as far as rules of the config depend on them.
     *
     * @param partition   partition name (named in messages), may be null
     * @param nodes       nodes
     * @param gpusPerNode GPUs per node requested (0: none)
     */
    public record Launch(String partition, int nodes, int gpusPerNode) {
        /** "partition 'gpu'" or "the partition" for messages. */
        public String partitionLabel() {
            return partition == null || partition.isBlank() ? "the chosen partition" : "partition '" + partition + "'";
        }
    }

    /** These options with the resources the config will run on. */
    public ValidationOptions withLaunch(Launch l) {
        return new ValidationOptions(namdVersion, sources, l);
    }

    /** Reads the text of a sourced file; empty when it does not exist or cannot be read. */
    @FunctionalInterface
    public interface SourceReader {
        Optional<String> read(String path);
    }

    /** Largest sourced file that is followed (a NAMD config is kilobytes; anything larger is not a config). */
    public static final long MAX_SOURCED_BYTES = 4L << 20;

    public ValidationOptions withNamdVersion(NamdVersion v) {
        return new ValidationOptions(v, sources, launch);
    }

    /**
     * Follows {@code source FILE} to files beside the validated one: NAMD runs in the directory of its config, so a
     * relative path is resolved against {@code directory}, an absolute one as it is.
     */
    public ValidationOptions withSourcesFrom(Path directory) {
        return new ValidationOptions(namdVersion, directory == null ? null : p -> readBeside(directory, p), launch);
    }

    private static Optional<String> readBeside(Path directory, String path) {
        try {
            Path f = directory.resolve(path).normalize();
            if (!Files.isRegularFile(f) || Files.size(f) > MAX_SOURCED_BYTES) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readString(f, StandardCharsets.UTF_8));
            } catch (MalformedInputException e) {
                return Optional.of(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Attaches the options to a resource; its validation ({@link NamdValidator}) uses them. */
    public void attachTo(Resource resource) {
        resource.eAdapters().removeIf(a -> a instanceof Holder);
        resource.eAdapters().add(new Holder(this));
    }

    /** The options attached to a resource, or {@link #DEFAULT}. */
    public static ValidationOptions of(Resource resource) {
        if (resource != null) {
            for (Adapter a : resource.eAdapters()) {
                if (a instanceof Holder h) {
                    return h.options;
                }
            }
        }
        return DEFAULT;
    }

    private static final class Holder extends AdapterImpl {
        final ValidationOptions options;

        Holder(ValidationOptions options) {
            this.options = options;
        }
    }
}
