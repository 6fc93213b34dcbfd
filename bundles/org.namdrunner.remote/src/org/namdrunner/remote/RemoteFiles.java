package org.namdrunner.remote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;

/**
 * Remote file operations of one connection: listing for browsing, stat, mkdir, checksums, realpath and the
 * confined delete. Changes are confined to the job roots ({@link RemotePaths}); delete additionally resolves
 * the path on the server ({@code realpath -e}) so that neither {@code ..} nor symlinks can lead outside.
 */
public final class RemoteFiles {
    private final RemoteConnection connection;
    private final RemotePaths policy;

    public RemoteFiles(RemoteConnection connection) {
        this(connection, RemotePaths.of(connection.getSettings()));
    }

    public RemoteFiles(RemoteConnection connection, RemotePaths policy) {
        this.connection = connection;
        this.policy = policy;
    }

    public RemotePaths policy() {
        return policy;
    }

    /** Lists a directory (without . and ..), directories first, then by name. */
    public List<RemoteFileInfo> list(String dir, IProgressMonitor monitor) throws RemoteException {
        String d = RemotePaths.normalize(dir);
        return connection.withSftp("Listing " + d, sftp -> {
            List<RemoteFileInfo> out = new ArrayList<>();
            for (Object o : sftp.ls(d)) {
                ChannelSftp.LsEntry e = (ChannelSftp.LsEntry) o;
                String name = e.getFilename();
                if (name.equals(".") || name.equals("..")) {
                    continue;
                }
                out.add(info(name, d.equals("/") ? "/" + name : d + "/" + name, e.getAttrs()));
            }
            out.sort(Comparator.comparing((RemoteFileInfo f) -> !f.isDirectory()).thenComparing(RemoteFileInfo::name));
            return out;
        }, monitor);
    }

