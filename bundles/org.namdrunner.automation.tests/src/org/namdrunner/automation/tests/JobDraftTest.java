package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.automation.JobRequest;
import org.namdrunner.automation.draft.InputFileType;
import org.namdrunner.automation.draft.JobDraft;
import org.namdrunner.automation.draft.TemplateChoice;
import org.namdrunner.cluster.PartitionSpec;
import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.cluster.ResourceRequest;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.template.model.VariableType;
import org.namdrunner.template.render.BuiltInTemplates;

/** The create-job form's model: resource limits, template form, files, request, core-hours. */
class JobDraftTest {

    static ProfileConfig profile() {
        return ProfileConfig.builder("hpc", "org.namdrunner.cluster.slurm").name("HPC").host("login").projectRoot("/p/$USER")
                .partition(new PartitionSpec("debug", true, 1, 16, 8, 2, null, 8192L, 30, 60, List.of("normal")))
                .partition(new PartitionSpec("long", false, 4, 256, 64, 4, null, null, 600, 7 * 24 * 60, List.of()))
                .qos(List.of("normal", "high")).build();
    }

    /** The repository's testdata/inputs (real-format PSF, PDB, CHARMM parameters; system property namdrunner.testdata). */
    static Path inputs() {
        Path p = Path.of(System.getProperty("namdrunner.testdata", "../../testdata"), "inputs");
        assertTrue(Files.isDirectory(p), p.toString());
        return p;
    }

    static TemplateChoice vacuum() {
        return TemplateChoice.builtIns().stream().filter(t -> t.id().equals(BuiltInTemplates.VACUUM_OPTIMIZATION_V1)).findFirst().orElseThrow();
    }

    @Test
    void detectsInputFileTypesByEnding() {
        assertEquals(InputFileType.STRUCTURE, InputFileType.of("ubq_ws.PSF"));
        assertEquals(InputFileType.COORDINATES, InputFileType.of("ubq.pdb"));
        for (String f : List.of("par_all36.prm", "par_water.par", "toppar_water_ions.str")) {
            assertEquals(InputFileType.PARAMETERS, InputFileType.of(f), f);
        }
        assertEquals(InputFileType.EXTRA_BONDS, InputFileType.of("restraints.exb"));
        assertEquals(InputFileType.EXTRA_BONDS, InputFileType.of("protein.enm.extra"));
        assertEquals(InputFileType.RESTART_COORDINATES, InputFileType.of("eq.restart.coor"));
        assertEquals(InputFileType.RESTART_VELOCITIES, InputFileType.of("eq.restart.vel"));
        assertEquals(InputFileType.EXTENDED_SYSTEM, InputFileType.of("eq.restart.xsc"));
        assertEquals(InputFileType.OTHER, InputFileType.of("notes.txt"));
        assertEquals(InputFileType.OTHER, InputFileType.of(".psf"), "a bare ending is not a file of that type");
        assertEquals(InputFileType.OTHER, InputFileType.of("extra"));
        assertTrue(InputFileType.hasExtension("a.ENM.EXTRA", List.of(".exb", ".enm.extra")));
        assertTrue(!InputFileType.hasExtension("a.pdb", List.of(".psf")));
    }

    @Test
    void resourcesAreCheckedAgainstThePartitionWithMessagesNamingTheLimit() {
        JobDraft d = new JobDraft().name("ubq eq").profile(profile());
        assertEquals(List.of(), d.resourceProblems());
        assertEquals(1, d.resolvedResources().cores(), "partition default");
        d.resources(new ResourceRequest("debug", null, 64, null, 16384L, 120, null));
        List<String> p = d.resourceProblems();
        assertTrue(p.stream().anyMatch(m -> m.contains("64 cores requested") && m.contains("at most 16 cores") && m.contains("(max cores)")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.contains("(max wall time)") && m.contains("1 h")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.contains("(max memory)") && m.contains("8 GB")), p.toString());
        assertNull(d.resolvedResources());
        assertNull(d.coreHours());
        d.resources(new ResourceRequest("debug", "high", 8, null, null, 30, null));
        assertTrue(d.resourceProblems().stream().anyMatch(m -> m.contains("QoS 'high' is not allowed on partition 'debug'")), d.resourceProblems().toString());
        d.resources(new ResourceRequest("long", "high", 128, null, null, 24 * 60, null));
        assertEquals(List.of(), d.resourceProblems());
        assertEquals(2, d.resolvedResources().nodes(), "128 cores at 64 per node");
        assertEquals(128 * 24.0, d.coreHours(), 1e-9);
        d.name(" ");
        assertEquals(List.of("A job needs a name"), d.resourceProblems());
        d.name("x").profile(null);
        assertEquals(List.of("Choose a cluster profile"), d.resourceProblems());
    }

