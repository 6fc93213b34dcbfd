package org.namdrunner.ui.editors;

import org.namdrunner.ui.remote.WorkbenchSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.core.model.Job;
import org.namdrunner.remote.RemoteConnection;
import org.namdrunner.remote.RemoteException;
import org.namdrunner.remote.RemoteFileInfo;
import org.namdrunner.remote.RemoteFiles;
import org.namdrunner.remote.RemotePaths;

/**
 * The files of one job's directories (project directory and, when the profile has one, scratch directory) for the
 * Files tab: a listing with sizes and dates, download and a delete that is confined to the job's own directories —
 * over SFTP with the remote layer's {@link RemotePaths} policy whose roots are the job directories (the server
 * resolves symlinks before anything is removed), or on this machine for the Local profile. UI-free.
 */
public final class JobFileBrowser {

    /** Most entries listed per job (a runaway output directory must not freeze the editor). */
    public static final int MAX_ENTRIES = 20_000;

    /** One file or directory; {@code children} is empty for files. */
    public record Entry(String path, String name, boolean directory, long size, Instant modified, List<Entry> children) {
        /** Size of a file, or of everything below a directory. */
        public long totalSize() {
            if (!directory) {
                return size;
            }
            long t = 0;
            for (Entry c : children) {
                t += c.totalSize();
            }
            return t;
        }
    }

    private final ClusterSession session;
    private final Job job;
    private final RemotePaths policy;

    public JobFileBrowser(ClusterSession session, Job job) {
        this.session = session;
        this.job = job;
        if (job.remoteProjectDir() == null) {
            throw new IllegalArgumentException("Job '" + job.name() + "' has no directory on the cluster yet");
        }
        this.policy = new RemotePaths(job.remoteProjectDir(), job.remoteScratchDir());
    }

    /** The job's directories (the roots of the listing and of every delete). */
    public List<String> roots() {
        return policy.roots();
    }

    /** Lists the job directories recursively (missing ones are left out). */
    public List<Entry> list(IProgressMonitor monitor) throws ClusterException {
        SubMonitor sub = SubMonitor.convert(monitor, "Listing the files of " + job.name(), policy.roots().size());
        List<Entry> out = new ArrayList<>();
        int[] budget = { MAX_ENTRIES };
        for (String root : policy.roots()) {
            Entry e = listRoot(root, budget, sub.split(1));
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private Entry listRoot(String root, int[] budget, IProgressMonitor monitor) throws ClusterException {
        RemoteConnection c = WorkbenchSessions.connection(session);
        try {
            if (c != null) {
                RemoteFiles files = new RemoteFiles(c, policy);
                RemoteFileInfo info = files.stat(root, monitor);
                if (info == null) {
                    return null;
                }
                return new Entry(root, root, true, 0, info.modified(), remoteChildren(files, root, budget, monitor));
            }
            Path p = Path.of(root);
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            return new Entry(root, root, true, 0, Files.getLastModifiedTime(p).toInstant(), localChildren(p, budget, monitor));
        } catch (RemoteException e) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, e.getMessage(), e);
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private List<Entry> remoteChildren(RemoteFiles files, String dir, int[] budget, IProgressMonitor monitor) throws RemoteException {
        List<Entry> out = new ArrayList<>();
        for (RemoteFileInfo f : files.list(dir, monitor)) {
            if (monitor.isCanceled()) {
                throw new OperationCanceledException();
            }
            if (--budget[0] < 0) {
                break;
            }
            List<Entry> kids = f.isDirectory() ? remoteChildren(files, f.path(), budget, monitor) : List.of();
            out.add(new Entry(f.path(), f.name(), f.isDirectory(), f.size(), f.modified(), kids));
        }
        return out;
    }

    private List<Entry> localChildren(Path dir, int[] budget, IProgressMonitor monitor) throws IOException {
        List<Path> paths;
        try (var s = Files.list(dir)) {
            paths = s.sorted(Comparator.comparing((Path p) -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .thenComparing(p -> p.getFileName().toString())).toList();
        }
        List<Entry> out = new ArrayList<>();
        for (Path p : paths) {
            if (monitor.isCanceled()) {
                throw new OperationCanceledException();
            }
            if (--budget[0] < 0) {
                break;
            }
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            List<Entry> kids = a.isDirectory() ? localChildren(p, budget, monitor) : List.of();
            out.add(new Entry(p.toString(), p.getFileName().toString(), a.isDirectory(), a.size(), a.lastModifiedTime().toInstant(), kids));
        }
        return out;
    }

    /** Downloads a file, or every file below a directory, into {@code localDir}. Returns the local file or directory. */
    public Path download(Entry e, Path localDir, IProgressMonitor monitor) throws ClusterException {
        Path target = localDir.resolve(e.name().contains("/") ? Path.of(e.name()).getFileName().toString() : e.name());
        if (!e.directory()) {
            session.files().download(e.path(), target, monitor);
            return target;
        }
        List<String> files = session.files().list(e.path(), monitor);
        SubMonitor sub = SubMonitor.convert(monitor, "Downloading " + e.name(), Math.max(1, files.size()));
        for (String rel : files) {
            if (sub.isCanceled()) {
                throw new OperationCanceledException();
            }
            Path local = target.resolve(rel).normalize();
            if (!local.startsWith(target)) {
                throw new ClusterException(ClusterException.Kind.PATH_NOT_ALLOWED, "Refusing to write outside " + target + ": " + rel);
            }
            session.files().download(org.namdrunner.cluster.RemotePaths.join(e.path(), rel), local, sub.split(1));
        }
        return target;
    }

    /**
     * Deletes a file or directory strictly inside the job's directories (never a job directory itself, never
     * anything outside, symlinks resolved on the server first).
     */
    public void delete(String path, IProgressMonitor monitor) throws ClusterException {
        RemoteConnection c = WorkbenchSessions.connection(session);
        try {
            String n = policy.requireStrictlyInside(path);
            if (c != null) {
                new RemoteFiles(c, policy).delete(n, monitor);
                return;
            }
            Path p = Path.of(n);
            Path real = p.getParent().toRealPath();
            boolean inside = false;
            for (String root : policy.roots()) {
                Path r = Path.of(root).toRealPath();
                if (real.startsWith(r)) {
                    inside = true;
                }
            }
            if (!inside) {
                throw new ClusterException(ClusterException.Kind.PATH_NOT_ALLOWED, "Refusing to delete " + path
                        + ": it resolves outside the job directories " + policy.roots());
            }
            deleteLocal(real.resolve(p.getFileName()));
        } catch (RemoteException e) {
            throw new ClusterException(e.getKind() == org.namdrunner.remote.RemoteErrorKind.PATH_NOT_ALLOWED
                    ? ClusterException.Kind.PATH_NOT_ALLOWED : ClusterException.Kind.COMMAND_FAILED, e.getMessage(), e);
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    private static void deleteLocal(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (var s = Files.list(p)) {
                for (Path c : s.toList()) {
                    deleteLocal(c);
                }
            }
        }
        Files.delete(p);
    }
}
