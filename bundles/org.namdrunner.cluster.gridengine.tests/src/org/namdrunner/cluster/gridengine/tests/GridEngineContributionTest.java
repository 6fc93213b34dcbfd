package org.namdrunner.cluster.gridengine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.gridengine.GridEngineProfileType;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The plugin as installed: the type through the extension registry, only core and cluster needed, no presets. */
class GridEngineContributionTest {

    @Test
    void typeIsContributedThroughTheExtensionPointWithoutPresets() throws Exception {
        ClusterProfileRegistry r = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository());
        assertTrue(r.typeIds().contains(GridEngineProfileType.TYPE_ID), r.typeIds().toString());
        assertEquals("Grid Engine cluster (SSH)", r.typeName(GridEngineProfileType.TYPE_ID));
        assertTrue(r.type(GridEngineProfileType.TYPE_ID) instanceof GridEngineProfileType);
        assertEquals(List.of(), r.presets().stream().filter(p -> "org.namdrunner.cluster.gridengine".equals(p.contributor()))
                .map(ProfileConfig::id).toList(), "the plugin ships the type only");
        assertTrue(r.problems().stream().noneMatch(p -> p.contains("gridengine")), r.problems().toString());
    }

    @Test
    void bundleNeedsNeitherTheSlurmBundleNorTheRemoteLayer() {
        Bundle b = FrameworkUtil.getBundle(GridEngineProfileType.class);
        String required = b.getHeaders().get("Require-Bundle");
        String imports = String.valueOf(b.getHeaders().get("Import-Package"));
        assertFalse(required.contains("org.namdrunner.cluster.slurm") || imports.contains("org.namdrunner.cluster.slurm"), required);
        assertFalse(required.contains("org.namdrunner.remote"), "SSH comes through the ConnectionContext: " + required);
    }

    @Test
    void validationNamesWhatCannotWorkOnGridEngine() {
        ProfileConfig p = ProfileConfig.builder("x", GridEngineProfileType.TYPE_ID).name("x").launcher(LauncherMode.SRUN)
                .qos(List.of("normal")).property(GridEngineProfileType.PROP_PE, "smp; rm").build();
        List<String> problems = new GridEngineProfileType().validate(p);
        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.contains("a login host is needed"), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.contains("srun")) && problems.stream().anyMatch(s -> s.contains("QoS"))
                && problems.stream().anyMatch(s -> s.contains("parallel environment")), problems.toString());
    }
}
