package org.namdrunner.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A shell on the cluster's login node (or on this machine for the Local profile): the only way cluster code
 * runs commands. One call is one round trip.
 *
 * <p>Commands are CONSTANT scripts of our code that refer to their inputs only as positional parameters
 * ({@code "$1"}, {@code "$@"}); the arguments travel separately ({@code sh -c script sh arg1 arg2 ...}, each
 * argument quoted by the remote layer's quoting helper, or passed to exec without any shell locally). Bulk data
 * goes on standard input. No user text is ever part of a script.
 */
public interface RemoteShell extends AutoCloseable {

    /** Runs the constant {@code script} with {@code sh -c} and positional {@code args}, {@code stdin} (may be null). */
    ShellResult run(String script, java.util.List<String> args, byte[] stdin, IProgressMonitor monitor) throws ClusterException;

    /** {@link #run} without arguments. */
    default ShellResult run(String script, byte[] stdin, IProgressMonitor monitor) throws ClusterException {
        return run(script, java.util.List.of(), stdin, monitor);
    }

    /** The login user name. */
    String user();

    /** Uploads a local file (default: streams it through {@code cat}; the SSH layer overrides with SFTP). */
    default void upload(Path local, String remotePath, IProgressMonitor monitor) throws ClusterException {
        byte[] data;
        try {
            data = Files.readAllBytes(local);
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Cannot read " + local + ": " + e.getMessage(), e);
        }
        ShellResult r = run("cat > \"$1\"", java.util.List.of(remotePath), data, monitor);
        if (!r.ok()) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED,
                    "Uploading " + local.getFileName() + " to " + remotePath + " failed: " + r.firstErrorLine());
        }
    }

    /**
     * Uploads like {@link #upload} and returns the sha256 of the bytes the other side received, computed while they were
     * written (null when this shell does not verify uploads; the caller then checks on the server).
     */
    default String uploadVerified(Path local, String remotePath, IProgressMonitor monitor) throws ClusterException {
        upload(local, remotePath, monitor);
        return null;
    }

    /**
     * Downloads a whole remote folder in one verified stream when this shell can (returns true); false when it cannot,
     * and the caller goes file by file.
     */
    default boolean downloadFolder(String remoteDir, Path localDir, IProgressMonitor monitor) throws ClusterException {
        return false;
    }

    /** Downloads a remote file (default: through {@code base64}; the SSH layer overrides with SFTP). */
    default void download(String remotePath, Path local, IProgressMonitor monitor) throws ClusterException {
        ShellResult r = run("base64 -- \"$1\"", java.util.List.of(remotePath), null, monitor);
        if (!r.ok()) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED,
                    "Downloading " + remotePath + " failed: " + r.firstErrorLine());
        }
        try {
            if (local.getParent() != null) {
                Files.createDirectories(local.getParent());
            }
            Files.write(local, java.util.Base64.getMimeDecoder().decode(r.stdout()));
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Cannot write " + local + ": " + e.getMessage(), e);
        }
    }

    @Override
    void close();
}
