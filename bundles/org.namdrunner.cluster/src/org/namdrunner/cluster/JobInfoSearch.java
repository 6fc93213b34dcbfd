package org.namdrunner.cluster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.cluster.ClusterSession.RemoteDocument;

/**
 * Finds the {@code job_info.json} files under a job root over any {@link RemoteShell}, in one command: the part of
 * {@link ClusterSession#findJobInfos} that is the same for every scheduler (used by the Slurm and Grid Engine
 * sessions; the Local profile reads its files directly).
 */
public final class JobInfoSearch {
    /** Constant script: every {@code job_info.json} up to three levels below {@code $1}, base64-encoded. */
    static final String SCRIPT = "[ -d \"$1\" ] || exit 0; find \"$1\" -maxdepth 3 -type f -name job_info.json | while IFS= read -r f; do "
            + "printf '#file %s\\n' \"$f\"; base64 -w0 -- \"$f\"; echo; done";

    private JobInfoSearch() {
    }

    /** One command: every {@code job_info.json} up to three levels below {@code root}, with its path. */
    public static List<RemoteDocument> find(RemoteShell shell, String root, IProgressMonitor monitor) throws ClusterException {
        ShellResult r = shell.run(SCRIPT, List.of(root), null, monitor);
        if (!r.ok()) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Searching " + root + " failed: " + r.firstErrorLine());
        }
        return parse(r.stdout());
    }

    /** Parses the output of {@link #SCRIPT}; files whose content is not valid base64 are skipped. */
    static List<RemoteDocument> parse(String stdout) {
        List<RemoteDocument> docs = new ArrayList<>();
        String[] lines = stdout.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith("#file ")) {
                String path = lines[i].substring(6);
                try {
                    String content = new String(Base64.getDecoder().decode(lines[i + 1].strip()), StandardCharsets.UTF_8);
                    docs.add(new RemoteDocument(path, content));
                } catch (IllegalArgumentException e) {
                    // unreadable file: skipped, the caller reports the others
                }
                i++;
            }
        }
        return docs;
    }
}
