package org.namdrunner.template.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.NamdLanguage.Finding;
import org.namdrunner.template.validation.NamdRules;
import org.namdrunner.template.validation.ValidationOptions;

/**
 * NAMD 3.0's start-up checks (SimParameters::check_config and scriptSet, rows of namd_checks.tsv) reproduced by
 * {@code StartupChecks}: each rule with a config that triggers it and a close config that must not, NAMD's defaults
 * included. A finding is recognised by the NAMD message it quotes.
 */
class StartupChecksTest {

    private static final String BASE = String.join("\n", "structure s.psf", "coordinates s.pdb", "parameters p.prm",
            "paraTypeCharmm on", "exclude scaled1-4", "1-4scaling 1.0", "temperature 300", "cellBasisVector1 40 0 0",
            "cellBasisVector2 0 40 0", "cellBasisVector3 0 0 40", "cutoff 12", "switching on", "switchdist 10", "pairlistdist 14",
            "timestep 2", "rigidBonds all", "PME yes", "PMEGridSpacing 1.0", "langevin on", "langevinTemp 300", "langevinDamping 1",
            "outputName out", "");
    private static final String RUN = "run 1000\n";
    /** a restart: velocities from a file, so no temperature */
    private static final String RESTART = BASE.replace("temperature 300\n", "binCoordinates r.restart.coor\nbinVelocities r.restart.vel\n");
    private static final String ALCH = "alch on\nalchType fep\nalchFile a.pdb\nalchCol B\nalchLambda 0\nalchLambda2 0.1\n";
    private static final String QM = "QMForces on\nQMSoftware mopac\nQMExecPath /opt/mopac\nQMColumn beta\nQMBaseDir /tmp/qm\nQMConfigLine \"PM7\"\n";

    private static List<Finding> hits(String config, String code, String namdMessage) {
        return NamdLanguage.validate(config, "s.namd", ValidationOptions.DEFAULT).stream()
                .filter(f -> (code == null || code.equals(f.code())) && f.message().contains("(NAMD: \"" + namdMessage)).toList();
    }

    private static void fires(String config, String code, String namdMessage, boolean error) {
        List<Finding> h = hits(config, code, namdMessage);
        assertEquals(1, h.size(), namdMessage + " in\n" + config + "\n" + h);
        assertEquals(error ? Finding.ERROR : Finding.WARNING, h.get(0).severity(), h.get(0).message());
        if (code != null) {
            assertEquals(code, h.get(0).code());
        }
    }

    private static void silent(String config, String namdMessage) {
        assertEquals(List.of(), hits(config, null, namdMessage), config);
    }

    @Test
    void theBaseConfigHasNoError() {
        assertEquals(List.of(), NamdLanguage.validate(BASE + RUN, "s.namd", ValidationOptions.DEFAULT).stream().filter(Finding::error).toList());
    }

    @Test
    void langevinParametersEitherByValueOrFromAFile() {
        String combine = "Do not combine them.";
        fires(BASE + "langevinFile l.pdb\nlangevinCol O\n" + RUN, NamdRules.CONFLICT, "To specify Langevin dynamics parameters", true);
        silent(BASE.replace("langevinDamping 1\n", "langevinFile l.pdb\nlangevinCol O\n") + RUN, "To specify Langevin");
        silent(BASE + RUN, combine);
        String hydrogen = "langevinHydrogen requires langevinDamping to be set.";
        fires(BASE.replace("langevinDamping 1\n", "langevinHydrogen off\n") + RUN, NamdRules.REQUIRED_MISSING, hydrogen, true);
        silent(BASE + "langevinHydrogen off\n" + RUN, hydrogen);
        // Langevin off: NAMD does not read its children
        silent(BASE.replace("langevin on", "langevin off").replace("langevinDamping 1\n", "langevinHydrogen off\n") + RUN, hydrogen);
        // a Tcl value is not certain
        silent(BASE.replace("langevin on", "langevin $lang").replace("langevinDamping 1\n", "langevinHydrogen off\n") + "set lang on\n" + RUN,
                hydrogen);
    }

