package org.namdrunner.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.local.LocalProfileType;
import org.namdrunner.cluster.local.LocalSession;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.ui.editors.JobFileBrowser;

/** The Files tab's browser on the Local profile (no SFTP): listing with sizes, download, confined delete. */
@Tag("ui")
class JobFileBrowserLocalTest {

    static List<JobFileBrowser.Entry> flat(List<JobFileBrowser.Entry> entries, List<JobFileBrowser.Entry> out) {
        for (JobFileBrowser.Entry e : entries) {
            out.add(e);
            flat(e.children(), out);
        }
        return out;
    }

    static JobFileBrowser.Entry find(List<JobFileBrowser.Entry> entries, String path) {
        return flat(entries, new ArrayList<>()).stream().filter(e -> e.path().equals(path)).findFirst().orElse(null);
    }

    @Test
    void listsDownloadsAndDeletesOnlyInsideTheJob() throws Exception {
        var m = new NullProgressMonitor();
        Path root = Files.createTempDirectory("ui-local-jobs").toRealPath();
        Path outside = Files.createTempDirectory("ui-local-outside").toRealPath();
        Files.writeString(outside.resolve("secret.txt"), "keep me");
        Path jobDir = root.resolve("eq-12345678");
        Files.createDirectories(jobDir.resolve("input"));
        Files.createDirectories(jobDir.resolve("logs"));
        Files.writeString(jobDir.resolve("input/run.namd"), "run 20\n");
        Files.writeString(jobDir.resolve("logs/namd.log"), "ENERGY: 0\n");
        Files.writeString(root.resolve("other-job.txt"), "not this job's");
        Files.createSymbolicLink(jobDir.resolve("escape"), outside);

        ProfileConfig p = ProfileConfig.builder("local-test", LocalProfileType.TYPE_ID).name("Local test").projectRoot(root.toString())
                .build();
        try (LocalSession s = new LocalSession(p)) {
            Job job = Job.builder().id("12345678-0000-4000-8000-000000000000").name("eq").profileId(p.id()).state(JobState.COMPLETED)
                    .remoteProjectDir(jobDir.toString()).build();
            JobFileBrowser b = new JobFileBrowser(s, job);
            List<JobFileBrowser.Entry> entries = b.list(m);
            assertEquals(1, entries.size(), "the project directory (no scratch)");
            JobFileBrowser.Entry run = find(entries, jobDir + "/input/run.namd");
            assertNotNull(run);
            assertEquals(7, run.size());
            assertFalse(run.directory());
            assertTrue(find(entries, jobDir + "/input").directory());
            assertEquals(7 + 10, find(entries, jobDir.toString()).totalSize() - find(entries, jobDir + "/escape").totalSize());
            assertTrue(find(entries, jobDir + "/escape").children().isEmpty(), "a symbolic link is listed, not followed");

            Path dl = Files.createTempDirectory("ui-local-dl");
            Path got = b.download(find(entries, jobDir + "/input"), dl, m);
            assertEquals("run 20\n", Files.readString(got.resolve("run.namd")));

            assertEquals(ClusterException.Kind.PATH_NOT_ALLOWED, assertThrows(ClusterException.class,
                    () -> b.delete(jobDir.toString(), m)).getKind(), "the job directory itself");
            assertThrows(ClusterException.class, () -> b.delete(root.resolve("other-job.txt").toString(), m));
            assertThrows(ClusterException.class, () -> b.delete(jobDir + "/../other-job.txt", m));
            assertThrows(ClusterException.class, () -> b.delete(jobDir + "/escape/secret.txt", m), "through a link outside");
            assertTrue(Files.exists(outside.resolve("secret.txt")));
            assertTrue(Files.exists(root.resolve("other-job.txt")));

            b.delete(jobDir + "/logs", m);
            assertFalse(Files.exists(jobDir.resolve("logs")));
            b.delete(jobDir + "/escape", m);
            assertFalse(Files.exists(jobDir.resolve("escape"), java.nio.file.LinkOption.NOFOLLOW_LINKS), "the link is gone");
            assertTrue(Files.exists(outside.resolve("secret.txt")), "its target is kept");
            assertTrue(Files.exists(jobDir.resolve("input/run.namd")));
        }
    }
}
