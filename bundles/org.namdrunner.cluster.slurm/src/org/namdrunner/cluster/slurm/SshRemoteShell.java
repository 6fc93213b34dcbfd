package org.namdrunner.cluster.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

import com.jcraft.jsch.ChannelSftp;

/**
 * {@link RemoteShell} over the remote layer's {@link RemoteConnection}: one SSH session per cluster carries
 * every command (through its rate limiter and command log) and the SFTP channel. A script runs as
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
            return new ShellResult(r.exitCode(), r.stdout(), r.stderr());
        } catch (RemoteException e) {
            throw map(e);
        }
    }

    static ClusterException map(RemoteException e) {
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

    @Override
    public void upload(Path local, String remotePath, IProgressMonitor monitor) throws ClusterException {
        try {
            connection.withSftp("Uploading " + local.getFileName(), sftp -> {
                try (InputStream in = Files.newInputStream(local)) {
                    sftp.put(in, remotePath + ".nrpart", ChannelSftp.OVERWRITE);
                } catch (IOException e) {
                    throw new RemoteException(org.namdrunner.remote.RemoteErrorKind.UNKNOWN, "Cannot read " + local + ": " + e.getMessage(), e);
                }
                sftp.rename(remotePath + ".nrpart", remotePath);
                return null;
            }, monitor);
        } catch (RemoteException e) {
            throw map(e);
        }
    }

    @Override
    public void download(String remotePath, Path local, IProgressMonitor monitor) throws ClusterException {
        try {
            if (local.getParent() != null) {
                Files.createDirectories(local.getParent());
            }
            Path part = local.resolveSibling(local.getFileName() + ".nrpart");
            connection.withSftp("Downloading " + remotePath, sftp -> {
                try (OutputStream out = Files.newOutputStream(part)) {
                    sftp.get(remotePath, out);
                } catch (IOException e) {
                    throw new RemoteException(org.namdrunner.remote.RemoteErrorKind.UNKNOWN, "Cannot write " + part + ": " + e.getMessage(), e);
                }
                return null;
            }, monitor);
            Files.move(part, local, StandardCopyOption.REPLACE_EXISTING);
        } catch (RemoteException e) {
            throw map(e);
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Cannot write " + local + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (ownsConnection) {
            connection.close();
        }
    }
}
