package org.namdrunner.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * {@link JobFiles} over a {@link RemoteShell}: every path is confined to the job roots and quoted; file
 * content travels on standard input; paths are positional arguments of constant scripts. Symlink escapes are refused on delete by resolving the path on the
 * cluster ({@code realpath}) before removing it.
 */
public class ShellJobFiles implements JobFiles {
    private final RemoteShell shell;
    private final List<String> roots;

    public ShellJobFiles(RemoteShell shell, List<String> roots) {
        this.shell = shell;
        this.roots = roots.stream().filter(r -> r != null && !r.isBlank()).toList();
    }

    protected String confine(String path) throws ClusterException {
        return RemotePaths.confine(path, roots, false);
    }

    private ShellResult run(String what, String script, List<String> args, byte[] stdin, IProgressMonitor monitor)
            throws ClusterException {
        ShellResult r = shell.run(script, args, stdin, monitor);
        if (!r.ok()) {
            String err = r.firstErrorLine();
            ClusterException.Kind kind = err.contains("outside the job roots") ? ClusterException.Kind.PATH_NOT_ALLOWED
                    : ClusterException.Kind.COMMAND_FAILED;
            throw new ClusterException(kind, what + " failed on the cluster (exit " + r.exitCode() + ")"
                    + (err.isEmpty() ? "" : ": " + err));
        }
        return r;
    }

    @Override
    public void mkdirs(IProgressMonitor monitor, String... dirs) throws ClusterException {
        List<String> args = new ArrayList<>();
        for (String d : dirs) {
            args.add(confine(d));
        }
        run("Creating " + Arrays.toString(dirs), "mkdir -p -- \"$@\"", args, null, monitor);
    }

    @Override
    public void write(String path, byte[] content, IProgressMonitor monitor) throws ClusterException {
        String p = confine(path);
        run("Writing " + p, "cat > \"$1.tmp-namdrunner\" && mv -f -- \"$1.tmp-namdrunner\" \"$1\"", List.of(p), content, monitor);
    }

    @Override
    public void writeAll(java.util.Map<String, byte[]> contents, IProgressMonitor monitor) throws ClusterException {
        if (contents.isEmpty()) {
            return;
        }
        // stdin: path line, base64 line, per file; paths are confined and cannot contain a newline.
        StringBuilder in = new StringBuilder();
        for (java.util.Map.Entry<String, byte[]> e : contents.entrySet()) {
            in.append(confine(e.getKey())).append('\n').append(java.util.Base64.getEncoder().encodeToString(e.getValue()))
                    .append('\n');
        }
        run("Writing " + contents.size() + " files", "f=0; while IFS= read -r p && IFS= read -r b; do "
                + "{ printf '%s' \"$b\" | base64 -d > \"$p.tmp-namdrunner\" && mv -f -- \"$p.tmp-namdrunner\" \"$p\"; } || f=1; done; exit $f",
                List.of(), in.toString().getBytes(StandardCharsets.US_ASCII), monitor);
    }