    @Test
    void rescaleAndReassignComeInPairs() {
        String rescaleTemp = "Must give a rescale temperature if rescaleFreq is defined";
        fires(RESTART + "rescaleFreq 100\n" + RUN, NamdRules.REQUIRED_MISSING, rescaleTemp, true);
        silent(BASE + "rescaleFreq 100\n" + RUN, rescaleTemp); // temperature stands in
        silent(RESTART + "rescaleFreq 100\nrescaleTemp 300\n" + RUN, rescaleTemp);
        fires(BASE + "rescaleTemp 300\n" + RUN, NamdRules.REQUIRED_MISSING, "Must give a rescale freqency if rescaleTemp is given", true);
        fires(RESTART + "reassignFreq 100\n" + RUN, NamdRules.REQUIRED_MISSING, "Must give a reassign temperature if reassignFreq is defined", true);
        silent(RESTART + "reassignFreq 100\nreassignTemp 300\n" + RUN, "Must give a reassign");
        fires(BASE + "reassignTemp 300\n" + RUN, NamdRules.REQUIRED_MISSING, "Must give a reassignment freqency if reassignTemp is given", true);
        fires(BASE + "reassignIncr 1\n" + RUN, NamdRules.REQUIRED_MISSING, "Must give a reassignment freqency if reassignIncr is given", true);
        String hold = "Must give a reassignment increment if reassignHold is given";
        fires(BASE + "reassignFreq 100\nreassignHold 310\n" + RUN, NamdRules.REQUIRED_MISSING, hold, true);
        silent(BASE + "reassignFreq 100\nreassignIncr 1\nreassignHold 310\n" + RUN, hold);
        // a fragment (no run) may be sourced by a file that sets the partner
        silent(RESTART + "rescaleFreq 100\n", rescaleTemp);
    }

    @Test
    void alchemy() {
        silent(BASE + ALCH + RUN, "Must define type");
        fires(BASE + ALCH.replace("alchType fep\n", "") + RUN, NamdRules.REQUIRED_MISSING, "Must define type of alchemical simulation: fep or ti", true);
        silent(BASE + ALCH.replace("alchType fep\n", "alchType $t\n") + "set t fep\n" + RUN, "Must define type");
        String thermostat = "Alchemical FEP can be performed only in constant temperature simulations";
        String noLangevin = BASE.replace("langevin on\nlangevinTemp 300\nlangevinDamping 1\n", "");
        fires(noLangevin + ALCH + RUN, NamdRules.REQUIRED_MISSING, thermostat, true);
        silent(noLangevin + "tCouple on\ntCoupleTemp 300\n" + ALCH + RUN, thermostat);
        silent(noLangevin + "rescaleFreq 100\n" + ALCH + RUN, thermostat);
        silent(BASE + ALCH + RUN, thermostat);
        fires(BASE + "reassignFreq 100\nreassignIncr 1\n" + ALCH + RUN, NamdRules.CONFLICT, "reassignIncr cannot be used in alchemical", true);
        silent(BASE + "reassignFreq 100\nreassignIncr 0\n" + ALCH + RUN, "reassignIncr cannot");
        // alchLambda2 defaults to -1, out of range for FEP
        String range = "alchLambda2 values should be in the range [0.0, 1.0]";
        fires(BASE + ALCH.replace("alchLambda2 0.1\n", "") + RUN, NamdRules.REQUIRED_MISSING, range, true);
        assertEquals(List.of(), hits(BASE + ALCH + RUN, NamdRules.REQUIRED_MISSING, range));
        assertEquals(List.of(), hits(BASE + ALCH.replace("fep", "ti").replace("alchLambda2 0.1\n", "") + RUN, NamdRules.REQUIRED_MISSING, range));
        fires(BASE + ALCH.replace("fep", "ti").replace("alchLambda2 0.1\n", "") + "alchLambdaFreq 10\n" + RUN, NamdRules.REQUIRED_MISSING, range, true);
        // WCA: alchVdwLambdaEnd (default 1.0) >= alchRepLambdaEnd (default 0.5); alchVdwShiftCoeff (default 5) unused
        String order = "alchVdwLambdaEnd should be greater than alchRepLambdaEnd";
        fires(BASE + ALCH + "alchWCA on\nalchVdwShiftCoeff 0\nalchVdwLambdaEnd 0.4\n" + RUN, NamdRules.BAD_RANGE, order, true);
        silent(BASE + ALCH + "alchWCA on\nalchVdwShiftCoeff 0\nalchVdwLambdaEnd 0.6\n" + RUN, order);
        silent(BASE + ALCH + "alchWCA on\nalchVdwShiftCoeff 0\n" + RUN, order);
        fires(BASE + ALCH + "alchWCA on\nalchRepLambdaEnd 0.9\nalchVdwShiftCoeff 0\nalchVdwLambdaEnd 0.8\n" + RUN, NamdRules.BAD_RANGE, order, true);
        String shift = "alchVdwShiftCoeff is non-zero but not used when WCA";
        fires(BASE + ALCH + "alchWCA on\n" + RUN, NamdRules.CONFLICT, shift, false);
        silent(BASE + ALCH + "alchWCA on\nalchVdwShiftCoeff 0\n" + RUN, shift);
        silent(BASE + ALCH + RUN, shift);
        fires(BASE + ALCH.replace("fep", "ti") + "alchWCA on\nalchVdwShiftCoeff 0\n" + RUN, NamdRules.CONFLICT, "alchWCA is not currently compatible with TI",
                true);
        silent(BASE + ALCH + "alchWCA on\nalchVdwShiftCoeff 0\n" + RUN, "alchWCA is not currently compatible with TI");
        fires(BASE + ALCH + "les on\nlesFactor 2\n" + RUN, NamdRules.CONFLICT, "Sorry, combined LES with FEP or TI is not implemented.", true);
        silent(BASE + "les on\nlesFactor 2\n" + RUN, "Sorry, combined LES");
        fires(BASE + ALCH + "drude on\ndrudeTemp 1\ndrudeDamping 20\n" + RUN, NamdRules.CONFLICT, "Drude implementation is incompatible", true);
        fires(BASE + ALCH + "singleTopology on\nalchDecouple on\n" + RUN, NamdRules.CONFLICT, "Single topology free energy calculation can NOT work", true);
        silent(BASE + ALCH + "singleTopology on\n" + RUN, "Single topology");
        fires(BASE + ALCH + "singleTopology on\nfullElectFrequency 2\n" + RUN, NamdRules.CONFLICT, "Single topology free energy calculation discourages", true);
        fires(BASE.replace("PME yes\nPMEGridSpacing 1.0\n", "FullDirect on\n") + ALCH + RUN, NamdRules.CONFLICT,
                "Sorry, FEP is only implemented for PME full electrostatics.", true);
        fires(BASE + ALCH + "martiniSwitching on\n" + RUN, NamdRules.CONFLICT, "Martini switching disabled for alchemical", false);
    }

