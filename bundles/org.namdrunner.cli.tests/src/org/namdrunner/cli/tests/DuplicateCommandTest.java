package org.namdrunner.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.cli.NamdCli;
import org.namdrunner.core.JobState;
import org.namdrunner.core.model.Job;
import org.namdrunner.store.Store;

/**
 * {@code namdrunner duplicate}: a job submitted from the command line is copied by its id prefix with one value
 * changed and held (created, not queued); an unknown job is a clear error.
 */
@Tag("cluster")
class DuplicateCommandTest {

    @Test
    void aSubmittedJobIsDuplicatedByItsIdPrefixWithAChangedValue(@TempDir Path tmp) throws Exception {
        Path config = Files.writeString(tmp.resolve("dup-cli.namd"), String.join("\n", "structure mol.psf", "coordinates mol.pdb",
                "paraTypeCharmm on", "parameters par.prm", "exclude scaled1-4", "1-4scaling 1.0", "cutoff 12", "switching off",
                "timestep 1", "outputName <<outputName>>", "temperature 300", "outputEnergies 10", "minimize 20",
                "#@var outputName type=Text default=out", ""));
        // real-format inputs (submit reads them: atom counts, parameters)
        Path inputs = Path.of(System.getProperty("namdrunner.testdata"), "inputs");
        Path psf = Files.copy(inputs.resolve("demo_water.psf"), tmp.resolve("mol.psf"));
        Path pdb = Files.copy(inputs.resolve("demo_water.pdb"), tmp.resolve("mol.pdb"));
        Path prm = Files.copy(inputs.resolve("demo_water.prm"), tmp.resolve("par.prm"));
        CliRun cli = new CliRun();
        int rc = cli.run(List.of("submit", "--profile", "org.namdrunner.testing.testcluster", "--config", config.toString(),
                "--set", "outputName=first", "--name", "dup-cli", "--input", psf.toString(), "--input", pdb.toString(),
                "--input", prm.toString()));
        assertEquals(NamdCli.OK, rc, cli.out() + cli.err());
        String id = cli.out().lines().filter(l -> l.startsWith("submitted\t")).findFirst().orElseThrow().split("\t")[1];

        rc = cli.run(List.of("duplicate", id.substring(0, 8), "--set", "outputName=second", "--hold"));
        assertEquals(NamdCli.OK, rc, cli.out() + cli.err());
        String line = cli.out().lines().filter(l -> l.startsWith("created\t")).findFirst().orElseThrow();
        String copyId = line.split("\t")[1];
        assertEquals("dup-cli-copy", line.split("\t")[2]);
        try (Store store = Store.openDefault()) {
            Job copy = store.jobs().find(copyId).orElseThrow();
            assertEquals("second", copy.templateValues().get("outputName"));
            assertEquals(JobState.CREATED, copy.state(), "held: created, not queued");
        }

        rc = cli.run(List.of("duplicate", "no-such-job-anywhere"));
        assertEquals(NamdCli.ERRORS, rc);
        assertTrue(cli.err().contains("no job 'no-such-job-anywhere'"), cli.err());
    }
}
