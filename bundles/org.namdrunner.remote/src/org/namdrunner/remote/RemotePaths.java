package org.namdrunner.remote;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Remote path policy: POSIX normalisation and confinement to the configured job roots (project root, scratch
 * root). This is the lexical half; {@link RemoteFiles#delete} adds the server-side half (realpath on the
 * server, so symlinks cannot lead outside either).
 */
public final class RemotePaths {
    private final List<String> roots;

    /** @param roots absolute remote directories (null or blank entries are ignored) */
    public RemotePaths(String... roots) {
        List<String> r = new ArrayList<>();
        for (String root : roots) {
            if (root == null || root.isBlank()) {
                continue;
            }
            String n = normalize(root);
            if (n.equals("/")) {
                throw new IllegalArgumentException("The file system root cannot be a job root");
            }
            r.add(n);
        }
        this.roots = List.copyOf(r);
    }

    /** The job roots of a connection's settings. */
    public static RemotePaths of(ConnectionSettings s) {
        return new RemotePaths(s.getProjectRoot(), s.getScratchRoot());
    }

    public List<String> roots() {
        return roots;
    }

    /**
     * Normalises an absolute POSIX path: collapses {@code //}, removes {@code .}, resolves {@code ..}
     * lexically, drops a trailing slash.
     *
     * @throws IllegalArgumentException for relative paths, NUL characters or {@code ..} above {@code /}
     */
    public static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("A remote path is required");
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("A remote path cannot contain NUL");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("Remote path must be absolute: " + path);
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (parts.isEmpty()) {
                    throw new IllegalArgumentException("Remote path goes above /: " + path);
                }
                parts.removeLast();
            } else {
                parts.addLast(seg);
            }
        }
        return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
    }

    /** {@code dir + "/" + name} normalised; {@code name} must be a single path segment. */
    public static String child(String dir, String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("Not a single file name: " + name);
        }
        return normalize(dir + "/" + name);
    }

    /** The parent of a normalised path ("/" for top-level entries). */
    public static String parent(String path) {
        String n = normalize(path);
        int i = n.lastIndexOf('/');
        return i <= 0 ? "/" : n.substring(0, i);
    }

    /** Whether {@code normalizedPath} is a root or inside one (lexically). */
    public boolean isInsideRoots(String normalizedPath) {
        return rootOf(normalizedPath) != null;
    }

    /** The root containing {@code normalizedPath}, or null. */
    public String rootOf(String normalizedPath) {
        for (String r : roots) {
            if (isUnder(normalizedPath, r) || normalizedPath.equals(r)) {
                return r;
            }
        }
        return null;
    }

    /** True if {@code path} is strictly below {@code root}. */
    public static boolean isUnder(String path, String root) {
        return path.startsWith(root.endsWith("/") ? root : root + "/") && path.length() > root.length() + 1;
    }

    /**
     * Normalises {@code path} and checks that it lies inside a job root.
     *
     * @throws RemoteException {@link RemoteErrorKind#PATH_NOT_ALLOWED} otherwise
     */
    public String requireConfined(String path) throws RemoteException {
        String n;
        try {
            n = normalize(path);
        } catch (IllegalArgumentException e) {
            throw new RemoteException(RemoteErrorKind.PATH_NOT_ALLOWED, e.getMessage());
        }
        if (roots.isEmpty()) {
            throw new RemoteException(RemoteErrorKind.PATH_NOT_ALLOWED,
                    "No job roots are configured for this cluster, so nothing may be changed at " + path + ".");
        }
        if (!isInsideRoots(n)) {
            throw new RemoteException(RemoteErrorKind.PATH_NOT_ALLOWED, "Refusing to touch " + path
                    + ": it is outside the job directories (" + String.join(", ", roots) + ").");
        }
        return n;
    }

    /** Like {@link #requireConfined} but the path must be strictly below a root (never the root itself). */
    public String requireStrictlyInside(String path) throws RemoteException {
        String n = requireConfined(path);
        if (roots.contains(n)) {
            throw new RemoteException(RemoteErrorKind.PATH_NOT_ALLOWED,
                    "Refusing to delete the job root " + n + " itself.");
        }
        return n;
    }
}