    /** Stat of a path (symlinks not followed), or null if it does not exist. */
    public RemoteFileInfo stat(String path, IProgressMonitor monitor) throws RemoteException {
        String p = RemotePaths.normalize(path);
        return connection.withSftp("Reading " + p, sftp -> {
            try {
                SftpATTRS a = sftp.lstat(p);
                String name = p.equals("/") ? "/" : p.substring(p.lastIndexOf('/') + 1);
                return info(name, p, a);
            } catch (SftpException e) {
                if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                    return null;
                }
                throw e;
            }
        }, monitor);
    }

    static RemoteFileInfo info(String name, String path, SftpATTRS a) {
        RemoteFileInfo.Type t = a.isLink() ? RemoteFileInfo.Type.SYMLINK
                : a.isDir() ? RemoteFileInfo.Type.DIRECTORY
                        : a.isReg() ? RemoteFileInfo.Type.FILE : RemoteFileInfo.Type.OTHER;
        return new RemoteFileInfo(name, path, a.getSize(), Instant.ofEpochSecond(a.getMTime() & 0xffffffffL), t,
                a.getPermissionsString());
    }

    /** {@code mkdir -p} inside the job roots. */
    public void mkdirs(String dir, IProgressMonitor monitor) throws RemoteException {
        String d = policy.requireConfined(dir);
        connection.exec(CommandLine.of("mkdir").arg("-p").endOfOptions().arg(d), ExecOptions.DEFAULT, monitor)
                .requireSuccess("Creating the directory " + d);
    }

    /** The server's canonical path ({@code realpath -e}); NOT_FOUND if it does not exist. */
    public String realpath(String path, IProgressMonitor monitor) throws RemoteException {
        String p = RemotePaths.normalize(path);
        CommandResult r = connection.exec(CommandLine.of("realpath").arg("-e").endOfOptions().arg(p), monitor);
        if (r.exitCode() != 0) {
            RemoteErrorKind k = CommandResult.classifyStderr(r.stderr());
            throw new RemoteException(k == RemoteErrorKind.COMMAND_FAILED ? RemoteErrorKind.NOT_FOUND : k,
                    "Cannot resolve " + p + " on " + connection.getDisplayName() + ": " + r.stderr().strip());
        }
        return stripOneNewline(r.stdout());
    }

    /** sha256 of a remote file ({@code sha256sum}), lower-case hex. */
    public String sha256(String path, IProgressMonitor monitor) throws RemoteException {
        String p = RemotePaths.normalize(path);
        CommandResult r = connection.exec(CommandLine.of("sha256sum").endOfOptions().arg(p),
                ExecOptions.DEFAULT.withTimeout(java.time.Duration.ofHours(1)), monitor)
                .requireSuccess("Computing the checksum of " + p);
        String out = r.stdout().strip();
        if (out.startsWith("\\")) {
            out = out.substring(1); // sha256sum escapes names with backslash/newline
        }
        int sp = out.indexOf(' ');
        if (sp != 64) {
            throw new RemoteException(RemoteErrorKind.UNKNOWN, "Unexpected sha256sum output for " + p);
        }
        return out.substring(0, 64).toLowerCase(Locale.ROOT);
    }

    /**
     * Deletes a file or directory tree inside the job roots. Refused ({@link RemoteErrorKind#PATH_NOT_ALLOWED})
     * when the path, lexically or after the server resolved every symlink and {@code ..}, is outside the job
     * roots or is a root itself. A symlink inside a root that points inside a root is removed as a link (its
     * target is kept).
     */
    public void delete(String path, IProgressMonitor monitor) throws RemoteException {
        String p = policy.requireStrictlyInside(path);
        String name = p.substring(p.lastIndexOf('/') + 1);
        // Resolve on the server: the entry itself, its parent and the roots (roots may be symlinks themselves).
        List<String> args = new ArrayList<>();
        args.add(p);
        args.add(RemotePaths.parent(p));
        args.addAll(policy.roots());
        CommandResult r = connection.exec(CommandLine.of("realpath").arg("-m").arg("-z").endOfOptions().args(args),
                monitor);
        CommandResult exists = connection.exec(CommandLine.of("realpath").arg("-e").endOfOptions().arg(p), monitor);
        if (exists.exitCode() != 0) {
            throw new RemoteException(RemoteErrorKind.NOT_FOUND, "Cannot delete " + p + ": it does not exist on "
                    + connection.getDisplayName() + ".");
        }
        r.requireSuccess("Resolving " + p);
        String[] resolved = r.stdout().split("\0");
        if (resolved.length != args.size()) {
            throw new RemoteException(RemoteErrorKind.UNKNOWN, "Unexpected realpath output while deleting " + p);
        }
        String real = resolved[0];
        String realParent = resolved[1];
        List<String> realRoots = new ArrayList<>();
        for (int i = 2; i < resolved.length; i++) {
            realRoots.add(resolved[i]);
        }
        boolean entryInside = realRoots.stream().anyMatch(root -> RemotePaths.isUnder(real, root));
        boolean parentInside = realRoots.stream()
                .anyMatch(root -> RemotePaths.isUnder(realParent, root) || realParent.equals(root));
        if (!entryInside || !parentInside) {
            connection.getCommandLog().event(connection.getDisplayName(), CommandLogEntry.Kind.COMMAND_ERROR,
                    "refused delete of " + p + " (resolves to " + real + ")");
            throw new RemoteException(RemoteErrorKind.PATH_NOT_ALLOWED, "Refusing to delete " + p + ": on the server it "
                    + "resolves to " + real + ", which is outside the job directories ("
                    + String.join(", ", policy.roots()) + ").");
        }
        String target = realParent + "/" + name;
        connection.exec(CommandLine.of("rm").arg("-rf").endOfOptions().arg(target),
                ExecOptions.DEFAULT.withCoalesce(false), monitor).requireSuccess("Deleting " + p);
    }

    private static String stripOneNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
