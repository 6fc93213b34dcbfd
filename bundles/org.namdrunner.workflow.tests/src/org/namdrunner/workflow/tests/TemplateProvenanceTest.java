package org.namdrunner.workflow.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.local.LocalProfileType;
import org.namdrunner.core.model.Job;
import org.namdrunner.core.model.JobInfo;
import org.namdrunner.core.model.TemplateRecord;
import org.namdrunner.store.Store;
import org.namdrunner.workflow.JobSpec;
import org.namdrunner.workflow.RestartWiring;
import org.namdrunner.workflow.Workflows;

/**
 * Jobs name the user-template revision whose text rendered their config (issue 16 item 6). Created (not run) with the
 * Local profile in a temporary folder: no cluster needed.
 */
class TemplateProvenanceTest {
    static final IProgressMonitor M = new NullProgressMonitor();

    @Test
    void createdJobsRecordTheRevisionOfTheirTemplateText(@TempDir Path tmp) throws Exception {
        ProfileConfig preset = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository()).get(ClusterProfileRegistry.DEFAULT_PROFILE_ID);
        ProfileConfig profile = preset.toBuilder().id("local-provenance").projectRoot(tmp.resolve("jobs").toString())
                .scratchRoot(tmp.resolve("scratch").toString()).build();
        Files.writeString(tmp.resolve("mol.psf"), "PSF\n");
        try (Store store = Harness.newStore("wf-provenance"); ClusterSession s = new LocalProfileType().connect(profile, null, M)) {
            Workflows wf = Harness.workflows(store);
            String first = Harness.template("");
            String second = Harness.template("# second revision");
            TemplateRecord t = store.templates().save(TemplateRecord.create("prov-tmpl", "Stage", false, first));
            t = store.templates().save(t.withText(second), "second");

            Job a = wf.create(s, spec("prov-a", t.id(), second, tmp), M);
            assertEquals(2, a.templateRevision(), "made from the current text: revision 2");
            assertEquals("s1", a.templateValues().get("out"), "the values are recorded with it");
            Job b = wf.create(s, spec("prov-b", t.id(), first, tmp), M);
            assertEquals(1, b.templateRevision(), "a draft still holding the older text names revision 1");
            Job c = wf.create(s, JobSpec.named("prov-c").parent(a.id(), RestartWiring.Mode.CONTINUE), M);
            assertEquals(t.id(), c.templateId());
            assertEquals(2, c.templateRevision(), "a continuation of a's config keeps a's revision");
            Job d = wf.create(s, spec("prov-d", t.id(), "never saved <<out>>\n", tmp), M);
            assertNull(d.templateRevision(), "text no revision has");
            Job e = wf.create(s, spec("prov-e", null, second, tmp), M);
            assertNull(e.templateRevision(), "no template id");

            assertEquals(2, store.jobs().find(a.id()).orElseThrow().templateRevision(), "stored");
            String info = Files.readString(Path.of(a.remoteProjectDir(), JobInfo.FILE_NAME));
            assertTrue(info.contains("\"template_revision\": 2"), info);
        }
    }

    private static JobSpec spec(String name, String templateId, String text, Path tmp) {
        return JobSpec.named(name).template(templateId, text).value("sleep", "0").value("out", "s1").value("steps", "10")
                .inputs(List.of(tmp.resolve("mol.psf"))).resources(ResourceRequest.of(null, 1, null, null));
    }
}
