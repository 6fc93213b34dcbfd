package org.namdrunner.cluster.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobFiles;
import org.namdrunner.cluster.Names;
import org.namdrunner.cluster.local.runner.LocalRunner;

/**
 * {@link JobFiles} of the Local profile on {@code java.nio.file} (no shell, any operating system): every path is
 * confined to the job roots (normalised, no {@code ..}); deletes and copies resolve symbolic links first and refuse
 * what then lies outside the roots, as the cluster's {@code realpath} checks do.
 */
public class LocalJobFiles implements JobFiles {
    private final List<Path> roots;

    public LocalJobFiles(List<String> roots) {
        this.roots = roots.stream().filter(r -> r != null && !r.isBlank()).map(r -> Path.of(r).toAbsolutePath().normalize())
                .toList();
    }

    /** The normalised path when it lies strictly inside a root (or is one, when {@code allowRoot}). */
    Path confine(String path, boolean allowRoot) throws ClusterException {
        if (path == null || path.indexOf('\0') >= 0 || path.indexOf('\n') >= 0) {
            throw new ClusterException(ClusterException.Kind.PATH_NOT_ALLOWED, "Invalid path '" + Names.printable(path) + "'");
        }
        Path raw = Path.of(path);
        for (Path part : raw) {
            if (part.toString().equals("..")) {
                throw new ClusterException(ClusterException.Kind.PATH_NOT_ALLOWED, "Path must not contain '..': " + Names.printable(path));
            }
        }
        if (!raw.isAbsolute()) {
            throw new ClusterException(ClusterException.Kind.PATH_NOT_ALLOWED, "Path must be absolute: '" + Names.printable(path) + "'");
        }
        Path p = raw.normalize();
        if (inside(p, roots, allowRoot)) {
            return p;
        }
        throw new ClusterException(ClusterException.Kind.PATH_NOT_ALLOWED, "Path " + Names.printable(path)
                + " is outside the job roots " + roots);
    }

    private static boolean inside(Path p, List<Path> roots, boolean allowRoot) {
        for (Path r : roots) {
            if (p.startsWith(r) && (allowRoot || !p.equals(r))) {
                return true;
            }
        }
        return false;
    }

    /** Like {@link #confine} and then again with symbolic links resolved (of the path and of the roots). */
    private Path confineReal(String path) throws ClusterException {
        Path p = confine(path, false);
        try {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return p;
            }
            Path real = p.toRealPath();
            List<Path> realRoots = new ArrayList<>();
            for (Path r : roots) {
                realRoots.add(Files.exists(r) ? r.toRealPath() : r);
            }
            if (!inside(real, realRoots, false)) {
                throw new ClusterException(ClusterException.Kind.PATH_NOT_ALLOWED, real + " is outside the job roots");
            }
            return real;
        } catch (IOException e) {
            throw failed("Resolving " + p, e);
        }
    }

    private static ClusterException failed(String what, IOException e) {
        return new ClusterException(ClusterException.Kind.COMMAND_FAILED, what + " failed: " + e.getMessage(), e);
    }

    @Override
    public void mkdirs(IProgressMonitor monitor, String... dirs) throws ClusterException {
        for (String d : dirs) {
            Path p = confine(d, false);
            try {
                Files.createDirectories(p);
            } catch (IOException e) {
                throw failed("Creating " + p, e);
            }
        }
    }

    @Override
    public void write(String path, byte[] content, IProgressMonitor monitor) throws ClusterException {
        Path p = confine(path, false);
        try {
            Path tmp = p.resolveSibling(p.getFileName() + ".tmp-namdrunner");
            Files.write(tmp, content);
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw failed("Writing " + p, e);
        }
    }

    @Override
    public byte[] read(String path, IProgressMonitor monitor) throws ClusterException {
        Path p = confine(path, false);
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw failed("Reading " + p, e);
        }
    }

    /** Reads only the ends of the files (a local job's log is read every few seconds while it runs). */
    @Override
    public java.util.Map<String, String> tails(java.util.Map<String, Integer> maxBytesByPath, IProgressMonitor monitor)
            throws ClusterException {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (java.util.Map.Entry<String, Integer> e : maxBytesByPath.entrySet()) {
            Path p = confine(e.getKey(), false);
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try (java.nio.channels.SeekableByteChannel ch = Files.newByteChannel(p)) {
                long size = ch.size();
                int n = (int) Math.min(size, Math.max(1, e.getValue()));
                ch.position(size - n);
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(n);
                while (buf.hasRemaining() && ch.read(buf) > 0) {
                    // read until full or end of file
                }
                out.put(e.getKey(), new String(buf.array(), 0, buf.position(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException ex) {
                throw failed("Reading " + p, ex);
            }
        }
        return out;
    }

    @Override
    public boolean exists(String path, IProgressMonitor monitor) throws ClusterException {
        return Files.exists(confine(path, false));
    }

    @Override
    public void upload(Path local, String remotePath, IProgressMonitor monitor) throws ClusterException {
        copy(local, confine(remotePath, false));
    }

    @Override
    public void download(String remotePath, Path local, IProgressMonitor monitor) throws ClusterException {
        copy(confine(remotePath, false), local);
    }

    private static void copy(Path from, Path to) throws ClusterException {
        try {
            if (to.getParent() != null) {
                Files.createDirectories(to.getParent());
            }
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw failed("Copying " + from + " to " + to, e);
        }
    }

    @Override
    public List<String> list(String dir, IProgressMonitor monitor) throws ClusterException {
        Path d = confine(dir, true);
        if (!Files.isDirectory(d)) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Listing " + d + " failed: no such directory");
        }
        try (Stream<Path> s = Files.walk(d)) {
            // regular files only, links not followed (as find -type f); '/' separators on every system
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).map(p -> d.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw failed("Listing " + d, e);
        }
    }

    @Override
    public void deleteTree(String dir, IProgressMonitor monitor) throws ClusterException {
        Path d = confineReal(dir);
        if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(d)) {
            // walk does not follow links: a link inside the tree is removed, not what it points to
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw failed("Deleting " + d, e);
        }
    }

    @Override
    public void copyTree(String fromDir, String toDir, IProgressMonitor monitor) throws ClusterException {
        Path f = confineReal(fromDir);
        Path t = confine(toDir, false);
        try {
            Files.createDirectories(t);
            LocalRunner.copyTree(f, t);
        } catch (IOException e) {
            throw failed("Copying " + f + " to " + t, e);
        }
    }

    @Override
    public void copyFiles(Map<String, String> sourceToTarget, IProgressMonitor monitor) throws ClusterException {
        for (Map.Entry<String, String> e : sourceToTarget.entrySet()) {
            Path from = confineReal(e.getKey());
            Path to = confine(e.getValue(), false);
            try {
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            } catch (IOException ex) {
                throw failed("Copying " + from + " to " + to, ex);
            }
        }
    }
}