    @Test
    void coreHoursAreCoresTimesWallHours() {
        assertEquals(12.0, JobDraft.coreHours(24, 30), 1e-9);
        assertEquals(0.0, JobDraft.coreHours(8, 0), 1e-9);
        assertEquals("12.0 core-hours", JobDraft.formatCoreHours(12));
        assertEquals("1,536 core-hours", JobDraft.formatCoreHours(1536));
        assertThrows(IllegalArgumentException.class, () -> JobDraft.coreHours(-1, 10));
    }

    @Test
    void templateDeclarationsDriveTheFormAndRendering(@TempDir Path tmp) throws Exception {
        JobDraft d = new JobDraft().name("vac").profile(profile()).template(vacuum());
        assertEquals("structure_file", d.declarations().get(0).name());
        assertEquals(VariableType.FILE, d.declaration("structure_file").type());
        assertEquals(List.of(".psf"), d.declaration("structure_file").extensions());
        assertEquals("310", d.value("temperature"), "declared default");
        assertTrue(d.render().ok(), d.render().errors().toString());
        // the extra-bonds file is only named inside "if {off}" while extra bonds are off: no note for it
        assertEquals(List.of("structure_file", "coordinates_file", "parameter_file"), d.fileWarnings().stream()
                .map(w -> w.substring(0, w.indexOf(':'))).map(l -> d.declarations().stream()
                        .filter(x -> x.label().equals(l)).findFirst().orElseThrow().name()).toList(), d.fileWarnings().toString());
        d.value("use_extrabonds", "on");
        assertTrue(d.fileWarnings().stream().anyMatch(w -> w.startsWith("Extra bonds file: no local file chosen; the config names 'restraints.exb'")),
                d.fileWarnings().toString());
        d.value("use_extrabonds", null);
        // a file the config reads but nobody uploads stops NAMD: an error, unless the user says it is on the cluster
        assertTrue(d.configurationProblems().stream().anyMatch(m -> m.startsWith("Structure (PSF): no local file chosen")
                && m.contains(JobDraft.FILES_ON_CLUSTER_LABEL)), d.configurationProblems().toString());
        d.filesOnCluster(true);
        assertTrue(d.configurationProblems().stream().noneMatch(m -> m.contains("no local file chosen")), d.configurationProblems().toString());
        assertEquals(3, d.fileWarnings().size(), "still noted");
        d.filesOnCluster(false);

        d.value("temperature", "-5");
        assertTrue(d.configurationProblems().stream().anyMatch(m -> m.contains("'temperature' must be at least 0, not -5")),
                d.configurationProblems().toString());
        d.value("temperature", null);
        assertEquals("310", d.value("temperature"));

        // real-format inputs (testdata/inputs: 8 waters, 24 atoms): the draft reads them against each other
        Path psf = Files.copy(inputs().resolve("demo_water.psf"), tmp.resolve("ubq.psf"));
        Path pdb = Files.copy(inputs().resolve("demo_water.pdb"), tmp.resolve("ubq.pdb"));
        d.file("structure_file", psf);
        assertEquals("ubq.psf", d.value("structure_file"));
        d.file("coordinates_file", psf);
        assertTrue(d.fileProblems().stream().anyMatch(m -> m.startsWith("Coordinates (PDB): ubq.psf is a structure (psf) file")
                && m.contains("ending in .pdb")), d.fileProblems().toString());
        d.file("coordinates_file", pdb);
        d.file("parameter_file", tmp.resolve("missing.prm"));
        assertTrue(d.fileProblems().stream().anyMatch(m -> m.contains("missing.prm is not a file")), d.fileProblems().toString());
        Path prm = Files.copy(inputs().resolve("demo_water.prm"), tmp.resolve("par.prm"));
        d.file("parameter_file", prm);
        assertEquals(List.of(), d.problems());
        // a coordinate file with an atom less than the structure is an error naming both files and counts
        Path shortPdb = Files.write(tmp.resolve("short.pdb"), Files.readAllLines(pdb).stream().filter(l -> !l.startsWith("ATOM     24 ")).toList());
        d.file("coordinates_file", shortPdb);
        assertTrue(d.configurationProblems().contains("coordinates short.pdb has 23 atoms, but structure ubq.psf has 24 "
                + "(NAMD: Number of pdb and psf atoms are not the same!)"), d.configurationProblems().toString());
        // a parameter file NAMD cannot read: file and line
        Path badPrm = Files.writeString(tmp.resolve("bad.prm"), Files.readString(prm).replace("OT   HT    450.0   0.9572", "OT   HT    450.0"));
        d.file("coordinates_file", pdb);
        d.file("parameter_file", badPrm);
        assertTrue(d.configurationProblems().stream().anyMatch(m -> m.startsWith("parameters bad.prm:6: bad bond line 'OT   HT    450.0'")),
                d.configurationProblems().toString());
        d.file("parameter_file", prm);
        assertEquals(List.of(), d.problems());
        String config = d.render().text();
        assertTrue(config.contains("structure           ubq.psf") && config.contains("coordinates         ubq.pdb"), config);

        List<JobDraft.InputFile> inputs = d.inputs();
        assertEquals(List.of("ubq.psf", "ubq.pdb", "par.prm"), inputs.stream().map(JobDraft.InputFile::fileName).toList());
        assertEquals(Files.size(psf), inputs.get(0).size());
        assertEquals(InputFileType.PARAMETERS, inputs.get(2).type());

        d.localResultsDir(tmp.resolve("results"));
        JobRequest r = d.toRequest();
        assertEquals("vac", r.name());
        assertEquals(BuiltInTemplates.VACUUM_OPTIMIZATION_V1, r.templateId());
        assertEquals("vac.namd", r.configFileName());
        assertEquals(List.of(psf, pdb, prm), r.inputs());
        assertEquals("ubq.pdb", r.templateValues().get("coordinates_file"));
        assertEquals(tmp.resolve("results"), r.localResultsDir());

        // two different files with one name cannot both go into input/
        Path other = Files.createDirectories(tmp.resolve("other"));
        d.file("parameter_file", Files.writeString(other.resolve("ubq.psf"), "x"));
        assertTrue(d.fileProblems().stream().anyMatch(m -> m.contains("two different files named ubq.psf")), d.fileProblems().toString());
        assertThrows(IllegalStateException.class, d::toRequest);
    }

