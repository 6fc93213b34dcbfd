package org.namdrunner.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.IProgressMonitor;

/** A {@link RemoteShell} that counts its round trips (commands and transfers) for {@link ClusterSession#roundTrips}. */
public final class CountingShell implements RemoteShell {
    private final RemoteShell delegate;
    private final AtomicLong count;

    public CountingShell(RemoteShell delegate, AtomicLong count) {
        this.delegate = delegate;
        this.count = count;
    }

    @Override
    public ShellResult run(String script, List<String> args, byte[] stdin, IProgressMonitor monitor) throws ClusterException {
        count.incrementAndGet();
        return delegate.run(script, args, stdin, monitor);
    }

    @Override
    public String user() {
        return delegate.user();
    }

    @Override
    public void upload(Path local, String remotePath, IProgressMonitor monitor) throws ClusterException {
        count.incrementAndGet();
        delegate.upload(local, remotePath, monitor);
    }

    @Override
    public String uploadVerified(Path local, String remotePath, IProgressMonitor monitor) throws ClusterException {
        count.incrementAndGet();
        return delegate.uploadVerified(local, remotePath, monitor);
    }

    @Override
    public boolean downloadFolder(String remoteDir, Path localDir, IProgressMonitor monitor) throws ClusterException {
        count.incrementAndGet();
        return delegate.downloadFolder(remoteDir, localDir, monitor);
    }

    @Override
    public void download(String remotePath, Path local, IProgressMonitor monitor) throws ClusterException {
        count.incrementAndGet();
        delegate.download(remotePath, local, monitor);
    }

    /** The wrapped shell (e.g. to reach the SSH connection behind it). */
    public RemoteShell delegate() {
        return delegate;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