    @Test
    void lesPairInteractionAndDrude() {
        fires(BASE + "les on\nlesFactor 300\n" + RUN, NamdRules.BAD_RANGE, "lesFactor must be positive and less than 256", true);
        silent(BASE + "les on\nlesFactor 255\n" + RUN, "lesFactor must be");
        String pair = BASE + "pairInteraction on\npairInteractionFile p.pdb\npairInteractionCol B\npairInteractionGroup1 1\n";
        fires(pair + RUN, NamdRules.REQUIRED_MISSING, "pairInteractionGroup2 must be specified", true);
        silent(pair + "pairInteractionGroup2 2\n" + RUN, "pairInteractionGroup2 must");
        silent(pair + "pairInteractionSelf on\n" + RUN, "pairInteractionGroup2 must");
        fires(pair + "pairInteractionGroup2 2\nles on\nlesFactor 2\n" + RUN, NamdRules.CONFLICT, "Sorry, pair interactions may not be calculated", true);
        fires(pair + "pairInteractionGroup2 2\noutputEnergies 100\n" + RUN, NamdRules.CONFLICT, "Setting outputEnergies to 1", false);
        silent(pair + "pairInteractionGroup2 2\noutputEnergies 1\n" + RUN, "Setting outputEnergies");
        silent(BASE + "outputEnergies 100\n" + RUN, "Setting outputEnergies");
        fires(BASE.replace("PME yes\nPMEGridSpacing 1.0\n", "FullDirect on\n") + "pairInteraction on\npairInteractionSelf on\n" + RUN,
                NamdRules.CONFLICT, "Sorry, pairInteraction not implemented for full direct", true);
        String damping = "Undefined 'drudeDamping' will be set";
        fires(BASE + "drude on\ndrudeTemp 1\n" + RUN, NamdRules.REQUIRED_MISSING, damping, false);
        silent(BASE + "drude on\ndrudeTemp 1\ndrudeDamping 20\n" + RUN, damping);
    }

    @Test
    void waterModels() {
        String rigid = "Water model";
        fires(BASE.replace("rigidBonds all\n", "") + "waterModel tip4\n" + RUN, NamdRules.REQUIRED_MISSING, rigid, true);
        fires(BASE.replace("rigidBonds all\n", "rigidBonds none\n") + "waterModel tip4\n" + RUN, NamdRules.REQUIRED_MISSING, rigid, true);
        silent(BASE + "waterModel tip4\n" + RUN, rigid);
        // NAMD reads the first 4 letters: tip4p is TIP4P
        assertEquals(List.of(), NamdLanguage.validate(BASE + "waterModel TIP4P\n" + RUN, "s.namd", ValidationOptions.DEFAULT).stream()
                .filter(Finding::error).toList());
        fires(BASE.replace("rigidBonds all\n", "") + "waterModel tip4p\n" + RUN, NamdRules.REQUIRED_MISSING, rigid, true);
        silent(BASE.replace("rigidBonds all\n", "") + "waterModel tip3\n" + RUN, rigid);
        fires(BASE.replace("rigidBonds all\n", "") + "drude on\ndrudeTemp 1\ndrudeDamping 20\n" + RUN, NamdRules.REQUIRED_MISSING, rigid, true);
        fires(BASE + "waterModel swm4\n" + RUN, NamdRules.REQUIRED_MISSING, "Must have 'drudeOn' enabled to use SWM4-DP water model.", true);
        silent(BASE + "waterModel swm4\ndrude on\ndrudeTemp 1\ndrudeDamping 20\n" + RUN, "Must have 'drudeOn'");
    }

