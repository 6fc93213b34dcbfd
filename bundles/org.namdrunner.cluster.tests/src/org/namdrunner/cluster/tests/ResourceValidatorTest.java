package org.namdrunner.cluster.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.ResourceValidator;
import org.namdrunner.cluster.Resources;

class ResourceValidatorTest {

    static ProfileConfig profile() {
        return ProfileConfig.builder("p", "org.namdrunner.cluster.slurm").host("h").projectRoot("/projects/$USER/jobs")
                .partition(new PartitionSpec("compute", true, 4, 512, 64, 8, 4096L, 256L * 1024, 60, 7 * 24 * 60, List.of()))
                .partition(new PartitionSpec("debug", false, 1, 64, 64, 1, null, 64L * 1024, 10, 60, List.of("debug")))
                .qos(List.of("normal", "debug", "long")).defaultQos("normal").account("chem").build();
    }

    @Test
    void defaultsAreAppliedAndNodesComputedFromCoresPerNode() throws ClusterException {
        Resources r = ResourceValidator.resolve(profile(), new ResourceRequest(null, null, 130, null, null, null, null));
        assertEquals("compute", r.partition());
        assertEquals(130, r.cores());
        assertEquals(3, r.nodes(), "130 cores at 64 per node need 3 nodes");
        assertEquals(4096L, r.memoryMb());
        assertEquals(60, r.wallTimeMinutes());
        assertEquals("normal", r.qos());
        assertEquals("chem", r.account());
        assertEquals("0-01:00:00", r.slurmTime());
        assertEquals("4GB", r.slurmMemory());
    }

    @Test
    void overLimitRequestsNameTheLimit() {
        ClusterException e = assertThrows(ClusterException.class, () -> ResourceValidator.resolve(profile(),
                new ResourceRequest("debug", "debug", 128, null, 128L * 1024, 120, null)));
        assertEquals(ClusterException.Kind.LIMIT_EXCEEDED, e.getKind());
        String m = e.getMessage();
        assertTrue(m.contains("128 cores requested, but partition 'debug' allows at most 64 cores per job (max cores)"), m);
        assertTrue(m.contains("2 nodes needed (128 cores at 64 cores per node), but partition 'debug' allows at most 1 node per job (max nodes)"), m);
        assertTrue(m.contains("128 GB memory requested, but partition 'debug' allows at most 64 GB per node (max memory)"), m);
        assertTrue(m.contains("Wall time of 2 h requested, but partition 'debug' allows at most 1 h (max wall time)"), m);
    }

    @Test
    void qosMustBeAllowedOnThePartition() {
        List<String> problems = ResourceValidator.check(profile(), new ResourceRequest("debug", "long", 1, null, null, null, null));
        assertEquals(List.of("QoS 'long' is not allowed on partition 'debug' (allowed QoS: debug)"), problems);
        problems = ResourceValidator.check(profile(), new ResourceRequest("compute", "gold", 1, null, null, null, null));
        assertEquals(List.of("QoS 'gold' is not one of this profile's QoS (normal, debug, long)"), problems);
    }

    @Test
    void unknownPartitionAndBadNamesAreInvalidRequests() {
        ClusterException e = assertThrows(ClusterException.class,
                () -> ResourceValidator.resolve(profile(), ResourceRequest.of("gpu", 1, null, null)));
        assertEquals(ClusterException.Kind.INVALID_REQUEST, e.getKind());
        assertTrue(e.getMessage().contains("Partition 'gpu' is not one of this profile's partitions (compute, debug)"), e.getMessage());
        e = assertThrows(ClusterException.class,
                () -> ResourceValidator.resolve(profile(), ResourceRequest.of("compute;rm -rf", 1, null, null)));
        assertTrue(e.getMessage().contains("Not a valid partition name"), e.getMessage());
    }

    @Test
    void explicitNodesMustHoldTheCores() {
        List<String> problems = ResourceValidator.check(profile(), new ResourceRequest("compute", null, 200, 2, null, null, null));
        assertEquals(List.of("200 cores requested on 2 nodes, but partition 'compute' has 64 cores per node (cores per node)"), problems);
        assertTrue(ResourceValidator.check(profile(), new ResourceRequest("compute", null, 128, 2, null, null, null)).isEmpty());
    }

    @Test
    void withinLimitsPasses() throws ClusterException {
        Resources r = ResourceValidator.resolve(profile(), new ResourceRequest("debug", "debug", 64, null, 1500L, 60, null));
        assertEquals(1, r.nodes());
        assertEquals("1500MB", r.slurmMemory());
        assertEquals("0-01:00:00", r.slurmTime());
    }

    @Test
    void profileWithoutPartitionsUsesPlainDefaults() throws ClusterException {
        ProfileConfig p = ProfileConfig.builder("l", "local").build();
        Resources r = ResourceValidator.resolve(p, new ResourceRequest(null, null, null, null, null, null, null));
        assertNull(r.partition());
        assertEquals(1, r.cores());
        assertEquals(1, r.nodes());
        assertNull(r.slurmTime());
    }

    @Test
    void slurmTimeAndMemoryParsing() {
        assertEquals(2, Resources.parseSlurmTime("00:02:00"));
        assertEquals(10, Resources.parseSlurmTime("10"));
        assertEquals(1, Resources.parseSlurmTime("00:30"));
        assertEquals(3 * 24 * 60 + 4 * 60, Resources.parseSlurmTime("3-04"));
        assertEquals(7 * 24 * 60, Resources.parseSlurmTime("7-00:00:00"));
        assertNull(Resources.parseSlurmTime("UNLIMITED"));
        assertNull(Resources.parseSlurmTime("INFINITE"));
        assertEquals(64L * 1024, Resources.parseMemoryMb("64GB"));
        assertEquals(500L, Resources.parseMemoryMb("500M"));
        assertEquals(2L * 1024 * 1024, Resources.parseMemoryMb("2T"));
        assertEquals(1000L, Resources.parseMemoryMb("1000"));
        assertEquals("2-03:04:00", Resources.formatMinutes(2 * 1440 + 3 * 60 + 4));
        assertEquals("3 days 4 h", Resources.humanMinutes(3 * 1440 + 240));
    }
}
