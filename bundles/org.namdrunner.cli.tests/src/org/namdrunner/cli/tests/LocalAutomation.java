package org.namdrunner.cli.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterProfileRegistry;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.StoreProfileRepository;
import org.namdrunner.cluster.local.LocalProfileType;
import org.namdrunner.store.Store;
import org.namdrunner.testing.TestCluster;

/**
 * A 3-stage automation for the Local profile in a directory: a declared template ({@code stage.namd}) that the
 * test cluster's NAMD stand-in runs, an XMI chaining three stages (each continues from the previous one's restart
 * files), the run's input files, and a store holding a Local profile whose jobs live under the directory.
 */
final class LocalAutomation {
    static final String PROFILE_ID = "cli-local";
    static final String AUTOMATION_ID = "three-short-stages";
    static final List<String> STAGES = List.of("s1", "s2", "s3");

    final Path dir;
    final Path xmi;
    final Path inputs;
    final Path store;
    final Path jobs;

    private LocalAutomation(Path dir) {
        this.dir = dir;
        this.xmi = dir.resolve("chain.xmi");
        this.inputs = dir.resolve("inputs");
        this.store = dir.resolve("store");
        this.jobs = dir.resolve("jobs");
    }

    /** The NAMD stand-in installed by scripts/test-cluster (FAILS clearly when the test cluster is missing). */
    static Path standin() {
        return TestCluster.standinNamd3();
    }

    /** stage template: {@code steps} steps, {@code sleep} seconds per energy line (every 2 steps) */
    static String template() {
        return String.join("\n",
                "# one short stage run by the NAMD stand-in",
                "#standin: sleepPerStep <<sleep>>",
                "#@var sleep type=Number default=0.02 min=0 label=\"stand-in seconds per energy line\"",
                "#@var steps type=Integer default=20 min=1",
                "#@var out type=Text",
                "#@var temp type=Number default=300 min=0 max=1000",
                "structure mol.psf",
                "coordinates mol.pdb",
                "paraTypeCharmm on",
                "parameters par.prm",
                "exclude scaled1-4",
                "1-4scaling 1.0",
                "cutoff 12",
                "switching off",
                "timestep 1",
                "temperature <<temp>>",
                "outputName <<out>>",
                "restartfreq 10",
                "outputEnergies 2",
                "run <<steps>>",
                "");
    }

    static String xmi(String id) {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<automation:Automation xmi:version=\"2.0\" "
                + "xmlns:xmi=\"http://www.omg.org/XMI\" xmlns:automation=\"http://namdrunner.org/automation/1.0\" id=\"")
                .append(id).append("\" name=\"Three short stages\" description=\"test chain\">\n");
        String prev = null;
        for (String s : STAGES) {
            sb.append("  <steps id=\"").append(s).append("\" type=\"org.namdrunner.workflow.stage\" name=\"").append(s).append('"')
                    .append(prev == null ? "" : " dependsOn=\"" + prev + "\"").append(">\n")
                    .append("    <parameters name=\"template\" value=\"stage.namd\"/>\n")
                    .append("    <parameters name=\"configFile\" value=\"").append(s).append(".namd\"/>\n")
                    .append("    <parameters name=\"cores\" value=\"1\"/>\n")
                    .append("    <values name=\"out\" value=\"").append(s).append("\"/>\n")
                    .append("  </steps>\n");
            prev = s;
        }
        return sb.append("</automation:Automation>\n").toString();
    }

    static LocalAutomation create(Path dir) throws IOException, ClusterException {
        LocalAutomation a = new LocalAutomation(dir);
        Files.createDirectories(a.inputs);
        Files.writeString(dir.resolve("stage.namd"), template());
        Files.writeString(a.xmi, xmi(AUTOMATION_ID));
        for (String f : List.of("mol.psf", "mol.pdb", "par.prm")) {
            Files.writeString(a.inputs.resolve(f), f + "\n");
        }
        try (Store st = Store.open(a.store)) {
            ClusterProfileRegistry reg = registry(new StoreProfileRepository(st));
            reg.add(a.profile());
        }
        return a;
    }

    ProfileConfig profile() {
        return ProfileConfig.builder(PROFILE_ID, LocalProfileType.TYPE_ID).name("Local (test)").preset(false)
                .projectRoot(jobs.toString()).scratchRoot("").launcher(org.namdrunner.cluster.LauncherMode.PLUS_P)
                .statusMinIntervalSeconds(0).partition(new PartitionSpec("local", true, 1, 2, 2, 1, null, null, null, null, List.of()))
                .modules(List.of(new NamdModule("", "3.0", standin().toString()))).build();
    }

    /** The profile registry of a plain JVM: the Local type registered by hand (no extension registry). */
    static ClusterProfileRegistry registry(org.namdrunner.cluster.ProfileRepository repo) {
        ClusterProfileRegistry reg = new ClusterProfileRegistry(repo);
        reg.registerType(LocalProfileType.TYPE_ID, "This computer", new LocalProfileType());
        return reg;
    }

    /** Arguments of {@code namdrunner automation run} for this automation. */
    List<String> runArgs(String runId, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("automation", "run", xmi.toString(), "--profile", PROFILE_ID, "--inputs",
                inputs.toString(), "--name", "chain", "--run-id", runId, "--store", store.toString(), "--poll", "0.1"));
        a.addAll(List.of(extra));
        return a;
    }
}