    @Test
    void assortedSwitches() {
        fires(BASE + "LJcorrection on\nLJcorrectionAlt on\n" + RUN, NamdRules.CONFLICT, "Only one method for LJ tail correction", true);
        silent(BASE + "LJcorrection on\n" + RUN, "Only one method for LJ");
        fires(BASE + "molly on\nsplitPatch position\n" + RUN, NamdRules.CONFLICT, "splitPatch hydrogen is required for MOLLY", true);
        silent(BASE + "molly on\n" + RUN, "splitPatch hydrogen is required for MOLLY");
        String scaling = "Exclude is not scaled1-4; 1-4scaling ignored.";
        fires(BASE.replace("exclude scaled1-4\n1-4scaling 1.0\n", "exclude 1-3\n1-4scaling 0.5\n") + RUN, NamdRules.CONFLICT, scaling, false);
        silent(BASE.replace("1-4scaling 1.0\n", "1-4scaling 0.5\n") + RUN, scaling);
        silent(BASE.replace("exclude scaled1-4\n", "exclude 1-3\n") + RUN, scaling);
        String margin = "ALWAYS USE NON-ZERO MARGIN";
        fires(BASE + "LangevinPiston on\nmargin 0\n" + RUN, NamdRules.BAD_RANGE, margin, false);
        silent(BASE + "LangevinPiston on\nmargin 2\n" + RUN, margin);
        silent(BASE + "margin 0\n" + RUN, margin);
        String diel = "FOR NON-STANDARD DIELECTRIC WITH MARTINI";
        fires(BASE.replace("PME yes\nPMEGridSpacing 1.0\n", "") + "martiniSwitching on\n" + RUN, NamdRules.CONFLICT, diel, false);
        silent(BASE.replace("PME yes\nPMEGridSpacing 1.0\n", "") + "martiniSwitching on\ndielectric 15\n" + RUN, diel);
        silent(BASE.replace("PME yes\nPMEGridSpacing 1.0\n", "") + "martiniSwitching on\nmartiniDielAllow on\n" + RUN, diel);
        fires(BASE + "obsolete yes\n" + RUN, NamdRules.BAD_VALUE, "\"obsolete\" defined", false);
        fires(BASE + "usePluginIO on\n" + RUN, NamdRules.CONFLICT, "Separate coordinates file not allowed with plugin IO", true);
        silent(BASE.replace("coordinates s.pdb\n", "") + "usePluginIO on\n" + RUN, "Separate coordinates file");
        fires(BASE + "useCompressedPsf on\n" + RUN, NamdRules.BAD_VALUE, "useCompressedPsf requires memory-optimized build!", true);
        fires(BASE + "MSM on\n" + RUN, NamdRules.CONFLICT, "More than one full electrostatics algorithm selected!!!", true);
        silent(BASE + "MSM off\n" + RUN, "More than one full electrostatics");
        fires(BASE + "fmaFrequency 2\n" + RUN, NamdRules.CONFLICT, "The parameter fmaFrequency has been renamed", false);
        fires(BASE + "fullElectFrequency 2\nfmaFrequency 2\n" + RUN, NamdRules.CONFLICT, "Ignoring redundant parameter fmaFrequency", false);
        silent(BASE.replace("PME yes\nPMEGridSpacing 1.0\n", "") + "fmaFrequency 2\n" + RUN, "fmaFrequency");
    }

    @Test
    void restraintsDistancesAndLoadBalancing() {
        String smd = BASE + "SMD on\nSMDFile s.pdb\nSMDk 5\nSMDVel 0.0001\nSMDOutputFreq 20\n";
        fires(smd + "SMDDir 0 0 0\n" + RUN, NamdRules.BAD_VALUE, "SMD direction vector must be non-zero", true);
        silent(smd + "SMDDir 0 0 1\n" + RUN, "SMD direction vector");
        String hb = "Hydrogen bond cutoff distance must be <= pairlist distance";
        fires(BASE + "hbonds on\nhbCutoffDist 15\n" + RUN, NamdRules.DISTANCES, hb, true);
        silent(BASE + "hbonds on\n" + RUN, hb); // default 7.5 <= 14
        // default hbCutoffDist 7.5 against pairlistdist defaulting to cutoff
        String shortCut = BASE.replace("cutoff 12\nswitching on\nswitchdist 10\npairlistdist 14\n", "cutoff 7\nswitching on\nswitchdist 6\n");
        fires(shortCut + "hbonds on\n" + RUN, NamdRules.DISTANCES, hb, true);
        silent(shortCut + "hbonds on\nhbCutoffDist 7\n" + RUN, hb);
        String ldb = "ldbPeriod must greater than firstLdbStep.";
        fires(BASE + "ldbPeriod 100\n" + RUN, NamdRules.BAD_RANGE, ldb, true); // firstLdbStep defaults to 5 x stepspercycle (20)
        silent(BASE + "ldbPeriod 200\n" + RUN, ldb);
        fires(BASE + "firstLdbStep 5000\n" + RUN, NamdRules.BAD_RANGE, ldb, true); // ldbPeriod defaults to 200 x 20
        silent(BASE + "firstLdbStep 200\n" + RUN, ldb);
        silent(BASE + "GPUresident on\nldbPeriod 100\n" + RUN, ldb);
    }

