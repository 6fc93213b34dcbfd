package org.namdrunner.cluster.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.RemoteShell;
import org.namdrunner.cluster.ShellResult;
import org.namdrunner.remote.CommandLine;
import org.namdrunner.remote.CommandResult;
import org.namdrunner.remote.ExecOptions;
import org.namdrunner.remote.RemoteConnection;
import org.namdrunner.remote.RemoteException;
import org.namdrunner.remote.Transfers;

/**
 * {@link RemoteShell} over the remote layer's {@link RemoteConnection}: one SSH session per cluster carries
 * every command (through its rate limiter and command log) and the SFTP transfers ({@code Transfers}). A script runs as
 * {@code sh -c 'script' sh arg...} built by {@link CommandLine#shellScript}, so each argument is quoted by
 * the remote layer's {@code ShellQuote}.
 */
public class SshRemoteShell implements RemoteShell {
    private final RemoteConnection connection;
    private final boolean ownsConnection;
    private volatile String user;

    public SshRemoteShell(RemoteConnection connection, boolean ownsConnection) {
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.user = connection.getSettings().getUser();
    }

    public RemoteConnection connection() {
        return connection;
    }

    @Override
    public ShellResult run(String script, List<String> args, byte[] stdin, IProgressMonitor monitor) throws ClusterException {
        CommandLine cmd = CommandLine.shellScript(script, args.toArray(String[]::new));
        ExecOptions options = ExecOptions.DEFAULT.withCoalesce(false);
        if (stdin != null) {
            options = options.withStdin(stdin);
        }
        try {
            CommandResult r = connection.exec(cmd, options, monitor);
            if (r.exitCode() < 0) {
                // The channel closed without an exit status: the connection was cut (or sshd's session process died)
                // while the command ran, so its outcome is unknown. Never report that as the command's answer: an
                // sbatch that did submit would be recorded as rejected (found by the fault trials, issue 18).
                throw new ClusterException(ClusterException.Kind.CONNECTION, "The connection to " + connection.getDisplayName()
                        + " was lost before the command reported its exit status; its outcome is unknown");
            }
            return new ShellResult(r.exitCode(), r.stdout(), r.stderr());
        } catch (RemoteException e) {
            throw map(e);
        }
    }

    /** The cluster layer's exception for a remote-layer failure. */
    public static ClusterException map(RemoteException e) {
        ClusterException.Kind kind = switch (e.getKind()) {
            case CANCELLED -> ClusterException.Kind.CANCELLED;
            case PATH_NOT_ALLOWED -> ClusterException.Kind.PATH_NOT_ALLOWED;
            case COMMAND_FAILED, PERMISSION_DENIED, NOT_FOUND, DISK_FULL, CHECKSUM_MISMATCH -> ClusterException.Kind.COMMAND_FAILED;
            case CONFIGURATION -> ClusterException.Kind.CONFIGURATION;
            default -> ClusterException.Kind.CONNECTION;
        };
        return new ClusterException(kind, e.getMessage(), e);
    }

    @Override
    public String user() {
        if (user == null) {
            try {
                user = run("id -un", null, null).stdout().strip();
            } catch (ClusterException e) {
                throw new IllegalStateException("Cannot determine the login user: " + e.getMessage(), e);
            }
        }
        return user;
    }

    /** Uploads through the remote layer's {@code Transfers}: chunked, resumable, verified by sha256, confined. */
    @Override
    public void upload(Path local, String remotePath, IProgressMonitor monitor) throws ClusterException {
        try {
            new Transfers(connection).upload(local, remotePath, monitor);
        } catch (RemoteException e) {
            throw map(e);
        }
    }

    /** {@link #upload}, returning the sha256 the server computed while writing the file (compared with ours). */
    @Override
    public String uploadVerified(Path local, String remotePath, IProgressMonitor monitor) throws ClusterException {
        try {
            return new Transfers(connection).upload(local, remotePath, monitor).sha256();
        } catch (RemoteException e) {
            throw map(e);
        }
    }

    /**
     * Downloads a folder through the remote layer's {@code Transfers.downloadDirectory} (AUTO: one tar stream verified
     * per file above {@code Transfers.TAR_THRESHOLD} files, else file by file; resumable after a cut).
     */
    @Override
    public boolean downloadFolder(String remoteDir, Path localDir, IProgressMonitor monitor) throws ClusterException {
        try {
            Files.createDirectories(localDir);
            new Transfers(connection).downloadDirectory(remoteDir, localDir, Transfers.Strategy.AUTO, monitor);
            return true;
        } catch (RemoteException e) {
            throw map(e);
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Cannot create " + localDir + ": " + e.getMessage(), e);
        }
    }

    /** Downloads through the remote layer's {@code Transfers}: resumable, verified by sha256. */
    @Override
    public void download(String remotePath, Path local, IProgressMonitor monitor) throws ClusterException {
        try {
            if (local.getParent() != null) {
                Files.createDirectories(local.getParent());
            }
            new Transfers(connection).download(remotePath, local, monitor);
        } catch (RemoteException e) {
            throw map(e);
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Cannot create " + local.getParent() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (ownsConnection) {
            connection.close();
        }
    }
}
