package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.namdrunner.template.validation.NamdRules.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.NamdLanguage.Finding;
import org.namdrunner.template.catalog.KeywordCatalog;
import org.namdrunner.template.catalog.KeywordInfo;
import org.namdrunner.template.catalog.NamdVersion;
import org.namdrunner.template.validation.ValidationOptions;

/** Tcl control flow, fragments, sourced files and NAMD versions (issue 16, items 2-4). */
class TclFlowTest {

    static final String BASE = SeededMistakesTest.BASE;

    private static List<String> errors(List<Finding> f) {
        return f.stream().filter(Finding::error).map(x -> x.code() + " " + x.format("t")).toList();
    }

    private static boolean has(List<Finding> f, String code, String severity) {
        return f.stream().anyMatch(x -> code.equals(x.code()) && severity.equals(x.severity()));
    }

    /** Keywords NAMD's scriptSet accepts between runs, set again after a run in if/else, loops or a called proc. */
    @Test
    void changeableKeywordsAfterRunsInBlocksAreNoDuplicates() {
        String text = BASE + """
                set temps {300 310 320}
                if {[llength $temps] > 2} {
                    minimize 100
                } else {
                    run 100
                }
                langevinTemp 310
                foreach t $temps {
                    langevinTemp $t
                    run 1000
                }
                langevinTemp 330
                proc stage {n} {
                    run $n
                }
                stage 1000
                outputName out2
                langevinTemp 340
                run 1000
                """;
        List<Finding> f = NamdLanguage.validate(text, "t.namd");
        assertEquals(List.of(), errors(f));
        // the same keywords set twice before any run are duplicates
        List<Finding> g = NamdLanguage.validate(BASE + "langevinTemp 310\nrun 100\n", "t.namd");
        assertTrue(has(g, DUPLICATE, "error"), g.toString());
    }

    @Test
    void keywordsNamdCannotChangeAreErrorsAfterARunInABranch() {
        String text = BASE + "set x 1\nif {$x} {\n  run 100\n} else {\n  minimize 100\n}\nexclude none\nrun 100\n";
        List<Finding> f = NamdLanguage.validate(text, "t.namd");
        assertTrue(f.stream().anyMatch(x -> NOT_SETTABLE_AFTER_RUN.equals(x.code()) && x.error() && x.line() == 23), f.toString());
    }

    @Test
    void variablesAreTrackedThroughBlocksAndProcs() {
        String text = BASE + """
                if {1} { set base eq1 } else { set base eq2 }
                foreach {a b} {1 2} { set last $b }
                for {set i 0} {$i < 2} {incr i} { set k$i x }
                proc f {n {m 2}} { return [expr {$n * $m}] }
                set r [f 3]
                catch {expr 1/0} msg
                if {[info exists maybe]} { puts $maybe }
                outputName ${base}_${last}_${a}_${i}_${r}_$msg
                puts "$env(HOME) $argv"
                run 1000
                """;
        List<Finding> f = NamdLanguage.validate(text, "t.namd");
        assertEquals(List.of(), f.stream().filter(x -> UNSET_VARIABLE.equals(x.code())).map(x -> x.format("t")).toList());
    }

    @Test
    void aVariableNeverSetIsAnErrorAndAWarningWhereASourcedFileMaySetIt() {
        List<Finding> f = NamdLanguage.validate(BASE + "dcdfreq $temperature\nrun 1000\n", "t.namd");
        assertTrue(f.stream().anyMatch(x -> UNSET_VARIABLE.equals(x.code()) && x.error() && x.message().contains("'temperature'")), f.toString());
        List<Finding> g = NamdLanguage.validate("source params.tcl\n" + BASE + "dcdfreq $temperature\nrun 1000\n", "t.namd");
        assertTrue(has(g, UNSET_VARIABLE, "warning"), g.toString());
        assertEquals(List.of(), errors(g));
        // inside a proc body: a warning (the proc may never be called, or be called where it is set)
        List<Finding> h = NamdLanguage.validate(BASE + "proc p {} { puts $nothing }\nrun 1000\n", "t.namd");
        assertTrue(has(h, UNSET_VARIABLE, "warning"), h.toString());
        // an escaped dollar and braced data are not reads
        List<Finding> i = NamdLanguage.validate(BASE + "puts \"cost \\$5\"\nset l {$x $y}\nrun 1000\n", "t.namd");
        assertTrue(i.stream().noneMatch(x -> UNSET_VARIABLE.equals(x.code())), i.toString());
        // a replica-exchange driver (sunhwan/NAMD-replica lambda/FEP_remd.namd in the corpus) reads num_replicas on its
        // first lines, before it sources anything: the config started before it (namd2 +replicas N conf --source driver)
        // sets it, so the warning names that config too, not only files the driver sources later
        List<Finding> d = NamdLanguage.validate("replicaBarrier\nif { $num_replicas != [numReplicas] } { error \"wrong\" }\n"
                + "source $namd_config_file\nrun 1000\n", "driver.namd");
        assertTrue(d.stream().anyMatch(x -> UNSET_VARIABLE.equals(x.code()) && x.warning()
                && x.message().contains("'num_replicas'") && x.message().contains("the config that sources this one")), d.toString());
        assertEquals(List.of(), errors(d));
        // read first in code that never runs (or a proc), then where Tcl stops: the finding is the error at the second read
        List<Finding> e = NamdLanguage.validate("set restart 0\n" + BASE + "if {$restart == 1} {\n  langevinTemp $temp\n}\n"
                + "proc p {} { puts $temp }\ndcdfreq $temp\nrun 1000\n", "t.namd");
        assertEquals(1, e.stream().filter(x -> UNSET_VARIABLE.equals(x.code())).count(), e.toString());
        assertTrue(e.stream().anyMatch(x -> UNSET_VARIABLE.equals(x.code()) && x.error() && x.line() == BASE.split("\n").length + 6),
                e.toString());
    }