    @Test
    void multigrator() {
        String m = BASE.replace("langevin on\nlangevinTemp 300\nlangevinDamping 1\n", "")
                + "Multigrator on\nMultigratorPressureTarget 1\nMultigratorTemperatureTarget 300\nMultigratorPressureFreq 100\n";
        String multiple = "multigratorTemperatureFreq must be a multiple of multigratorPressureFreq";
        fires(m + "MultigratorTemperatureFreq 30\n" + RUN, NamdRules.FREQUENCY, multiple, true);
        silent(m + "MultigratorTemperatureFreq 20\n" + RUN, multiple);
        String fullElect = "fullElectFrequency must be a multiple of multigratorTemperatureFreq";
        fires(m + "MultigratorTemperatureFreq 10\nfullElectFrequency 4\n" + RUN, NamdRules.FREQUENCY, fullElect, true);
        silent(m + "MultigratorTemperatureFreq 20\nfullElectFrequency 4\n" + RUN, fullElect);
        fires(m + "MultigratorTemperatureFreq 20\nMultigratorNoseHooverChainLength 2\n" + RUN, NamdRules.BAD_RANGE,
                "multigratorNoseHooverChainLength must be greater than 2", true);
        silent(m + "MultigratorTemperatureFreq 20\n" + RUN, "multigratorNoseHooverChainLength");
    }

    @Test
    void acceleratedMd() {
        String amd = BASE + "accelMD on\naccelMDdihe on\n";
        fires(amd + "accelMDE 100\n" + RUN, NamdRules.REQUIRED_MISSING, "accelMDE and accelMDalpha are required", true);
        silent(amd + "accelMDE 100\naccelMDalpha 20\n" + RUN, "accelMDE and accelMDalpha are required");
        fires(amd + "accelMDE 100\naccelMDalpha 20\naccelMDdual on\naccelMDTE 10\n" + RUN, NamdRules.REQUIRED_MISSING,
                "accelMDTE and accelMDTalpha are required", true);
        String g = amd + "accelMDG on\n";
        silent(g + RUN, "accelMDE and accelMDalpha are required");
        fires(g + "accelMDGStatWindow 300\n" + RUN, NamdRules.FREQUENCY, "'accelMDGcMDPrepSteps' has to be a multiple of 'accelMDGStatWindow'", true);
        silent(g + "accelMDGStatWindow 1000\n" + RUN, "has to be a multiple of 'accelMDGStatWindow'");
        fires(g + "accelMDGiE 3\n" + RUN, NamdRules.BAD_RANGE, "accelMDGiE was set to 3", true);
        fires(g + "accelMDGcMDSteps 200001\n" + RUN, NamdRules.BAD_RANGE, "'accelMDGcMDSteps' should be larger than 'accelMDGcMDPrepSteps'", true);
        silent(g + "accelMDGcMDSteps 200002\n" + RUN, "'accelMDGcMDSteps' should be larger");
        fires(g + "accelMDGresetVaftercmd on\naccelMDGEquiPrepSteps 0\n" + RUN, NamdRules.BAD_RANGE, "'accelMDGEquiPrepSteps' should be non-zero", true);
        silent(g + "accelMDGEquiPrepSteps 0\n" + RUN, "'accelMDGEquiPrepSteps' should be non-zero");
        fires(g + "accelMDE 100\n" + RUN, NamdRules.CONFLICT, "accelMDE will be ignored with accelMDG on.", false);
    }

    @Test
    void adaptiveTempering() {
        String at = BASE + "adaptTempMD on\n";
        String need = "Need to specify either adaptTempInFile or all of";
        fires(at + "adaptTempTmin 300\nadaptTempTmax 400\n" + RUN, NamdRules.REQUIRED_MISSING, need, true); // adaptTempBins defaults to 0
        silent(at + "adaptTempTmin 300\nadaptTempTmax 400\nadaptTempBins 100\n" + RUN, need);
        silent(at + "adaptTempInFile a.in\n" + RUN, need);
        fires(at + "adaptTempInFile a.in\nadaptTempTmin 300\n" + RUN, NamdRules.CONFLICT, "cannot simultaneously specify adaptTempInFile", true);
        fires(at + "adaptTempInFile a.in\nadaptTempLangevin off\nadaptTempRescaling off\n" + RUN, NamdRules.CONFLICT,
                "Adaptive tempering needs to be coupled", true);
        silent(at + "adaptTempInFile a.in\nadaptTempLangevin off\n" + RUN, "Adaptive tempering needs to be coupled");
    }