    @Test
    void switchingTemplatesDropsValuesOfUndeclaredVariables() {
        JobDraft d = new JobDraft().name("x").profile(profile()).template(vacuum());
        d.value("temperature", "300").value("min_steps", "10");
        TemplateChoice custom = new TemplateChoice("mine", "Mine", false,
                "#@var temperature type=Number default=310 min=0 max=1000\n#@var steps type=Integer default=100 min=1\n"
                        + "structure s.psf\ncoordinates s.pdb\nparameters p.prm\nparaTypeCharmm on\ntemperature <<temperature>>\n"
                        + "outputName out\nexclude scaled1-4\ncutoff 12\nswitching off\ntimestep 1\nminimize <<steps>>\n");
        d.template(custom);
        assertEquals(List.of("temperature", "steps"), d.declarations().stream().map(x -> x.name()).toList());
        assertEquals("300", d.value("temperature"));
        assertEquals(java.util.Map.of("temperature", "300"), d.templateValues());
        assertTrue(d.render().ok(), d.render().errors().toString());
        assertTrue(d.render().text().contains("temperature 300"));
        d.template(null);
        assertEquals(List.of("Choose a template"), d.configurationProblems());
    }

    @Test
    void previewSpecUsesTheJobDirectoryUnderTheProjectRoot() {
        JobDraft d = new JobDraft().name("ubq eq/1").profile(profile()).resources(new ResourceRequest("long", null, 128, null, null, 60, null));
        JobScriptSpec s = d.previewSpec("/p/alice");
        assertNotNull(s);
        assertEquals("/p/alice/ubq_eq_1-xxxxxxxx", s.projectDir());
        assertEquals("ubq_eq_1.namd", s.configFile());
        assertEquals(2, s.resources().nodes());
        d.resources(new ResourceRequest("long", null, 100000, null, null, 60, null));
        assertNull(d.previewSpec("/p/alice"), "no preview while the resources do not fit");
    }

    @Test
    void theModulesNamdVersionDecidesWhichKeywordsExist() {
        String config = String.join("\n", "structure a.psf", "coordinates a.pdb", "paraTypeCharmm on", "parameters p.prm",
                "exclude scaled1-4", "1-4scaling 1.0", "cutoff 12", "switching off", "temperature 300", "timestep 1",
                "outputName out", "CUDASOAintegrate off", "run 100", "");
        ProfileConfig p = profile().toBuilder().module(new org.namdrunner.cluster.NamdModule("namd/2.14", "2.14", null))
                .module(new org.namdrunner.cluster.NamdModule("namd/3.0", "3.0", null)).build();
        JobDraft d = new JobDraft().name("v").profile(p).template(new TemplateChoice("plain", "plain", false, config));
        d.module("namd/2.14");
        assertEquals(org.namdrunner.template.catalog.NamdVersion.V2_14, d.namdVersion());
        assertTrue(d.render().errors().stream().anyMatch(e -> e.contains("CUDASOAintegrate") && e.contains("NAMD 3.0")),
                "a NAMD 3.0 keyword with a NAMD 2.14 module: " + d.render().errors());
        d.module("namd/3.0");
        assertEquals(org.namdrunner.template.catalog.NamdVersion.V3_0, d.namdVersion());
        assertTrue(d.render().errors().stream().noneMatch(e -> e.contains("CUDASOAintegrate")), d.render().errors().toString());
    }
}