    @Test
    void procsOfTheFileAreKnownAndProcsOfSourcedFilesNeverErrors() {
        List<Finding> f = NamdLanguage.validate(BASE + "run 100\nmyStage 100\nproc myStage {n} { run $n }\n", "t.namd");
        // defined after the call: Tcl would fail, but the name is the file's proc: not an unknown keyword
        assertTrue(f.stream().noneMatch(x -> UNKNOWN_KEYWORD.equals(x.code())), f.toString());
        List<Finding> g = NamdLanguage.validate("source ../common/procs.tcl\n" + BASE + "langevinTemperature 300\nsetupRestraints 5\nrun 100\n", "t.namd");
        assertEquals(List.of(), errors(g));
        assertTrue(g.stream().anyMatch(x -> UNKNOWN_KEYWORD.equals(x.code()) && x.warning() && x.message().contains("'langevinTemp'")), g.toString());
        assertTrue(g.stream().anyMatch(x -> UNKNOWN_KEYWORD.equals(x.code()) && x.warning() && x.message().contains("setupRestraints")), g.toString());
        // one slip (a letter dropped, added, changed, two swapped) from exactly one keyword, with a value: a typo, not a proc
        List<Finding> h = NamdLanguage.validate("source ../common/procs.tcl\n" + BASE + "langevinTempe 300\nrun 100\n", "t.namd");
        assertTrue(h.stream().anyMatch(x -> UNKNOWN_KEYWORD.equals(x.code()) && x.error() && x.message().contains("one letter off 'langevinTemp'")),
                h.toString());
    }

    @Test
    void aFileWithoutRunIsValidatedAsAFragment() {
        List<Finding> f = NamdLanguage.validate("langevin on\nPME on\nbinCoordinates a.coor\ncutoff 12\n", "common.namd");
        assertEquals(List.of(), errors(f));
        assertTrue(f.stream().anyMatch(x -> NO_RUN.equals(x.code()) && x.note() && x.message().contains("fragment")), f.toString());
        // the same settings with a run are a whole config: what NAMD requires is checked
        List<Finding> g = NamdLanguage.validate("langevin on\nPME on\nbinCoordinates a.coor\ncutoff 12\nrun 100\n", "c.namd");
        assertTrue(has(g, REQUIRED_MISSING, "error") && has(g, PME_NEEDS_CELL, "error"), g.toString());
        assertTrue(g.stream().noneMatch(Finding::note), g.toString());
    }

    @Test
    void aFragmentMayReadVariablesTheConfigThatSourcesItSets() {
        // the MDFF plugin's remdff_template.namd (ryanmcgreevy/mdff in the corpus): its step file sets GBISON, DIEL, ...
        // and then sources the template, which has no run of its own
        String fragment = "dielectric $DIEL\nif {$GBISON} {\n  gbis on\n  alphaCutoff 14.\n}\n";
        List<Finding> f = NamdLanguage.validate(fragment, "remdff_template.namd");
        assertEquals(List.of(), errors(f));
        assertTrue(f.stream().anyMatch(x -> UNSET_VARIABLE.equals(x.code()) && x.warning() && x.message().contains("'GBISON'")
                && x.message().contains("the config that sources this fragment")), f.toString());
        // the same reads in a whole config (it runs) are NAMD's Tcl error: "can't read \"GBISON\": no such variable"
        List<Finding> g = NamdLanguage.validate(BASE + fragment + "run 1000\n", "c.namd");
        assertTrue(g.stream().anyMatch(x -> UNSET_VARIABLE.equals(x.code()) && x.error() && x.message().contains("'GBISON'")), g.toString());
    }