    @Test
    void qmmm() {
        silent(BASE + QM + RUN, "QMConfigLine needs");
        fires(BASE + QM.replace("QMConfigLine \"PM7\"\n", "") + RUN, NamdRules.REQUIRED_MISSING, "If the selected QM software is 'mopac' or 'orca'", true);
        silent(BASE + QM.replace("QMConfigLine \"PM7\"\n", "").replace("mopac", "custom") + RUN, "If the selected QM software");
        fires(BASE + QM.replace("QMColumn beta", "QMColumn Beta") + RUN, NamdRules.BAD_VALUE, "Available column options are 'beta' and 'occ'.", true);
        fires(BASE + QM + "QMBondColumn beta\n" + RUN, NamdRules.CONFLICT, "QM column and bond-column must be different!", true);
        silent(BASE + QM + "QMBondColumn occ\n" + RUN, "QM column and bond-column");
        fires(BASE + QM + "QMChargeMode chelpg\n" + RUN, NamdRules.CONFLICT, "Available charge options for MOPAC", true);
        silent(BASE + QM.replace("mopac", "orca") + "QMChargeMode chelpg\n" + RUN, "Available charge options for MOPAC");
        fires(BASE + QM + "QMCSMD on\n" + RUN, NamdRules.REQUIRED_MISSING, "QM Conditional SMD is ON", true);
        silent(BASE + QM + "QMCSMD on\nQMCSMDFile c.in\n" + RUN, "QM Conditional SMD");
        String noPc = "QM PC switching can only be applied with QMNoPntChrg set to 'off'!";
        fires(BASE + QM + "QMNoPntChrg on\nQMElecEmbed off\nQMSwitching on\n" + RUN, NamdRules.CONFLICT, noPc, true);
        silent(BASE + QM + "QMNoPntChrg on\nQMSwitching on\n" + RUN, noPc); // QMElecEmbed (default on) turns QMNoPntChrg off
        fires(BASE + QM + "QMCustomPCSelection on\nQMPCStride 2\n" + RUN, NamdRules.CONFLICT, "QM Custom PC Selection is incompatible with QMPCStride", true);
        fires(BASE + QM + "QMLiveSolventSel on\n" + RUN, NamdRules.CONFLICT, "QM Live Solvent Selection cannot be done with fixed bonds!", true);
        silent(BASE.replace("rigidBonds all\n", "") + QM + "QMLiveSolventSel on\n" + RUN, "QM Live Solvent Selection");
        fires(BASE.replace("rigidBonds all\n", "") + QM + "QMLiveSolventSel on\nQMLSSFreq 30\n" + RUN, NamdRules.FREQUENCY,
                "Frequency of QM solvent update must be a multiple of steps per cycle.", true);
        fires(BASE + QM + "fullElectFrequency 2\n" + RUN, NamdRules.CONFLICT, "QM/MM discourages multiple timesteps", true);
        silent(BASE + QM + "fullElectFrequency 1\n" + RUN, "QM/MM discourages");
    }

