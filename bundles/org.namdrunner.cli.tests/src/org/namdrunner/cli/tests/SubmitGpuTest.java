package org.namdrunner.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cli.NamdCli;
import org.namdrunner.template.render.BuiltInTemplates;

/** {@code namdrunner submit --gpus}: GPUs on the test cluster's CPU-only partition are refused before anything is uploaded. */
@Tag("cluster")
class SubmitGpuTest {

    @Test
    void gpusOnAPartitionWithoutGpusAreRefusedNamingIt(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("prod.namd"), BuiltInTemplates.text(BuiltInTemplates.VACUUM_OPTIMIZATION_V1));
        CliRun cli = new CliRun();
        int rc = cli.run(java.util.List.of("submit", "--profile", "org.namdrunner.testing.testcluster", "--config", config.toString(),
                "--partition", "cpu", "--cores", "1", "--time", "5", "--gpus", "1"));
        assertEquals(NamdCli.ERRORS, rc, cli.out() + cli.err());
        assertTrue(cli.err().contains("1 GPU requested, but partition 'cpu' has no GPUs"), cli.err());
    }
}
