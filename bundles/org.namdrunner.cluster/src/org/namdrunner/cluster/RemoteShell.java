package org.namdrunner.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A shell on the cluster's login node (or on this machine for the Local profile): the only way cluster code
 * runs commands. One call is one round trip. Commands are built with {@link Sh#quote(String)} for every
 * argument; data is passed on standard input, never on the command line.
 */
public interface RemoteShell extends AutoCloseable {

    /** Runs {@code command} in a POSIX shell with {@code stdin} (may be null) as standard input. */
    ShellResult exec(String command, byte[] stdin, IProgressMonitor monitor) throws ClusterException;

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
        ShellResult r = exec("cat > " + Sh.quote(remotePath), data, monitor);
        if (!r.ok()) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED,
                    "Uploading " + local.getFileName() + " to " + remotePath + " failed: " + r.firstErrorLine());
        }
    }

    /** Downloads a remote file (default: through {@code base64}; the SSH layer overrides with SFTP). */
    default void download(String remotePath, Path local, IProgressMonitor monitor) throws ClusterException {
        ShellResult r = exec("base64 -- " + Sh.quote(remotePath), null, monitor);
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