    @Test
    void sourcedFilesBesideTheDriverAreFollowed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("common.namd"), BASE.replace("outputName       out\n", "") + "source more.tcl\n");
        Files.writeString(dir.resolve("more.tcl"), "proc equilibrate {n} { minimize $n }\nset temp 310\n");
        String driver = "source common.namd\noutputName eq\nlangevinTemp $temp\nequilibrate 100\nrun 1000\n";
        ValidationOptions opts = ValidationOptions.DEFAULT.withSourcesFrom(dir);
        assertEquals(List.of(), errors(NamdLanguage.validate(driver, "eq.namd", opts)));
        // followed files are known entirely: a missing keyword, a typo and an unset variable are errors again
        String bad = "source common.namd\nlangevinTemp $tmp\nequilibrat 100\nrun 1000\n";
        List<Finding> f = NamdLanguage.validate(bad, "eq.namd", opts);
        assertTrue(f.stream().anyMatch(x -> x.error() && REQUIRED_MISSING.equals(x.code()) && x.message().contains("outputname")), f.toString());
        assertTrue(f.stream().anyMatch(x -> x.error() && UNSET_VARIABLE.equals(x.code())), f.toString());
        assertTrue(f.stream().anyMatch(x -> x.error() && UNKNOWN_KEYWORD.equals(x.code())), f.toString());
        // without the options (or when the file is missing) nothing of that is an error
        assertEquals(List.of(), errors(NamdLanguage.validate(bad, "eq.namd")));
        assertEquals(List.of(), errors(NamdLanguage.validate(bad.replace("common.namd", "absent.namd"), "eq.namd", opts)));
    }

    @Test
    void theCatalogKnowsTheReleasesOfEachKeyword() {
        KeywordCatalog c = KeywordCatalog.standard();
        KeywordInfo cutoff = c.keyword("cutoff").orElseThrow();
        assertEquals(List.of("2.14", "3.0"), cutoff.versions());
        assertEquals(List.of("3.0"), c.keyword("GPUresident").orElseThrow().versions());
        assertEquals(List.of("3.0"), c.keyword("MonteCarloPressure").orElseThrow().versions());
        assertEquals(List.of("2.14"), c.keyword("useCUDA2").orElseThrow().versions());
        // every core keyword names at least one release
        assertTrue(c.coreKeywords().stream().allMatch(k -> !k.versions().isEmpty()));
    }

    @Test
    void keywordsOfTheOtherReleaseSaySo() {
        String v3 = BASE + "GPUresident on\nrun 1000\n";
        String v2 = BASE + "useCUDA2 on\nrun 1000\n";
        ValidationOptions namd2 = ValidationOptions.DEFAULT.withNamdVersion(NamdVersion.V2_14);
        ValidationOptions namd3 = ValidationOptions.DEFAULT.withNamdVersion(NamdVersion.V3_0);
        List<Finding> f = NamdLanguage.validate(v3, "t.namd", namd2);
        assertTrue(f.stream().anyMatch(x -> x.error() && OTHER_VERSION.equals(x.code()) && x.message().contains("new in NAMD 3.0")), f.toString());
        List<Finding> g = NamdLanguage.validate(v2, "t.namd", namd3);
        assertTrue(g.stream().anyMatch(x -> x.error() && OTHER_VERSION.equals(x.code()) && x.message().contains("removed in NAMD 3.0")), g.toString());
        // with the matching release, or none given, both are accepted
        assertEquals(List.of(), errors(NamdLanguage.validate(v3, "t.namd", namd3)));
        assertEquals(List.of(), errors(NamdLanguage.validate(v2, "t.namd", namd2)));
        assertEquals(List.of(), errors(NamdLanguage.validate(v3, "t.namd")));
        assertEquals(List.of(), errors(NamdLanguage.validate(v2, "t.namd")));
    }

    @Test
    void versionStringsOfProfilesAreRecognized() {
        assertEquals(NamdVersion.V2_14, NamdVersion.parse("2.14").orElseThrow());
        assertEquals(NamdVersion.V2_14, NamdVersion.parse("2.14b2").orElseThrow());
        assertEquals(NamdVersion.V3_0, NamdVersion.parse("3.0.1").orElseThrow());
        assertEquals(NamdVersion.V3_0, NamdVersion.parse("namd3").orElseThrow());
        assertTrue(NamdVersion.parse("2.13").isEmpty());
        assertTrue(NamdVersion.parse("3.01").isEmpty());
        assertTrue(NamdVersion.parse("2.140").isEmpty());
    }
}