    @Test
    void moreCombinations() {
        String full = BASE.replace("PME yes\nPMEGridSpacing 1.0\n", "FullDirect on\n");
        fires(full + "les on\nlesFactor 2\n" + RUN, NamdRules.CONFLICT, "Sorry, LES is only implemented for PME full electrostatics.", true);
        silent(BASE + "les on\nlesFactor 2\n" + RUN, "Sorry, LES is only implemented");
        fires(full + ALCH.replace("fep", "ti") + RUN, NamdRules.CONFLICT, "Sorry, TI is only implemented for PME full electrostatics.", true);
        String nb = "Setting nonbondedFreq to 1 due to";
        fires(BASE + "pressureProfile on\nnonbondedFreq 2\nfullElectFrequency 4\n" + RUN, NamdRules.CONFLICT, nb, false);
        silent(BASE + "nonbondedFreq 2\nfullElectFrequency 4\n" + RUN, nb);
        fires(BASE + QM.replace("mopac", "custom") + "QMChargeMode chelpg\n" + RUN, NamdRules.CONFLICT, "Available charge options for MOPAC", true);
        fires(BASE + QM + "QMBondColumn occupancy\n" + RUN, NamdRules.BAD_VALUE, "Available column options are 'beta' and 'occ'.", true);
        String noPcOff = "QMNoPntChrg on\nQMElecEmbed off\n";
        fires(BASE.replace("rigidBonds all\n", "") + QM + noPcOff + "QMLiveSolventSel on\n" + RUN, NamdRules.CONFLICT,
                "QM Live Solvent Selection cannot be done with QMNoPntChrg", true);
        fires(BASE.replace("rigidBonds all\n", "") + QM + "QMLiveSolventSel on\nQMPCStride 3\n" + RUN, NamdRules.FREQUENCY,
                "Frequency of QM solvent update must be a multiple of frequency of point charge selection.", true);
        fires(BASE + QM + noPcOff + "QMPCStride 2\n" + RUN, NamdRules.CONFLICT, "QMPCStride being IGNORED", false);
        silent(BASE + QM + "QMPCStride 2\n" + RUN, "QMPCStride being IGNORED");
        fires(BASE + QM + noPcOff + "QMCustomPCSelection on\n" + RUN, NamdRules.CONFLICT, "QM Custom PC Selection is incompatible with QMNoPntChrg!", true);
        // with QMNoPntChrg NAMD resets the stride to 1 first: no stride error then
        silent(BASE + QM + noPcOff + "QMCustomPCSelection on\nQMPCStride 2\n" + RUN, "QM Custom PC Selection is incompatible with QMPCStride");
        String amd = BASE + "accelMD on\naccelMDdihe on\naccelMDG on\n";
        fires(amd + "accelMDGresetVaftercmd on\naccelMDGEquiPrepSteps 1000000\n" + RUN, NamdRules.BAD_RANGE,
                "'accelMDGEquiSteps' should be larger than 'accelMDGEquiPrepSteps'", true);
        silent(amd + "accelMDGresetVaftercmd on\naccelMDGEquiPrepSteps 999999\n" + RUN, "'accelMDGEquiSteps' should be larger");
        fires(amd + "accelMDdual on\naccelMDTE 10\n" + RUN, NamdRules.CONFLICT, "accelMDTE will be ignored with accelMDG on.", false);
        fires(BASE + "mgridforce on\n" + RUN + "mgridforcevoff m 1 0 0\n" + RUN, NamdRules.NOT_SETTABLE_AFTER_RUN, "Can't yet modify mgridforcevoff", true);
        // enumerated values of check_config are keyword values
        assertEquals(1, NamdLanguage.validate(BASE + ALCH.replace("fep", "bar") + RUN, "s.namd", ValidationOptions.DEFAULT).stream()
                .filter(f -> f.error() && NamdRules.BAD_VALUE.equals(f.code()) && f.message().startsWith("alchType")).count());
        assertEquals(1, NamdLanguage.validate(BASE + "ldBalancer centralized\n" + RUN, "s.namd", ValidationOptions.DEFAULT).stream()
                .filter(f -> f.error() && NamdRules.BAD_VALUE.equals(f.code()) && f.message().startsWith("ldBalancer")).count());
        // alchDecouple with alch off: NAMD does not read it (its warning there is unreachable); the validator says it is ignored
        assertEquals(1, NamdLanguage.validate(BASE + "alchDecouple on\n" + RUN, "s.namd", ValidationOptions.DEFAULT).stream()
                .filter(f -> NamdRules.PARENT_OFF.equals(f.code()) && f.message().startsWith("alchDecouple")).count());
    }

    @Test
    void valuesThatAreNotCertainAreNotChecked() {
        // a placeholder or Tcl value may be anything: alch may be off, the thermostat on
        String template = "#@var a type=Boolean default=on\n" + BASE.replace("langevin on\nlangevinTemp 300\nlangevinDamping 1\n", "")
                + "alch <<a>>\nalchFile a.pdb\nalchCol B\nalchLambda 0\n" + RUN;
        silent(template, "Must define type");
        silent(template, "Alchemical FEP can be performed only");
        silent(BASE.replace("rigidBonds all\n", "") + "set w tip4\nwaterModel $w\n" + RUN, "Water model");
        // a keyword set in a branch may be the partner
        silent(RESTART + "rescaleFreq 100\nif {$t} { rescaleTemp 300 }\nset t 1\n" + RUN, "Must give a rescale temperature");
        // dead code never counts
        fires(RESTART + "rescaleFreq 100\nif {0} { rescaleTemp 300 }\n" + RUN, NamdRules.REQUIRED_MISSING, "Must give a rescale temperature", true);
    }

    @Test
    void soaIntegrateWithoutGpuResident() {
        fires(BASE + "SOAintegrate on\n" + RUN, NamdRules.CONFLICT, "SOAintegrate is not fully supported", true);
        silent(BASE + "SOAintegrate on\nGPUresident on\n" + RUN, "SOAintegrate is not fully supported");
        fires(BASE + "SOAintegrate on\nzeroMomentum on\n" + RUN, NamdRules.CONFLICT, "Falling back on standard integration code path", false);
        silent(BASE + "SOAintegrate on\nzeroMomentum on\n" + RUN, "SOAintegrate is not fully supported");
    }

