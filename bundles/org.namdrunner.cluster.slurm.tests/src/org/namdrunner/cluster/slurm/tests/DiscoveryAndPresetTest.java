package org.namdrunner.cluster.slurm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.DiscoveryResult;
import org.namdrunner.cluster.InMemoryProfileRepository;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.slurm.SlurmDiscovery;
import org.namdrunner.cluster.slurm.SlurmProfileType;
import org.namdrunner.testing.TestCluster;

class DiscoveryAndPresetTest {

    static final String OUTPUT = String.join("\n",
            "#sinfo",
            "compute|2|17345|1",
            "debug|2|17345|1",
            "#scontrol",
            "PartitionName=compute AllowGroups=ALL Default=YES QoS=N/A DefaultTime=NONE MaxNodes=UNLIMITED MaxTime=UNLIMITED "
                    + "MaxCPUsPerNode=UNLIMITED TotalCPUs=2 TotalNodes=1 DefMemPerCPU=512 MaxMemPerNode=UNLIMITED",
            "PartitionName=debug AllowGroups=ALL Default=NO QoS=N/A DefaultTime=00:01:00 MaxNodes=UNLIMITED MaxTime=00:02:00 "
                    + "MaxCPUsPerNode=UNLIMITED TotalCPUs=2 TotalNodes=1 DefMemPerCPU=512 MaxMemPerNode=UNLIMITED",
            "#qos", "normal",
            "#modules",
            "/var/tmp/namdrunner-test-cluster/modulefiles:",
            "namd/",
            "namd/2.14",
            "namd/3.0",
            "#namd",
            "namd/2.14|namd2|2.14",
            "namd/3.0|namd3|3.0",
            "#end", "");

    @Test
    void discoveryParsesPartitionsModulesAndNamdFlavours() {
        DiscoveryResult d = SlurmDiscovery.parse(OUTPUT);
        assertEquals(2, d.partitions().size());
        PartitionSpec compute = d.partitions().get(0);
        assertEquals("compute", compute.name());
        assertTrue(compute.isDefault());
        assertEquals(2, compute.maxCores());
        assertEquals(2, compute.coresPerNode());
        assertEquals(1, compute.maxNodes());
        assertEquals(17345L, compute.maxMemoryMb());
        assertNull(compute.maxWallMinutes());
        PartitionSpec debug = d.partitions().get(1);
        assertEquals(2, debug.maxWallMinutes());
        assertEquals(1, debug.defaultWallMinutes());
        assertEquals(List.of("namd/2.14", "namd/3.0"), d.modules(), "directory lines are not modules");
        assertEquals("namd2", d.namd().get(0).executable());
        assertEquals("3.0", d.namd().get(1).version());
        assertEquals(List.of("normal"), d.qos());
        ProfileConfig applied = d.applyTo(ProfileConfig.builder("x", SlurmProfileType.TYPE_ID).build());
        assertEquals("namd/3.0", applied.defaultModule());
        assertEquals(2, applied.partitions().size());
    }

    @Test
    void testClusterPresetIsContributedAsDataOnly() throws Exception {
        ClusterProfileRegistry r = ClusterProfileRegistry.fromExtensions(new InMemoryProfileRepository());
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertTrue(r.typeIds().contains(SlurmProfileType.TYPE_ID), r.typeIds().toString());
        assertTrue(r.type(SlurmProfileType.TYPE_ID) instanceof SlurmProfileType);
        // the shipped Slurm bundle contributes the type only: its users see no test-only presets
        assertEquals(List.of(), r.presets().stream().filter(x -> "org.namdrunner.cluster.slurm".equals(x.contributor()))
                .map(ProfileConfig::id).toList());
        ProfileConfig p = r.get(TestCluster.PRESET_ID);
        assertTrue(p.preset());
        assertEquals("org.namdrunner.testing", p.contributor());
        assertEquals("127.0.0.1", p.host());
        assertEquals(2222, p.port());
        assertEquals("nrtest", p.resolveUser("someone"));
        assertEquals("/projects/nrtest/namdrunner_jobs", ProfileConfig.resolveRoot(p.projectRoot(), "nrtest"));
        assertEquals(LauncherMode.PLUS_P, p.launcher());
        assertEquals(60, p.statusMinIntervalSeconds());
        assertEquals("compute", p.defaultPartition().orElseThrow().name());
        assertEquals(2, p.partition("debug").orElseThrow().maxWallMinutes());
        assertEquals("namd/3.0", p.module(null).orElseThrow().module());
        assertEquals("namd2", p.module("namd/2.14").orElseThrow().executable());
        assertEquals("/var/tmp/namdrunner-test-cluster/known_hosts", p.property("knownHosts"));
    }
}
