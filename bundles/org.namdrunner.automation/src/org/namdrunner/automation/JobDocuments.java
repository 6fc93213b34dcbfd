package org.namdrunner.automation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.core.AtomicFiles;
import org.namdrunner.core.model.Job;

/**
 * Where a job's documents are on the cluster (the job script, the rendered NAMD config, the Slurm and NAMD logs)
 * and where their copies are cached locally, so the job editor shows them again without a round trip. UI-free.
 */
public final class JobDocuments {

    /** Config name used when the job script does not say. */
    public static final String DEFAULT_CONFIG = "run.namd";

    /** The kinds of log a job leaves. */
    public enum LogKind {
        NAMD("NAMD log"), STDOUT("Job output (stdout)"), STDERR("Job errors (stderr)");

        private final String label;

        LogKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Path cacheRoot;

    /** @param cacheRoot local directory holding one sub-directory of cached copies per job id */
    public JobDocuments(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    public Path cacheRoot() {
        return cacheRoot;
    }

    /** The generated Slurm script, {@code <project>/job.sbatch}. */
    public static String scriptPath(Job job) {
        return RemotePaths.join(requireDir(job), JobScriptSpec.SCRIPT_FILE);
    }

    /** The rendered config {@code <project>/input/<name>}. */
    public static String configPath(Job job, String configName) {
        return RemotePaths.join(RemotePaths.join(requireDir(job), JobScriptSpec.INPUT_DIR), configName);
    }

    /**
     * The log of a kind: {@code logs/namd.log}, or {@code logs/slurm-<id>.out/.err}; empty for the Slurm logs before
     * the job has a scheduler id.
     */
    public static Optional<String> logPath(Job job, LogKind kind) {
        String logs = RemotePaths.join(requireDir(job), JobScriptSpec.LOG_DIR);
        return switch (kind) {
            case NAMD -> Optional.of(RemotePaths.join(logs, JobScriptSpec.NAMD_LOG));
            case STDOUT -> job.slurmJobId() == null ? Optional.empty() : Optional.of(RemotePaths.join(logs, "slurm-" + job.slurmJobId() + ".out"));
            case STDERR -> job.slurmJobId() == null ? Optional.empty() : Optional.of(RemotePaths.join(logs, "slurm-" + job.slurmJobId() + ".err"));
        };
    }

    /**
     * The config file name the job script runs ({@code CONFIG=...} as the generator writes it, plain or single-quoted
     * with {@code '\''} escapes); empty when the script has no such line.
     */
    public static Optional<String> configName(String script) {
        if (script == null) {
            return Optional.empty();
        }
        for (String line : script.split("\n")) {
            if (!line.startsWith("CONFIG=")) {
                continue;
            }
            String v = line.substring(7).strip();
            if (v.startsWith("'")) {
                StringBuilder b = new StringBuilder();
                int i = 1;
                while (i < v.length()) {
                    char c = v.charAt(i);
                    if (c == '\'') {
                        if (v.startsWith("'\\''", i)) {
                            b.append('\'');
                            i += 4;
                            continue;
                        }
                        break;
                    }
                    b.append(c);
                    i++;
                }
                v = b.toString();
            }
            if (!v.isEmpty() && !v.contains("/")) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * The local copy of a remote file of the job: {@code <cacheRoot>/<jobId>/<path below the job directory>}.
     *
     * @throws IllegalArgumentException when the path is not inside the job's project directory
     */
    public Path cacheFile(Job job, String remotePath) {
        String dir = requireDir(job);
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        if (!remotePath.startsWith(prefix) || remotePath.contains("/../") || remotePath.endsWith("/..")) {
            throw new IllegalArgumentException(remotePath + " is not inside the job directory " + dir);
        }
        Path jobCache = cacheRoot.resolve(safeId(job.id()));
        Path p = jobCache.resolve(remotePath.substring(prefix.length())).normalize();
        if (!p.startsWith(jobCache)) {
            throw new IllegalArgumentException(remotePath + " is not inside the job directory " + dir);
        }
        return p;
    }

    /** The cached text of a remote file, if any. */
    public Optional<String> cached(Job job, String remotePath) throws IOException {
        Path p = cacheFile(job, remotePath);
        return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** Stores a fetched copy (written to a temporary file and moved into place, so a crash never leaves half a copy). */
    public Path store(Job job, String remotePath, byte[] content) throws IOException {
        return AtomicFiles.write(cacheFile(job, remotePath), content);
    }

    /** Removes every cached copy of a job (after the job was deleted). */
    public void forget(String jobId) throws IOException {
        Path dir = cacheRoot.resolve(safeId(jobId));
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (var s = Files.walk(dir)) {
            s.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(all.get(i));
        }
    }

    private static String safeId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9._-]+") || id.startsWith(".")) {
            throw new IllegalArgumentException("Unusable job id for the cache: " + id);
        }
        return id;
    }

    private static String requireDir(Job job) {
        if (job.remoteProjectDir() == null || job.remoteProjectDir().isBlank()) {
            throw new IllegalArgumentException("Job '" + job.name() + "' has no directory on the cluster yet");
        }
        return job.remoteProjectDir();
    }
}
