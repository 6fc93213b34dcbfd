package org.namdrunner.cluster;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Normalisation and confinement of remote (POSIX) paths to the job roots. */
public final class RemotePaths {
    private RemotePaths() {
    }

    /** Normalises an absolute POSIX path: collapses {@code //} and {@code .}, resolves {@code ..} textually. */
    public static String normalize(String path) throws ClusterException {
        if (path == null || !path.startsWith("/")) {
            throw new ClusterException(ClusterException.Kind.PATH_NOT_ALLOWED,
                    "Remote path must be absolute: '" + Names.printable(path) + "'");
        }
        if (path.indexOf('\0') >= 0 || path.indexOf('\n') >= 0) {
            throw new ClusterException(ClusterException.Kind.PATH_NOT_ALLOWED, "Remote path contains a control character");
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    throw new ClusterException(ClusterException.Kind.PATH_NOT_ALLOWED, "Remote path escapes '/': " + path);
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** Joins {@code dir} and a relative path. */
    public static String join(String dir, String child) {
        return dir.endsWith("/") ? dir + child : dir + "/" + child;
    }

    /**
     * Returns the normalised path when it lies strictly inside one of {@code roots} (or equals one when
     * {@code allowRoot}); throws {@link ClusterException.Kind#PATH_NOT_ALLOWED} otherwise. Paths containing
     * {@code ..} segments are refused outright.
     */
    public static String confine(String path, List<String> roots, boolean allowRoot) throws ClusterException {
        if (path != null && (path.contains("/../") || path.endsWith("/..") || path.startsWith("../"))) {
            throw new ClusterException(ClusterException.Kind.PATH_NOT_ALLOWED,
                    "Remote path must not contain '..': " + Names.printable(path));
        }
        String n = normalize(path);
        for (String root : roots) {
            if (root == null || root.isBlank()) {
                continue;
            }
            String r = normalize(root);
            if (n.startsWith(r + "/") || (allowRoot && n.equals(r))) {
                return n;
            }
        }
        throw new ClusterException(ClusterException.Kind.PATH_NOT_ALLOWED,
                "Remote path " + Names.printable(path) + " is outside the job roots " + roots);
    }
}
