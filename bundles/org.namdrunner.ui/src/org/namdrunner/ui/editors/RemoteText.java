package org.namdrunner.ui.editors;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.namdrunner.automation.JobDocuments;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.core.model.Job;
import org.namdrunner.ui.jobs.Engine;
import org.namdrunner.ui.jobs.JobFormat;

/** A fetched (or cached) remote text of a job: what the Configuration, Script, Logs and Energy tabs show. */
record RemoteText(String path, String text, boolean fromCache, String problem, Instant at) {

    /** The status line: the path, and whether it is fresh or a cached copy (and why). */
    String describe() {
        String when = JobFormat.time(at);
        if (problem != null) {
            return path + " \u2014 cached copy (" + when + "); cannot reach the cluster: " + problem;
        }
        return path + (fromCache ? " \u2014 cached copy of " + when : " \u2014 fetched " + when);
    }

    /**
     * The text of a remote file of the job: fetched now unless {@code cacheFirst} and a cached copy exists; a failed
     * fetch falls back to the cached copy.
     */
    static RemoteText fetch(Job j, String path, boolean cacheFirst, IProgressMonitor monitor) throws Exception {
        JobDocuments docs = Engine.service().documents();
        Optional<String> cached = docs.cached(j, path);
        if (cacheFirst && cached.isPresent()) {
            // an ended job's files do not change: a copy taken after it ended is good (an older one may be partial)
            Instant copied = Files.getLastModifiedTime(docs.cacheFile(j, path)).toInstant();
            if (j.endedAt() != null && copied.isAfter(j.endedAt())) {
                return new RemoteText(path, cached.get(), true, null, copied);
            }
        }
        try {
            ClusterSession s = Engine.service().sessions().session(j.profileId(), monitor);
            if (!s.files().exists(path, monitor)) {
                if (cached.isPresent()) {
                    return new RemoteText(path, cached.get(), true, "the file is not there (any more)", Instant.now());
                }
                throw new java.io.FileNotFoundException(path + " does not exist (yet)");
            }
            byte[] b = s.files().read(path, monitor);
            docs.store(j, path, b);
            return new RemoteText(path, new String(b, StandardCharsets.UTF_8), false, null, Instant.now());
        } catch (ClusterException e) {
            if (cached.isPresent()) {
                return new RemoteText(path, cached.get(), true, e.getMessage(), Files.getLastModifiedTime(docs.cacheFile(j, path)).toInstant());
            }
            throw e;
        }
    }
}