    @Override
    public byte[] read(String path, IProgressMonitor monitor) throws ClusterException {
        String p = confine(path);
        ShellResult r = shell.run("cat -- \"$1\"", List.of(p), null, monitor);
        if (!r.ok()) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Reading " + p + " failed: " + r.firstErrorLine());
        }
        return r.stdout().getBytes(StandardCharsets.UTF_8);
    }

    /** Marks the start of one file in the output of {@link #tails}: {@code <RS><path><LF><content>} (RS: octal 036). */
    private static final char TAIL_MARK = '\u001e';

    @Override
    public java.util.Map<String, String> tails(java.util.Map<String, Integer> maxBytesByPath, IProgressMonitor monitor)
            throws ClusterException {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (maxBytesByPath.isEmpty()) {
            return out;
        }
        // byte count / path pairs as arguments of a constant script; a missing file is skipped. One round trip.
        List<String> args = new ArrayList<>();
        java.util.Map<String, String> asked = new java.util.HashMap<>(); // confined path -> the caller's
        for (java.util.Map.Entry<String, Integer> e : maxBytesByPath.entrySet()) {
            String p = confine(e.getKey());
            args.add(Integer.toString(Math.max(1, e.getValue())));
            args.add(p);
            asked.put(p, e.getKey());
        }
        ShellResult r = run("Reading the ends of " + maxBytesByPath.size() + " files",
                "while [ $# -gt 1 ]; do if [ -f \"$2\" ]; then printf '\\036%s\\n' \"$2\"; tail -c \"$1\" -- \"$2\"; fi; shift 2; done; exit 0",
                args, null, monitor);
        String text = r.stdout();
        int at = text.indexOf(TAIL_MARK);
        while (at >= 0) {
            int nl = text.indexOf('\n', at);
            if (nl < 0) {
                break;
            }
            String path = text.substring(at + 1, nl);
            int next = text.indexOf(TAIL_MARK, nl + 1);
            // a mark inside a file's text is taken as its text unless a path we asked for follows it
            while (next >= 0) {
                int nnl = text.indexOf('\n', next);
                if (nnl > 0 && asked.containsKey(text.substring(next + 1, nnl))) {
                    break;
                }
                next = text.indexOf(TAIL_MARK, next + 1);
            }
            if (asked.containsKey(path)) {
                out.put(asked.get(path), text.substring(nl + 1, next < 0 ? text.length() : next));
            }
            at = next;
        }
        return out;
    }

    @Override
    public boolean exists(String path, IProgressMonitor monitor) throws ClusterException {
        String p = confine(path);
        return shell.run("test -e \"$1\"", List.of(p), null, monitor).ok();
    }

    @Override
    public void upload(Path local, String remotePath, IProgressMonitor monitor) throws ClusterException {
        shell.upload(local, confine(remotePath), monitor);
    }

    /**
     * Shares inputs on the cluster ({@link SharedInputs}): one round trip asks which digests the store of the job's root
     * holds, each missing content is uploaded once (verified in the same pass, under a temporary name), one round trip
     * names the new objects and links (or copies) every input into {@code inputDir}.
     */
    @Override
    public SharedInputs.Outcome uploadInputs(List<Path> files, String inputDir, IProgressMonitor monitor) throws ClusterException {
        if (files.isEmpty()) {
            return new SharedInputs.Outcome(0, 0, 0, 0);
        }
        String dir = confine(inputDir);
        String root = SharedInputs.rootOf(dir, roots);
        String store = RemotePaths.join(root, SharedInputs.STORE_DIR);
        java.util.Map<Path, String> digests = SharedInputs.digests(files, monitor);
        List<String> q = new ArrayList<>(List.of(store, root));
        q.addAll(new java.util.LinkedHashSet<>(digests.values()));
        ShellResult r = run("Looking up shared inputs in " + store, SharedInputs.QUERY_SCRIPT, q, null, monitor);
        SharedInputs.Plan plan = SharedInputs.plan(digests, dir, SharedInputs.parseExisting(r.stdout()));
        java.util.Map<String, String> uploaded = new java.util.LinkedHashMap<>();
        boolean verifyOnServer = false;
        long bytes = 0;
        for (java.util.Map.Entry<String, Path> e : plan.toSend().entrySet()) {
            if (monitor != null && monitor.isCanceled()) {
                throw new ClusterException(ClusterException.Kind.CANCELLED, "Upload of inputs cancelled");
            }
            String tmp = RemotePaths.join(store, e.getKey() + SharedInputs.UPLOAD_SUFFIX
                    + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1));
            String sha = shell.uploadVerified(e.getValue(), confine(tmp), monitor);
            if (sha == null) {
                verifyOnServer = true;
            } else if (!sha.equals(e.getKey())) {
                shell.run("rm -f -- \"$1\"", List.of(confine(tmp)), null, monitor);
                throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, e.getValue() + " changed while it was uploaded "
                        + "(sha256 " + e.getKey() + " before, " + sha + " sent); upload again");
            }
            uploaded.put(e.getKey(), confine(tmp));
            bytes += SharedInputs.size(e.getValue());
        }
        ShellResult l = run("Linking " + files.size() + " inputs into " + dir, SharedInputs.LINK_SCRIPT,
                SharedInputs.linkArgs(store, verifyOnServer, uploaded, plan.links()), null, monitor);
        int copied = (int) l.stdout().lines().filter(s -> s.startsWith("copied ")).count();
        return new SharedInputs.Outcome(files.size(), uploaded.size(), bytes, copied);
    }

    @Override
    public void download(String remotePath, Path local, IProgressMonitor monitor) throws ClusterException {
        shell.download(confine(remotePath), local, monitor);
    }

    @Override
    public void downloadFolder(String remoteDir, Path localDir, IProgressMonitor monitor) throws ClusterException {
        if (!shell.downloadFolder(confine(remoteDir), localDir, monitor)) {
            JobFiles.super.downloadFolder(remoteDir, localDir, monitor);
        }
    }

    @Override
    public List<String> list(String dir, IProgressMonitor monitor) throws ClusterException {
        String d = RemotePaths.confine(dir, roots, true);
        ShellResult r = run("Listing " + d, "cd -- \"$1\" && find . -type f -print0", List.of(d), null, monitor);
        List<String> out = new ArrayList<>();
        for (String f : r.stdout().split("\0")) {
            if (f.startsWith("./")) {
                out.add(f.substring(2));
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public void deleteTree(String dir, IProgressMonitor monitor) throws ClusterException {
        String d = confine(dir);
        // Resolve symlinks on the cluster and check again there: a job dir that is a symlink to elsewhere is refused.
        String script = "r=$(realpath -m -- \"$1\") || exit 1; shift; ok=0; for root in \"$@\"; do "
                + "rr=$(realpath -m -- \"$root\"); case \"$r\" in \"$rr\"/?*) ok=1;; esac; done; "
                + "if [ $ok = 1 ]; then rm -rf -- \"$r\"; else echo \"$r is outside the job roots\" >&2; exit 3; fi";
        List<String> args = new ArrayList<>();
        args.add(d);
        args.addAll(roots);
        run("Deleting " + d, script, args, null, monitor);
    }

    @Override
    public void copyTree(String fromDir, String toDir, IProgressMonitor monitor) throws ClusterException {
        String f = confine(fromDir);
        String t = confine(toDir);
        run("Copying " + f + " to " + t, "mkdir -p -- \"$2\" && cp -pR -- \"$1/.\" \"$2/\"", List.of(f, t), null, monitor);
    }

    @Override
    public void copyFiles(java.util.Map<String, String> sourceToTarget, IProgressMonitor monitor) throws ClusterException {
        if (sourceToTarget.isEmpty()) {
            return;
        }
        // $1 = number of roots, then the roots, then source/target pairs. Constant script, paths are arguments.
        String script = "set -f; nl='\n'; n=$1; shift; roots=; i=0; "
                + "while [ $i -lt $n ]; do roots=\"$roots$(realpath -m -- \"$1\")$nl\"; shift; i=$((i+1)); done; "
                + "while [ $# -gt 1 ]; do r=$(realpath -m -- \"$1\") || exit 1; ok=0; "
                + "old=$IFS; IFS=$nl; for rr in $roots; do case \"$r\" in \"$rr\"/?*) ok=1;; esac; done; IFS=$old; "
                + "if [ $ok != 1 ]; then echo \"$1 is outside the job roots\" >&2; exit 3; fi; "
                + "cp -p -- \"$r\" \"$2\" || exit 1; shift 2; done";
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(roots.size()));
        args.addAll(roots);
        for (java.util.Map.Entry<String, String> e : sourceToTarget.entrySet()) {
            args.add(confine(e.getKey()));
            args.add(confine(e.getValue()));
        }
        run("Copying " + sourceToTarget.size() + " files", script, args, null, monitor);
    }
}
