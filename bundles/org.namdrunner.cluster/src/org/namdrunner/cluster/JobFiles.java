package org.namdrunner.cluster;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;

/** File operations in job directories, confined to the profile's project and scratch roots. */
public interface JobFiles {
    /** Creates directories (with parents). */
    void mkdirs(IProgressMonitor monitor, String... dirs) throws ClusterException;

    /** Writes a small file atomically (write to a temporary name, then rename). */
    void write(String path, byte[] content, IProgressMonitor monitor) throws ClusterException;

    /** Writes many small files in one round trip (each atomically). */
    default void writeAll(java.util.Map<String, byte[]> files, IProgressMonitor monitor) throws ClusterException {
        for (java.util.Map.Entry<String, byte[]> e : files.entrySet()) {
            write(e.getKey(), e.getValue(), monitor);
        }
    }

    /** Reads a small file. */
    byte[] read(String path, IProgressMonitor monitor) throws ClusterException;

    boolean exists(String path, IProgressMonitor monitor) throws ClusterException;

    /**
     * The last bytes of each file, as many as the map gives for it (the whole file when smaller), for many files at
     * once; files that do not exist are left out. Over a shell this is one round trip for all of them (the status sync
     * reads the NAMD logs of all running jobs of a profile this way); by default one read per file.
     */
    default java.util.Map<String, String> tails(java.util.Map<String, Integer> maxBytesByPath, IProgressMonitor monitor)
            throws ClusterException {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (java.util.Map.Entry<String, Integer> e : maxBytesByPath.entrySet()) {
            String p = e.getKey();
            if (exists(p, monitor)) {
                byte[] b = read(p, monitor);
                int from = Math.max(0, b.length - e.getValue());
                out.put(p, new String(b, from, b.length - from, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }


    void upload(Path local, String remotePath, IProgressMonitor monitor) throws ClusterException;

    void download(String remotePath, Path local, IProgressMonitor monitor) throws ClusterException;

    /**
     * Puts a job's input files into {@code inputDir} (same file names). By default one upload per file (the Local and
     * Demo profiles copy on this machine); over a shell the files are shared on the cluster ({@link SharedInputs}:
     * stored once per job root by sha256, linked into each job), so the jobs of a sweep or chain send each content
     * once.
     */
    default SharedInputs.Outcome uploadInputs(List<Path> files, String inputDir, IProgressMonitor monitor) throws ClusterException {
        long bytes = 0;
        for (Path p : files) {
            if (monitor != null && monitor.isCanceled()) {
                throw new ClusterException(ClusterException.Kind.CANCELLED, "Upload of inputs cancelled");
            }
            upload(p, RemotePaths.join(inputDir, p.getFileName().toString()), monitor);
            bytes += SharedInputs.size(p);
        }
        return new SharedInputs.Outcome(files.size(), files.size(), bytes, files.size());
    }

    /**
     * Downloads every regular file below {@code remoteDir} into {@code localDir} (same relative paths). By default one
     * file at a time; over SSH the whole folder moves as one verified stream when it has many files.
     */
    default void downloadFolder(String remoteDir, Path localDir, IProgressMonitor monitor) throws ClusterException {
        for (String n : list(remoteDir, monitor)) {
            if (monitor != null && monitor.isCanceled()) {
                throw new ClusterException(ClusterException.Kind.CANCELLED, "Download of " + remoteDir + " cancelled");
            }
            download(RemotePaths.join(remoteDir, n), localDir.resolve(n), monitor);
        }
    }

    /** Regular files below {@code dir}, as paths relative to it, sorted. */
    List<String> list(String dir, IProgressMonitor monitor) throws ClusterException;

    /** Removes a directory tree; refuses the roots themselves and anything outside them. */
    void deleteTree(String dir, IProgressMonitor monitor) throws ClusterException;

    /**
     * Copies single files on the cluster (server-side {@code cp -p}, no download and re-upload), all in one round
     * trip, in the map's order. Sources and targets must be inside the job roots; a source that resolves (symlinks
     * followed, on the cluster) outside them is refused. Targets' directories must exist.
     */
    default void copyFiles(java.util.Map<String, String> sourceToTarget, IProgressMonitor monitor) throws ClusterException {
        throw new ClusterException(ClusterException.Kind.CONFIGURATION, "This profile type cannot copy files on the cluster");
    }

    /** Copies the contents of {@code fromDir} into {@code toDir} (creating it). */
    void copyTree(String fromDir, String toDir, IProgressMonitor monitor) throws ClusterException;
}
