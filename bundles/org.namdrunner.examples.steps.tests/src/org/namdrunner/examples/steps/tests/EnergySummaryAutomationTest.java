package org.namdrunner.examples.steps.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.emf.ecore.EObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.automation.AutomationStepRegistry;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.demo.DemoJob;
import org.namdrunner.examples.steps.EnergySummaryStep;
import org.namdrunner.store.Store;
import org.namdrunner.template.render.BuiltInTemplates;
import org.namdrunner.workflow.AutomationRunner;
import org.namdrunner.workflow.StageStep;
import org.namdrunner.workflow.WorkflowStore;
import org.namdrunner.workflow.Workflows;
import org.namdrunner.workflow.model.AutomationModel;
import org.osgi.framework.FrameworkUtil;

/**
 * The shipped example automation runs the contributed Energy summary step after its stage, on the Demo profile (a
 * Local profile with the NAMD simulator): the summary is in the job directory and the local results.
 */
class EnergySummaryAutomationTest {

    @Test
    void theContributedStepRunsAfterItsStage(@TempDir Path tmp) throws Exception {
        EObject automation;
        try (InputStream in = FrameworkUtil.getBundle(EnergySummaryStep.class).getEntry("automations/energy-summary-demo.xmi").openStream()) {
            automation = AutomationModel.load(in, "energy-summary-demo.xmi");
        }
        Path inputs = tmp.resolve("inputs");
        DemoJob.extractInputs(inputs);
        Files.deleteIfExists(inputs.resolve("README.txt"));
        ClusterProfileRegistry registry = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository());
        ProfileConfig demo = DemoJob.profile(registry).toBuilder().id("energy-summary-demo-test").preset(false)
                .projectRoot(tmp.resolve("jobs").toString()).build();
        AutomationStepRegistry steps = StageStep.register(AutomationStepRegistry.fromExtensions());
        NullProgressMonitor m = new NullProgressMonitor();
        try (Store store = Store.open(tmp.resolve("db"));
                ClusterSession s = registry.type(demo.typeId()).connect(demo, null, m)) {
            Workflows wf = new Workflows(store, steps, null);
            AutomationRunner runner = new AutomationRunner(wf, steps, ref -> BuiltInTemplates.text(ref));
            WorkflowStore.RunRecord run = runner.start(s, automation, null, "es", inputs, Map.of(), m);
            AutomationRunner.Outcome o = runner.await(s, run.runId, 500, 300_000, m);
            assertTrue(o.allCompleted(), o.problems() + " " + o.finalJobs());
            Job job = o.finalJobs().get("run");
            assertEquals(JobState.COMPLETED, job.state());
            assertEquals("done", wf.state().run(run.runId).orElseThrow().contributedSteps.get("summary").outcome);
            String onCluster = new String(s.files().read(job.remoteProjectDir() + "/" + EnergySummaryStep.FILE_NAME, m),
                    StandardCharsets.UTF_8);
            assertTrue(onCluster.startsWith("# NAMD energy summary: "), onCluster);
            assertTrue(onCluster.contains("TOTAL") && onCluster.contains("TEMP") && !onCluster.contains("PRESSURE"),
                    "the automation's columns parameter reached the step: " + onCluster);
            Path local = store.directory().resolve("cache").resolve("runs").resolve(job.id()).resolve(EnergySummaryStep.FILE_NAME);
            assertEquals(onCluster, Files.readString(local));
        }
    }
}
