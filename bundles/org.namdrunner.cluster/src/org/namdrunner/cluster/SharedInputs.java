package org.namdrunner.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Input files shared on the cluster (issue 18): a job's input is stored once per job root, content-addressed by its
 * sha256 under {@value #STORE_DIR} of the root ({@code <root>/.namdrunner/inputs/<sha256>}), and hard-linked (copied
 * where the file system refuses links) into each job's {@code input/} folder. Jobs of a sweep and children of a chain
 * that use the same files therefore send their bytes once.
 *
 * <p>This class is the decision logic, free of any shell: which root's store a job folder uses, which distinct
 * contents must be sent given the digests the server already holds, and which links to make. {@link ShellJobFiles}
 * runs it with three kinds of round trip: one question ({@link #QUERY_SCRIPT}: which digests exist), one verified
 * upload per missing content (to a temporary name), one answer ({@link #LINK_SCRIPT}: name the new objects, link
 * every input).
 *
 * <p>Invariants: an object gets its final name {@code <sha256>} only after its bytes were verified (the transfer's
 * same-pass digest, or {@code sha256sum} on the server for shells that do not verify) and only by a rename, so a
 * partial or corrupt object never carries a digest name. Deleting a job removes its links, never the object's data
 * while another job links it (a hard link is a name; the data lives until the last name goes). Objects no job links
 * any more (link count 1) stay until removed by hand; see the user guide.
 */
public final class SharedInputs {
    /** The content store under each job root. */
    public static final String STORE_DIR = ".namdrunner/inputs";
    /** Suffix of objects being uploaded (before verification and rename). */
    public static final String UPLOAD_SUFFIX = ".up-";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private SharedInputs() {
    }

    /**
     * Question, one round trip: {@code $1} store dir, {@code $2} the job root it belongs to, then digests. Refuses the
     * store when it resolves (symlinks followed) outside the root, creates it, removes upload leftovers older than a day
     * (an interrupted upload under its temporary name), prints the digests that exist as regular files.
     */
    static final String QUERY_SCRIPT = "s=$1; root=$2; shift 2; "
            + "r=$(realpath -m -- \"$s\"); rr=$(realpath -m -- \"$root\"); "
            + "case \"$r\" in \"$rr\"/?*) ;; *) echo \"$s is outside the job roots\" >&2; exit 3;; esac; "
            + "mkdir -p -- \"$s\" || exit 1; "
            + "find \"$s\" -maxdepth 1 -type f -name '*" + UPLOAD_SUFFIX + "*' -mmin +1440 -exec rm -f -- {} + 2>/dev/null; "
            + "for d in \"$@\"; do if [ -f \"$s/$d\" ]; then printf '%s\\n' \"$d\"; fi; done; exit 0";

    /**
     * Answer, one round trip: {@code $1} store dir, {@code $2} 1 = check new objects with {@code sha256sum}, {@code $3}
     * number N of new objects, then N pairs (uploaded temporary path, digest), then pairs (digest, target path). A new
     * object is checked (if asked) and renamed to its digest; each target gets the object as a hard link (or a copy)
     * under a temporary name that is then renamed, so a target is never partial. Prints {@code copied TARGET} for
     * copies.
     */
    static final String LINK_SCRIPT = "s=$1; v=$2; n=$3; shift 3; i=0; "
            + "while [ $i -lt $n ]; do t=$1; d=$2; shift 2; i=$((i+1)); "
            + "if [ \"$v\" = 1 ]; then h=$(sha256sum < \"$t\") || exit 1; h=${h%% *}; "
            + "if [ \"$h\" != \"$d\" ]; then rm -f -- \"$t\"; echo \"$t has sha256 $h on the cluster, expected $d\" >&2; exit 4; fi; fi; "
            + "mv -f -- \"$t\" \"$s/$d\" || exit 1; done; "
            + "while [ $# -gt 1 ]; do o=$s/$1; t=$2; shift 2; "
            + "if [ ! -f \"$o\" ]; then echo \"$o is missing\" >&2; exit 5; fi; "
            + "if [ \"$t\" -ef \"$o\" ]; then continue; fi; "
            + "rm -f -- \"$t.tmp-namdrunner\"; "
            + "if ln -- \"$o\" \"$t.tmp-namdrunner\" 2>/dev/null; then :; "
            + "elif cp -- \"$o\" \"$t.tmp-namdrunner\"; then printf 'copied %s\\n' \"$t\"; else exit 1; fi; "
            + "mv -f -- \"$t.tmp-namdrunner\" \"$t\" || exit 1; done";

    /** What an upload of inputs did: files linked into the job, distinct contents sent, bytes sent, files copied. */
    public record Outcome(int files, int sent, long bytesSent, int copied) {
    }

    /**
     * The plan for one job's inputs.
     *
     * @param digestByFile sha256 of each local file (in the order given)
     * @param toSend       one local file per distinct digest the server lacks (the first file with that content)
     * @param links        digest to link for each target path, in input order
     */
    public record Plan(Map<Path, String> digestByFile, Map<String, Path> toSend, Map<String, String> links) {
        public long bytesToSend() throws ClusterException {
            long n = 0;
            for (Path p : toSend.values()) {
                n += size(p);
            }
            return n;
        }
    }

    /** The store directory for a target inside one of {@code roots}: {@code <that root>/.namdrunner/inputs}. */
    public static String storeDir(String target, List<String> roots) throws ClusterException {
        return RemotePaths.join(rootOf(target, roots), STORE_DIR);
    }

    /** The root (normalised) that contains {@code target}; objects live on the same file system as their links. */
    public static String rootOf(String target, List<String> roots) throws ClusterException {
        String t = RemotePaths.confine(target, roots, false);
        String best = null;
        for (String root : roots) {
            if (root == null || root.isBlank()) {
                continue;
            }
            String r = RemotePaths.normalize(root);
            if (t.startsWith(r + "/") && (best == null || r.length() > best.length())) {
                best = r;
            }
        }
        if (best == null) {
            throw new ClusterException(ClusterException.Kind.PATH_NOT_ALLOWED, target + " is outside the job roots");
        }
        return best;
    }

    /**
     * Decides what to send and what to link: each distinct digest missing from {@code existing} is sent once; of two
     * inputs with the same file name the last one is linked (as if each were uploaded in turn).
     */
    public static Plan plan(Map<Path, String> digestByFile, String inputDir, Set<String> existing) {
        Map<String, Path> toSend = new LinkedHashMap<>();
        Map<String, String> links = new LinkedHashMap<>();
        for (Map.Entry<Path, String> e : digestByFile.entrySet()) {
            String d = e.getValue();
            if (!SHA256.matcher(d).matches()) {
                throw new IllegalArgumentException("not a sha256: " + d);
            }
            String target = RemotePaths.join(inputDir, e.getKey().getFileName().toString());
            links.remove(target); // the last of two inputs with one name wins, as with one upload per file
            links.put(target, d);
        }
        for (Map.Entry<Path, String> e : digestByFile.entrySet()) {
            String d = e.getValue();
            if (!existing.contains(d) && links.containsValue(d)) {
                toSend.putIfAbsent(d, e.getKey());
            }
        }
        return new Plan(digestByFile, toSend, links);
    }

    /** The digests in the query's answer (lines of 64 hex digits; anything else is ignored). */
    public static Set<String> parseExisting(String stdout) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : stdout.split("\n")) {
            String l = line.strip();
            if (SHA256.matcher(l).matches()) {
                out.add(l);
            }
        }
        return out;
    }

    /** Arguments of {@link #LINK_SCRIPT}. */
    static List<String> linkArgs(String store, boolean verifyOnServer, Map<String, String> uploadedByDigest, Map<String, String> links) {
        List<String> args = new ArrayList<>(List.of(store, verifyOnServer ? "1" : "0", Integer.toString(uploadedByDigest.size())));
        uploadedByDigest.forEach((d, tmp) -> {
            args.add(tmp);
            args.add(d);
        });
        links.forEach((target, d) -> {
            args.add(d);
            args.add(target);
        });
        return args;
    }

    /** sha256 of local files, in order (each file read once). */
    public static Map<Path, String> digests(List<Path> files, IProgressMonitor monitor) throws ClusterException {
        Map<Path, String> out = new LinkedHashMap<>();
        byte[] buf = new byte[1 << 20];
        for (Path p : files) {
            if (monitor != null && monitor.isCanceled()) {
                throw new ClusterException(ClusterException.Kind.CANCELLED, "Upload of inputs cancelled");
            }
            try (InputStream in = Files.newInputStream(p)) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
                out.put(p, HexFormat.of().formatHex(md.digest()));
            } catch (IOException e) {
                throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Cannot read " + p + ": " + e.getMessage(), e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    static long size(Path p) throws ClusterException {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Cannot read " + p + ": " + e.getMessage(), e);
        }
    }
}
