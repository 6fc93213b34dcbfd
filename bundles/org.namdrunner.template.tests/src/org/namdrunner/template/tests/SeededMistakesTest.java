package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.namdrunner.template.validation.NamdRules.*;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.namdrunner.template.NamdLanguage;

/**
 * One small config per rule with one seeded mistake. "@@" marks where the problem must be reported
 * (its line and column); the marker is removed before validation.
 */
class SeededMistakesTest {

    /** A complete, valid vacuum config (verified clean below), without its run command. */
    static final String BASE = """
            structure        sys.psf
            coordinates      sys.pdb
            paraTypeCharmm   on
            parameters       par.prm
            temperature      300
            exclude          scaled1-4
            1-4scaling       1.0
            cutoff           12
            switching        on
            switchdist       10
            pairlistdist     14
            timestep         2
            outputName       out
            langevin         on
            langevinDamping  1
            langevinTemp     300
            """;
    static final String RUN = "run 1000\n";
    static final String CELL = "cellBasisVector1 40 0 0\ncellBasisVector2 0 40 0\ncellBasisVector3 0 0 40\n";

    static Stream<Arguments> mistakes() {
        return Stream.of(
                m("typo keyword", UNKNOWN_KEYWORD, true, BASE + "@@langevinTemperature 300\n" + RUN),
                m("misspelled keyword", UNKNOWN_KEYWORD, true, BASE + "@@cutof 12\n" + RUN),
                m("unknown keyword in if body", UNKNOWN_KEYWORD, true, BASE + "if {1} {\n    @@langevinTmp 300\n}\n" + RUN),
                m("bad boolean", BAD_VALUE, true, BASE + "wrapAll @@maybe\n" + RUN),
                m("bad boolean after =", BAD_VALUE, true, BASE + "wrapAll = @@maybe\n" + RUN),
                m("bad glued keyword=value", BAD_VALUE, true, BASE + "@@margin=abc\n" + RUN),
                m("non-integer int", BAD_VALUE, true, BASE + "pairlistsPerCycle @@2.5\n" + RUN),
                m("bad float", BAD_VALUE, true, BASE + "margin @@abc\n" + RUN),
                m("vector with 2 numbers", BAD_VALUE, true, BASE + CELL.replace("cellBasisVector1 40 0 0", "cellBasisVector1 @@40 0") + RUN),
                m("vector mixed separators", BAD_VALUE, true, BASE + CELL.replace("cellBasisVector1 40 0 0", "cellBasisVector1 @@1 2,3") + RUN),
                m("bad enum", BAD_VALUE, true, BASE + "rigidBonds @@hydrogen\n" + RUN),
                m("two values for a boolean", BAD_VALUE, true, BASE + "wrapAll @@on off\n" + RUN),
                m("zero for positive int", BAD_RANGE, true, BASE + "pairlistsPerCycle @@0\n" + RUN),
                m("negative for not-negative float", BAD_RANGE, true, BASE + "margin @@-1\n" + RUN),
                m("zero cutoff", BAD_RANGE, true, BASE.replace("cutoff           12", "cutoff           @@0") + RUN),
                m("time unit on a length", BAD_UNIT, true, BASE + "margin @@2 fs\n" + RUN),
                m("unit on a unitless keyword", BAD_UNIT, true, BASE + "nonbondedScaling @@1 A\n" + RUN),
                m("unknown unit", BAD_UNIT, true, BASE + "margin @@2parsec\n" + RUN),
                m("unit on an integer", BAD_UNIT, true, BASE + "pairlistsPerCycle @@2 fs\n" + RUN),
                m("child while default-off parent", PARENT_OFF, false, BASE + "@@langevinPistonTarget 1.01325\n" + RUN),
                m("child while parent set off", PARENT_OFF, false, BASE.replace("switching        on", "switching        off")
                        .replace("switchdist       10", "@@switchdist       10") + RUN),
                m("PME child without PME", PARENT_OFF, false, BASE + "@@PMEGridSpacing 1.0\n" + RUN),
                m("langevin on without langevinTemp", REQUIRED_MISSING, true,
                        BASE.replace("langevin         on", "@@langevin         on").replace("langevinTemp     300\n", "") + RUN),
                m("piston on without its parameters", REQUIRED_MISSING, true, BASE + CELL + "@@langevinPiston on\n" + RUN),
                m("cutoff missing before run", REQUIRED_MISSING, true, BASE.replace("cutoff           12\n", "").replace("switchdist       10\n", "")
                        .replace("pairlistdist     14\n", "") + "@@" + RUN),
                m("no initial velocities", REQUIRED_MISSING, true, BASE.replace("temperature      300\n", "") + "@@" + RUN),
                m("cutoff changed after run", NOT_SETTABLE_AFTER_RUN, true, BASE + RUN + "@@cutoff 10\n" + RUN),
                m("structure keyword ok but exclude changed after run", NOT_SETTABLE_AFTER_RUN, true, BASE + RUN + "@@exclude none\n" + RUN),
                m("keyword = value after run", ASSIGN_AFTER_RUN, true, BASE + RUN + "@@langevinTemp = 310\n" + RUN),
                m("trailing # comment after run", TRAILING_COMMENT_AFTER_RUN, false, BASE + RUN + "@@outputName b # second part\n" + RUN),
                m("PME without cell", PME_NEEDS_CELL, true, BASE + "@@PME on\n" + RUN),
                m("PME with two cell vectors", PME_NEEDS_CELL, true, BASE + "cellBasisVector1 40 0 0\ncellBasisVector2 0 40 0\n@@PME yes\n" + RUN),
                m("binCoordinates without coordinates", RESTART_FILES, true,
                        BASE.replace("coordinates      sys.pdb\n", "") + "@@binCoordinates r.restart.coor\n" + RUN),
                m("binCoordinates given a PDB", RESTART_FILES, false, BASE + "binCoordinates @@r.pdb\n" + RUN),
                m("restart files of two runs", RESTART_FILES, false, BASE.replace("temperature      300\n", "")
                        + "binCoordinates a.restart.coor\nbinVelocities @@b.restart.vel\n" + RUN),
                m("binVelocities without binCoordinates", RESTART_FILES, false, BASE.replace("temperature      300\n", "")
                        + "@@binVelocities a.restart.vel\n" + RUN),
                m("temperature and velocities", CONFLICT, true, BASE + "@@velocities v.pdb\n" + RUN),
                m("temperature and binVelocities", CONFLICT, true, BASE + "binCoordinates a.restart.coor\n@@binVelocities a.restart.vel\n" + RUN),
                m("two pressure controls", CONFLICT, true, BASE + CELL + "langevinPiston on\nlangevinPistonTarget 1\nlangevinPistonPeriod 100\n"
                        + "langevinPistonDecay 50\nlangevinPistonTemp 300\n@@BerendsenPressure on\nBerendsenPressureTarget 1\n"
                        + "BerendsenPressureCompressibility 4.57e-5\nBerendsenPressureRelaxationTime 100\n" + RUN),
                // SimParameters::print_config, which NAMD runs at start-up after check_config (L6140-L7148 of the 3.0 mirror)
                m("useConstantArea without useFlexibleCell", REQUIRED_MISSING, true, BASE + CELL + "@@useConstantArea yes\n" + RUN),
                m("useConstantArea and useConstantRatio", CONFLICT, true, BASE + CELL + "useFlexibleCell on\nuseConstantRatio on\n@@useConstantArea on\n" + RUN),
                m("BerendsenPressureFreq not a multiple of fullElectFrequency", FREQUENCY, true, BASE + CELL
                        + "PME on\nPMEGridSpacing 1.0\nfullElectFrequency 2\nBerendsenPressure on\nBerendsenPressureTarget 1\n"
                        + "BerendsenPressureCompressibility 4.57e-5\nBerendsenPressureRelaxationTime 100\n@@BerendsenPressureFreq 3\n" + RUN),
                m("outputEnergies not a multiple of computeEnergies", FREQUENCY, true, BASE + "outputEnergies 100\n@@computeEnergies 30\n" + RUN),
                m("outputEnergies (computeEnergies' default) against fullElectFrequency", FREQUENCY, true, BASE + CELL
                        + "PME on\nPMEGridSpacing 1.0\nfullElectFrequency 4\n@@outputEnergies 10\n" + RUN),
                m("Monte Carlo barostat with colvars", CONFLICT, true, BASE + CELL + "GPUresident on\nPME on\nPMEGridSpacing 1.0\n"
                        + "MonteCarloPressure on\n@@colvars on\ncolvarsConfig c.in\n" + RUN),
                m("MSMQuality out of range", BAD_RANGE, true, BASE + CELL + "MSM on\n@@MSMQuality 7\n" + RUN),
                m("FMM in the standard build", CONFLICT, true, BASE + CELL + "@@FMM on\n" + RUN),
                // SimParameters::setupIDWS (check_config L3936)
                m("alchLambdaIDWS above 1", BAD_RANGE, true, BASE + "alch on\nalchType fep\nalchFile a.pdb\nalchLambda 0\nalchLambda2 0.1\n"
                        + "alchLambdaIDWS @@1.5\n" + RUN),
                m("IDWS output not a multiple of fullElectFrequency", FREQUENCY, true, BASE + CELL + "PME on\nPMEGridSpacing 1.0\n"
                        + "fullElectFrequency 2\nalch on\nalchType fep\nalchFile a.pdb\nalchLambda 0\nalchLambda2 0.1\nalchLambdaIDWS 0.05\n"
                        + "@@alchOutFreq 5\n" + RUN),
                // ScriptTcl::Tcl_config: a bare keyword before the first run reads its value
                m("keyword without its value", BAD_VALUE, true, BASE + "@@margin\n" + RUN),
                // beside a sourced file that was not read: what that file cannot change
                m("keyword typo beside an unread sourced file", UNKNOWN_KEYWORD, true, BASE + "source step5_input.str\n@@margn 2\n" + RUN),
                m("variable typo beside an unread sourced file", UNSET_VARIABLE, true, BASE + "source step5_input.str\nset margin_a 2\n"
                        + "margin @@$margin_\n" + RUN),
                m("PME grid below 5 beside an unread sourced file", PME_GRID, true, BASE + CELL + "source step5_input.str\nPME on\n"
                        + "PMEGridSpacing 1.0\nPMEGridSizeX @@4\n" + RUN),
                m("misspelled ${variable} in a set value", UNSET_VARIABLE, true, BASE + "set name sys\nset pdb \"x/@@${nme}.pdb\"\n" + RUN),
                m("variable read before an eval", UNSET_VARIABLE, true, BASE + "set script {}\nmargin @@$m\neval $script\n" + RUN),
                m("two thermostats (NAMD accepts them)", CONFLICT, false, BASE + "@@tCouple on\ntCoupleTemp 300\n" + RUN),
                m("GBIS with PME", CONFLICT, true, BASE + CELL + "PME on\nPMEGridSpacing 1.0\n@@GBIS on\n" + RUN),
                m("Lowe-Andersen with Langevin", CONFLICT, true, BASE + "@@loweAndersen on\nloweAndersenTemp 300\n" + RUN),
                m("stochastic rescaling with Langevin", CONFLICT, true, BASE + "@@stochRescale on\nstochRescaleTemp 300\nstochRescalePeriod 2\n" + RUN),
                m("coordinates and ambercoor", CONFLICT, true, BASE + "@@ambercoor sys.rst7\n" + RUN),
                m("GPUresident minimization", CONFLICT, true, BASE + "GPUresident on\n@@minimization on\n" + RUN),
                m("Monte Carlo barostat without GPUresident", CONFLICT, true, BASE + CELL + "@@MonteCarloPressure on\n" + RUN),
                m("cellBasisVector2 without cellBasisVector1", REQUIRED_MISSING, true, BASE + "@@cellBasisVector2 0 40 0\n" + RUN),
                m("alchemical lambda above 1", BAD_RANGE, true, BASE + "alch on\nalchType fep\nalchFile a.pdb\nalchLambda @@1.2\n" + RUN),
                m("SMD output every step", FREQUENCY, true, BASE + "SMD on\nSMDFile s.pdb\nSMDk 7\nSMDVel 0.00002\nSMDDir 0 0 1\nSMDOutputFreq @@10\n" + RUN),
                m("splitPatch position with rigid bonds", CONFLICT, true, BASE + "rigidBonds all\nsplitPatch @@position\n" + RUN),
                m("parameters missing", REQUIRED_MISSING, true, BASE.replace("parameters       par.prm\n", "") + "@@" + RUN),
                m("stepspercycle not a multiple of nonbondedFreq", FREQUENCY, true, BASE + "nonbondedFreq @@3\n" + RUN),
                m("old and new name of one keyword", CONFLICT, true, BASE + "@@oneFourScaling 1.0\n" + RUN),
                m("minimization on then run", CONFLICT, false, BASE + "minimization on\n@@" + RUN),
                m("duplicate keyword", DUPLICATE, true, BASE + "@@cutoff 10\n" + RUN),
                m("duplicate keyword other case", DUPLICATE, true, BASE + "@@CUTOFF 12\n" + RUN),
                m("run not a multiple of stepspercycle", FREQUENCY, true, BASE + "run @@1001\n"),
                m("run vs changed stepspercycle", FREQUENCY, true, BASE + "stepspercycle 10\nrun @@15\n"),
                m("firsttimestep not a multiple", FREQUENCY, true, BASE + "firsttimestep @@5\n" + RUN),
                m("fullElectFrequency does not divide stepspercycle", FREQUENCY, true, BASE + CELL + "PME on\nfullElectFrequency @@3\n" + RUN),
                m("fullElectFrequency not multiple of nonbondedFreq", FREQUENCY, true, BASE + CELL + "PME on\nnonbondedFreq 4\nfullElectFrequency @@2\n" + RUN),
                m("GPU-resident output frequency", FREQUENCY, false, BASE + "CUDASOAIntegrate on\noutputEnergies @@30\n" + RUN),
                m("variable read but never set", UNSET_VARIABLE, true, BASE + "langevinTemp @@$temp\n" + RUN),
                m("misspelled variable", UNSET_VARIABLE, true, BASE + "set temp 310\nlangevinTemp @@$tmp\n" + RUN),
                m("switchdist beyond cutoff", DISTANCES, true, BASE.replace("switchdist       10", "switchdist       @@13") + RUN),
                m("pairlistdist below cutoff", DISTANCES, true, BASE.replace("pairlistdist     14", "pairlistdist     @@11") + RUN),
                m("switching on by default without switchdist", DISTANCES, true,
                        BASE.replace("switching        on\n", "").replace("switchdist       10\n", "").replace("cutoff ", "@@cutoff ") + RUN),
                m("PME without grid", PME_GRID, true, BASE + CELL + "@@PME on\n" + RUN),
                m("PME grid size too small for the cell", PME_GRID, true, BASE + CELL + "PME on\nPMEGridSpacing 1.0\nPMEGridSizeX @@36\n" + RUN),
                m("PME grid size below 5", PME_GRID, true, BASE + CELL + "PME on\nPMEGridSpacing 1.0\nPMEGridSizeY @@4\n" + RUN),
                m("cutoff after a run inside if", NOT_SETTABLE_AFTER_RUN, true, BASE + "if {1 > 0} {\n  run 100\n}\n@@cutoff 10\n" + RUN),
                m("cutoff after a run in a loop", NOT_SETTABLE_AFTER_RUN, true, BASE + "foreach t {300 310} {\n  run 100\n}\n@@cutoff 10\n"),
                m("cutoff after a called proc that runs", NOT_SETTABLE_AFTER_RUN, true,
                        BASE + "proc stage {n} {\n  run $n\n}\nstage 100\n@@cutoff 10\n"),
                m("cutoff in a loop that runs", NOT_SETTABLE_AFTER_RUN, true, BASE + "foreach c {10 12} {\n  @@cutoff $c\n  run 100\n}\n"),
                m("run with a word", BAD_COMMAND_ARG, true, BASE + "run @@abc\n"),
                m("minimize without steps", BAD_COMMAND_ARG, true, BASE + "@@minimize\n"),
                m("undeclared placeholder", UNDECLARED_VARIABLE, true, BASE + "margin @@<<m>>\n" + RUN),
                m("undeclared placeholder in a string", UNDECLARED_VARIABLE, true, BASE + "outputName \"@@<<name>>_x\"\n" + RUN),
                m("unused declaration", UNUSED_VARIABLE, false, "@@#@var foo type=Number default=1\n" + BASE + RUN),
                m("default of wrong type", BAD_DEFAULT, true, "@@#@var t type=Number default=abc\n" + BASE + "margin <<t>>\n" + RUN),
                m("default out of range", BAD_DEFAULT, true, "@@#@var t type=Number default=5 min=0 max=2\n" + BASE + "margin <<t>>\n" + RUN),
                m("default bad file extension", BAD_DEFAULT, true, "@@#@var f type=File ext=\".exb\" default=x.txt\n" + BASE
                        + "extraBonds on\nextraBondsFile <<f>>\n" + RUN),
                m("default invalid for its keyword", BAD_DEFAULT, true, "#@var m type=Number default=-3\n" + BASE + "margin @@<<m>>\n" + RUN),
                m("declaration with unknown type", BAD_DECLARATION, true, "@@#@var x type=Float default=1\n" + BASE + RUN),
                m("declaration with unknown key", BAD_DECLARATION, true, "@@#@var x type=Number unit=K\n" + BASE + RUN),
                m("declaration without name", BAD_DECLARATION, true, "@@#@var type=Number\n" + BASE + RUN),
                m("declared twice", DUPLICATE_DECLARATION, true, "#@var x type=Number default=1\n@@#@var x type=Number default=2\n" + BASE
                        + "margin <<x>>\n" + RUN),
                m("Text variable for a boolean", VARIABLE_TYPE, true, "#@var flag type=Text default=on\n" + BASE + "wrapAll @@<<flag>>\n" + RUN),
                m("Boolean variable for a number", VARIABLE_TYPE, true, "#@var b type=Boolean default=on\n" + BASE + "margin @@<<b>>\n" + RUN));
    }