    @Test
    void settingsAfterTheFirstRun() {
        String lang = "Langevin must be enabled at startup";
        String noLangevin = BASE.replace("langevin on\nlangevinTemp 300\nlangevinDamping 1\n", "tCouple on\ntCoupleTemp 300\n");
        fires(noLangevin + RUN + "langevin on\n" + RUN, NamdRules.NOT_SETTABLE_AFTER_RUN, lang, true);
        silent(BASE + RUN + "langevin off\n" + RUN + "langevin on\n" + RUN, lang);
        silent(noLangevin + RUN + "langevin off\n" + RUN, lang);
        // in a loop it dies when the line runs: a warning
        fires(noLangevin + RUN + "for {set i 0} {$i < 2} {incr i} {\n  langevin on\n  run 100\n}\n", NamdRules.NOT_SETTABLE_AFTER_RUN, lang, false);
        fires(BASE + RUN + "alch on\n" + RUN, NamdRules.NOT_SETTABLE_AFTER_RUN, "Alchemy must be enabled at startup", true);
        silent(BASE + ALCH + RUN + "alch off\n" + RUN + "alch on\n" + RUN, "Alchemy must be enabled");
        fires(BASE + RUN + "GPUresident on\n" + RUN, NamdRules.NOT_SETTABLE_AFTER_RUN, "Can't modify CUDASOAintegrate", true);
        silent(BASE + "GPUresident on\n" + RUN + "GPUresident off\n" + RUN, "Can't modify CUDASOAintegrate");
        fires(BASE + "mgridforce on\nmgridforcefile m g.pdb\nmgridforcecol m B\nmgridforcechargecol m O\nmgridforcepotfile m g.dx\n"
                + "mgridforcescale m 1 1 1\n" + RUN + "mgridforcescale m 2 2 2\n" + RUN, NamdRules.NOT_SETTABLE_AFTER_RUN, "Can't yet modify mgridforcescale",
                true);
        String fixed = "FixedAtoms may not be enabled in a script.";
        fires(BASE + RUN + "fixedAtoms on\n" + RUN, NamdRules.NOT_SETTABLE_AFTER_RUN, fixed, true);
        String fixedBase = BASE + "fixedAtoms on\nfixedAtomsFile f.pdb\n";
        fires(fixedBase + RUN + "fixedAtoms off\n" + RUN, NamdRules.REQUIRED_MISSING, "To use fixedAtoms in script first use fixedAtomsForces yes.", true);
        silent(fixedBase + "fixedAtomsForces on\n" + RUN + "fixedAtoms off\n" + RUN, fixed);
        silent(fixedBase + "fixedAtomsForces on\n" + RUN + "fixedAtoms off\n" + RUN, "To use fixedAtoms in script");
        fires(fixedBase + "fixedAtomsForces on\n" + RUN + "fixedAtoms off\n" + RUN + "fixedAtoms off\n" + RUN, NamdRules.NOT_SETTABLE_AFTER_RUN, fixed,
                true);
        String solute = "Cannot set solute scaling factor when soluteScaling is off";
        fires(BASE + RUN + "soluteScalingFactor 0.5\n" + RUN, NamdRules.NOT_SETTABLE_AFTER_RUN, solute, true);
        silent(BASE + "soluteScaling on\n" + RUN + "soluteScalingFactor 0.5\n" + RUN, solute);
        String mc = "Monte Carlo pressure control must be enabled at startup";
        fires(BASE + RUN + "monteCarloPressureOn on\n" + RUN, NamdRules.NOT_SETTABLE_AFTER_RUN, mc, true);
        silent(BASE + "GPUresident on\nMonteCarloPressure on\n" + RUN + "monteCarloPressureOn off\n" + RUN + "monteCarloPressureOn on\n" + RUN, mc);
        // script-only parameters are no unknown keywords after a run, but are before it
        assertEquals(List.of(), NamdLanguage.validate(BASE + RUN + "scriptArg1 5\ninitialTemp 300\n" + RUN, "s.namd", ValidationOptions.DEFAULT)
                .stream().filter(f -> NamdRules.UNKNOWN_KEYWORD.equals(f.code())).toList());
        assertEquals(1, NamdLanguage.validate(BASE + "scriptArg1 5\n" + RUN, "s.namd", ValidationOptions.DEFAULT).stream()
                .filter(f -> NamdRules.UNKNOWN_KEYWORD.equals(f.code())).count());
        String idws = "alchLambdaIDWS and alchLambdaFreq are not compatible.";
        fires(BASE + ALCH + "alchLambdaIDWS 0.05\n" + RUN + "alchLambdaFreq 10\n" + RUN, NamdRules.CONFLICT, idws, true);
        silent(BASE + ALCH + RUN + "alchLambdaFreq 10\n" + RUN, idws);
        silent(BASE + ALCH + "alchLambdaIDWS 0.05\n" + RUN + "alchLambdaIDWS -1\nalchLambdaFreq 10\n" + RUN, idws);
    }
}