    private static Arguments m(String name, String code, boolean error, String marked) {
        return Arguments.of(name, code, error, marked);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void mistakeIsReportedAtTheMarkedPosition(String name, String code, boolean error, String marked) {
        int at = marked.indexOf("@@");
        assertTrue(at >= 0, "case without @@ marker");
        String text = marked.substring(0, at) + marked.substring(at + 2);
        int line = 1 + (int) marked.substring(0, at).chars().filter(c -> c == '\n').count();
        int column = at - marked.lastIndexOf('\n', at - 1);
        List<NamdLanguage.Finding> findings = NamdLanguage.validate(text, "case.namd");
        boolean found = findings.stream().anyMatch(f -> code.equals(f.code()) && f.error() == error && f.line() == line && f.column() == column);
        assertTrue(found, name + ": expected " + (error ? "error " : "warning ") + code + " at " + line + ":" + column + ", got:\n"
                + String.join("\n", findings.stream().map(f -> f.code() + " " + f.format("case.namd")).toList()) + "\n--- text:\n" + text);
    }

    @Test
    void atLeastFortyMistakesAndEveryRuleCovered() {
        List<Arguments> all = mistakes().toList();
        assertTrue(all.size() >= 40, "only " + all.size() + " seeded mistakes");
        for (String rule : List.of(UNKNOWN_KEYWORD, BAD_VALUE, BAD_RANGE, BAD_UNIT, PARENT_OFF, REQUIRED_MISSING, NOT_SETTABLE_AFTER_RUN,
                ASSIGN_AFTER_RUN, TRAILING_COMMENT_AFTER_RUN, PME_NEEDS_CELL, RESTART_FILES, CONFLICT, DUPLICATE, FREQUENCY,
                UNSET_VARIABLE, DISTANCES, PME_GRID,
                BAD_COMMAND_ARG, UNDECLARED_VARIABLE, UNUSED_VARIABLE, BAD_DEFAULT, BAD_DECLARATION, DUPLICATE_DECLARATION, VARIABLE_TYPE)) {
            assertTrue(all.stream().anyMatch(a -> rule.equals(a.get()[1])), "no seeded mistake for " + rule);
        }
    }

    @Test
    void baseConfigIsClean() {
        assertEquals(List.of(), NamdLanguage.validate(BASE + RUN, "base.namd").stream().map(f -> f.format("base.namd")).toList());
    }

    /** Harmonic restraints as every equilibration uses them: consAtomListFile is a rule of the memory-optimised build only. */
    @Test
    void restraintsNeedNoRuleOfTheMemoryOptimisedBuild() {
        String text = BASE + "constraints on\nconsref ref.pdb\nconskfile ref.pdb\nconskcol B\nconstraintScaling 1.0\n" + RUN;
        List<NamdLanguage.Finding> f = NamdLanguage.validate(text, "eq.namd");
        assertTrue(f.stream().noneMatch(x -> x.message().contains("consAtomListFile")), f.toString());
        assertEquals(List.of(), f.stream().filter(NamdLanguage.Finding::error).map(x -> x.format("eq.namd")).toList());
        // a restraint file that the standard build does require is still missing when left out
        List<NamdLanguage.Finding> missing = NamdLanguage.validate(BASE + "constraints on\nconskfile ref.pdb\n" + RUN, "eq.namd");
        assertTrue(missing.stream().anyMatch(x -> x.error() && x.message().contains("consref")), missing.toString());
    }

    /** AMBER inputs: binCoordinates with ambercoor is what NAMD accepts (no PDB needed). */
    @Test
    void amberRestartWithAmbercoorIsNotAnError() {
        String amber = """
                amber            on
                parmfile         sys.parm7
                ambercoor        sys.rst7
                readexclusions   yes
                exclude          scaled1-4
                1-4scaling       0.833333
                scnb             2.0
                cutoff           9
                timestep         2
                outputName       out
                binCoordinates   prev.coor
                binVelocities    prev.vel
                """;
        List<NamdLanguage.Finding> f = NamdLanguage.validate(amber + RUN, "amber.namd");
        assertTrue(f.stream().noneMatch(x -> x.message().contains("binCoordinates needs")), f.toString());
        // without ambercoor or coordinates the starting structure's coordinates are still missing
        List<NamdLanguage.Finding> g = NamdLanguage.validate(amber.replace("ambercoor        sys.rst7\n", "") + RUN, "amber.namd");
        assertTrue(g.stream().anyMatch(x -> x.message().contains("binCoordinates needs the starting coordinates")), g.toString());
    }

    /** print_config L7141-7148 ties computeEnergies to fullElectFrequency for PME, MSM, FMM, fullDirect and GBIS, not LCPO alone. */
    @Test
    void computeEnergiesAgainstFullElectFrequencyOnlyWithFullElectrostatics() {
        String tail = "fullElectFrequency 4\noutputEnergies 10\n" + RUN;
        List<NamdLanguage.Finding> sasa = NamdLanguage.validate(BASE + "SASA on\n" + tail, "sasa.namd");
        assertTrue(sasa.stream().noneMatch(x -> x.error() && x.message().contains("computeEnergies")), sasa.toString());
        List<NamdLanguage.Finding> gbis = NamdLanguage.validate(BASE + "GBIS on\n" + tail, "gbis.namd");
        assertTrue(gbis.stream().anyMatch(x -> x.error() && FREQUENCY.equals(x.code()) && x.message().contains("computeEnergies")), gbis.toString());
    }

    @Test
    void didYouMeanNamesTheIntendedKeyword() {
        List<NamdLanguage.Finding> f = NamdLanguage.validate(BASE + "langevinTemperature 300\n" + RUN, "x.namd");
        assertTrue(f.stream().anyMatch(x -> x.message().contains("did you mean") && x.message().contains("'langevinTemp'")), f.toString());
    }

    @Test
    void validNamdAndTclIsNotAnError() {
        String text = BASE.replace("timestep         2", "timestep         2fs").replace("cutoff           12", "cutoff           12 A")
                .replace("temperature      300", "temperature      300 K") + """
                set t 310
                set name "run_$t"
                cellBasisVector1 40,0,0
                cellBasisVector2 0, 40, 0
                cellBasisVector3 0 0 40
                cellOrigin ${t} 0 0
                PME on
                PMEGridSpacing 1.0
                langevinPiston on ;# NPT
                langevinPistonTarget 1.01325
                langevinPistonPeriod 100 fs
                langevinPistonDecay 50
                langevinPistonTemp $t
                margin [expr {1.5 + 1}]
                wrapAll = yes
                wrapWater=on
                dcdfreq 100 # trailing comment before the first run is fine
                if {0} {
                    anything goes here 1 2 3
                }
                if { [info exists env(X)] } { outputEnergies $env(X) } else { outputEnergies 100 }
                foreach p {a.prm b.prm} { parameters $p }
                proc step {n} { run $n }
                set par \\
                    value
                puts "done \\[ok\\]"
                minimize 100
                reinitvels $t
                for {set i 0} {$i < 3} {incr i} {
                    langevinTemp [expr $t + 10*$i]
                    run 1000
                }
                outputName ${name}_2
                run norepeat 2000
                """;
        List<NamdLanguage.Finding> f = NamdLanguage.validate(text, "valid.namd");
        assertEquals(List.of(), f.stream().filter(NamdLanguage.Finding::error).map(x -> x.format("valid.namd")).toList());
    }
}
