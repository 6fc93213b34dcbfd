package org.namdrunner.template.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.namdrunner.template.catalog.KeywordInfo;
import org.namdrunner.template.model.NamdWord;
import org.namdrunner.template.model.ValueChecks;
import org.namdrunner.template.validation.NamdRules.Setting;

/**
 * NAMD 3.0's own start-up checks that {@link NamdRules} does not cover elsewhere: the {@code NAMD_die} and {@code iWARN}
 * of {@code SimParameters::check_config}, {@code print_config} (which also runs at start-up, after check_config),
 * {@code setupIDWS} and {@code SimParameters::scriptSet} (src/SimParameters.C of the 3.0 mirror;
 * {@code Lnnnn} below is the line there, the {@code line} column of resources/catalog/namd_checks.tsv).
 *
 * <p>A check reports only what the file certainly sets. NAMD's {@code opts.defined(x)} is true when the file sets x
 * or x has a default (ParseOptions::set), and a keyword the file does not set takes NAMD's default; whether a keyword is
 * "not set" is only known for a file that neither sources an unread file nor is a fragment (a file without run, which
 * another config sources). Values from placeholders, Tcl variables, loops, procs and non-constant branches are never
 * certain. {@code NAMD_die} is an error, {@code iWARN} a warning.
 */
final class StartupChecks {

    private final NamdRules r;
    /** a keyword the file does not set may still be set elsewhere (a fragment, or an unread sourced file) */
    private final boolean absenceUnknown;

    StartupChecks(NamdRules rules) {
        this.r = rules;
        this.absenceUnknown = rules.sourcesUnknown() || rules.isFragment();
    }

    void run() {
        obsoleteAndInput();
        water();
        langevin();
        rescaleAndReassign();
        alchemy();
        lesPairDrude();
        loadBalancing();
        fullElectrostatics();
        restraints();
        accelMd();
        adaptiveTempering();
        qmmm();
        soaIntegrate();
        printConfig();
        idws();
        scriptSet();
    }

    // ---------------------------------------------------------------- what the file certainly sets before the first run

    /**
     * Whether the file sets the keyword before the first run (NAMD's {@code config->find}, and {@code opts.defined}
     * for a keyword without default): TRUE when a certain setting does, FALSE when nothing can, null when unknown.
     */
    private Boolean set(String keyword) {
        if (r.setInSourcedFile(keyword)) {
            return null;
        }
        if (!r.certainSettings(keyword).isEmpty()) {
            return Boolean.TRUE;
        }
        // a setting after a run that may not have run (in a branch) may be part of the start-up config
        boolean maybe = r.all(keyword).stream().anyMatch(s -> !s.command().isDead()
                && (!s.command().afterRun() || s.command().inProc() || !s.command().afterCertainRun()));
        return maybe || absenceUnknown ? null : Boolean.FALSE;
    }

    /** The keyword's start-up switch state (NAMD's default when not set), or null when not certain. */
    private Boolean on(String keyword) {
        Boolean s = set(keyword);
        if (s == null) {
            return null;
        }
        if (!s) {
            KeywordInfo k = r.catalog().keyword(keyword).orElseThrow();
            return k.hasDefault() ? ValueChecks.booleanValue(k.defaultValue()) : Boolean.FALSE;
        }
        return r.certainValue(keyword).map(ValueChecks::booleanValue).orElse(null);
    }

    private boolean isOn(String keyword) {
        return Boolean.TRUE.equals(on(keyword));
    }

    private boolean isOff(String keyword) {
        return Boolean.FALSE.equals(on(keyword));
    }

    /** The first certain setting of the keyword before the first run. */
    private Setting first(String keyword) {
        List<Setting> s = r.certainSettings(keyword);
        return s.isEmpty() ? null : s.get(0);
    }

    /** A number the file certainly sets, or NAMD's default (null: none) when it does not set it. */
    private Optional<Double> number(String keyword, Double namdDefault) {
        Boolean s = set(keyword);
        if (s == null) {
            return Optional.empty();
        }
        return s ? r.certainNumber(keyword) : Optional.ofNullable(namdDefault);
    }

    /** A string the file certainly sets (empty when not set or not certain). */
    private Optional<String> string(String keyword) {
        return Boolean.TRUE.equals(set(keyword)) ? r.certainValue(keyword).map(String::strip).filter(v -> !v.isEmpty()) : Optional.empty();
    }

    /** Where to report a finding about a setting: its keyword. */
    private static NamdWord at(Setting s) {
        return s.command().first();
    }

    /** Where to report a finding about a setting's value: its first value word, else its keyword. */
    private static NamdWord valueOf(Setting s) {
        return s.values().isEmpty() ? s.command().first() : s.values().get(0);
    }

    private void error(String code, Setting where, String msg, String namd, String... data) {
        NamdWord w = at(where);
        r.error(code, msg + " (NAMD: \"" + namd + "\")", w.offset(), w.length(), data);
    }

    private void warning(String code, Setting where, String msg, String namd, String... data) {
        NamdWord w = at(where);
        r.warning(code, msg + " (NAMD: \"" + namd + "\")", w.offset(), w.length(), data);
    }

    private static String fmt(double d) {
        return NamdRules.fmt(d);
    }

    // ---------------------------------------------------------------- check_config

    private void obsoleteAndInput() {
        Setting obsolete = first("obsolete");
        if (obsolete != null) { // L2648
            warning(NamdRules.BAD_VALUE, obsolete, "obsolete is set: NAMD ignores obsolete options silently",
                    "\"obsolete\" defined, silently ignoring obsolete options");
        }
        Setting plugin = r.someCertainOn("usePluginIO");
        Setting coordinates = first("coordinates");
        if (plugin != null && coordinates != null && isOn("usePluginIO")) { // L2795
            error(NamdRules.CONFLICT, NamdRules.later(plugin, coordinates), "usePluginIO takes the coordinates from the structure file: "
                    + "coordinates may not be set", "Separate coordinates file not allowed with plugin IO, coordinates will be taken from structure file.",
                    "usePluginIO", "coordinates");
        }
        Setting compressed = r.someCertainOn("useCompressedPsf");
        if (compressed != null && isOn("useCompressedPsf") && isOff("amber") && isOff("gromacs")) { // L2803
            error(NamdRules.BAD_VALUE, compressed, "useCompressedPsf needs NAMD's memory-optimised build, not the standard one",
                    "useCompressedPsf requires memory-optimized build!", "useCompressedPsf");
        }
        Setting lj = r.someCertainOn("LJcorrection");
        Setting ljAlt = r.someCertainOn("LJcorrectionAlt");
        if (lj != null && ljAlt != null && isOn("LJcorrection") && isOn("LJcorrectionAlt")) { // L3110
            error(NamdRules.CONFLICT, NamdRules.later(lj, ljAlt), "LJcorrection and LJcorrectionAlt are both on",
                    "Only one method for LJ tail correction must be used.", "LJcorrection", "LJcorrectionAlt");
        }
        // L3240: the 1-4 scaling factor (oneFourScaling wins over 1-4scaling; default 1.0) needs exclude scaled1-4
        for (String name : List.of("oneFourScaling", "1-4scaling")) {
            Setting s = first(name);
            if (s == null) {
                if (set(name) == null) {
                    break;
                }
                continue;
            }
            Optional<Double> scale = number(name, null);
            Optional<String> exclude = string("exclude");
            if (scale.isPresent() && scale.get() != 1.0 && exclude.isPresent() && !exclude.get().equalsIgnoreCase("scaled1-4")) {
                warning(NamdRules.CONFLICT, s, name + " " + fmt(scale.get()) + " is ignored with exclude " + exclude.get()
                        + " (only scaled1-4 scales 1-4 interactions)", "Exclude is not scaled1-4; 1-4scaling ignored.", "exclude");
            }
            break;
        }
        // L3539: constant pressure with margin 0 (outside GPU-resident mode, which sets its own margin)
        Optional<Double> margin = number("margin", null);
        Setting marginSet = first("margin");
        if (margin.isPresent() && margin.get() == 0 && marginSet != null && isOff("GPUresident") && isOff("CUDASOAintegrate")) {
            for (String p : List.of("BerendsenPressure", "LangevinPiston", "MonteCarloPressure")) {
                if (isOn(p)) {
                    warning(NamdRules.BAD_RANGE, marginSet, "margin 0 with " + p + " on: NAMD replaces it by its default margin",
                            "ALWAYS USE NON-ZERO MARGIN WITH CONSTANT PRESSURE!", "margin");
                    break;
                }
            }
        }
        // L3447: Martini (switching on, not with vdwForceSwitching: NAMD dies before) wants dielectric 15
        Setting martini = r.someCertainOn("martiniSwitching");
        if (martini != null && isOn("martiniSwitching") && isOn("switching") && isOff("vdwForceSwitching") && isOff("martiniDielAllow")) {
            Optional<Double> diel = number("dielectric", 1.0);
            if (diel.isPresent() && diel.get() != 15.0) {
                warning(NamdRules.CONFLICT, martini, "martiniSwitching with dielectric " + fmt(diel.get())
                        + ": NAMD sets dielectric 15 unless martiniDielAllow is on", "FOR NON-STANDARD DIELECTRIC WITH MARTINI, SET: martiniDielAllow on",
                        "martiniDielAllow");
            }
        }
        Setting molly = r.someCertainOn("molly");
        Optional<String> split = string("splitPatch");
        if (molly != null && isOn("molly") && split.isPresent() && split.get().equalsIgnoreCase("position")) { // L3642
            error(NamdRules.CONFLICT, NamdRules.later(molly, first("splitPatch")), "molly with splitPatch position",
                    "splitPatch hydrogen is required for MOLLY", "splitPatch");
        }
    }

    /** L3265 and L3411: SWM4-DP needs drude; TIP4P and SWM4-DP (also set by drude) need rigid bonds. */
    private void water() {
        Setting model = first("waterModel");
        Optional<String> m = string("waterModel").map(v -> v.toLowerCase(Locale.ROOT));
        boolean swm4 = m.isPresent() && m.get().startsWith("swm4");
        boolean tip4 = m.isPresent() && m.get().startsWith("tip4");
        if (swm4 && isOff("drude")) {
            error(NamdRules.REQUIRED_MISSING, model, "waterModel swm4 needs drude on", "Must have 'drudeOn' enabled to use SWM4-DP water model.", "drude");
            return;
        }
        Setting drude = isOn("drude") ? r.someCertainOn("drude") : null;
        if (!tip4 && !swm4 && drude == null) {
            return;
        }
        Boolean rigidSet = set("rigidBonds");
        Optional<String> rigid = string("rigidBonds");
        boolean none = Boolean.FALSE.equals(rigidSet) || rigid.isPresent() && rigid.get().equalsIgnoreCase("none");
        if (none && (m.isPresent() || drude != null)) {
            String w = tip4 ? "TIP4P" : "SWM4-DP";
            Setting where = tip4 || swm4 ? model : drude;
            error(NamdRules.REQUIRED_MISSING, where, (tip4 || swm4 ? "waterModel " + m.get() : "drude on (it uses SWM4-DP water)")
                    + " needs rigidBonds all or water" + (Boolean.FALSE.equals(rigidSet) ? " (rigidBonds is not set: none)" : ""),
                    "Water model " + w + " requires rigidBonds set to \"all\" or \"water\"", "rigidBonds");
        }
    }

    /** L3729, L3731: Langevin parameters either as damping/hydrogen or from a file, and hydrogen needs damping. */
    private void langevin() {
        Setting lon = r.someCertainOn("Langevin");
        if (lon == null || !isOn("Langevin")) {
            return;
        }
        Setting damping = first("langevinDamping");
        Setting hydrogen = first("langevinHydrogen");
        Setting file = first("langevinFile");
        Setting col = first("langevinCol");
        Setting a = damping != null ? damping : hydrogen;
        Setting b = file != null ? file : col;
        if (a != null && b != null) {
            error(NamdRules.CONFLICT, NamdRules.later(a, b), a.keyword().name() + " and " + b.keyword().name() + " are both set",
                    "To specify Langevin dynamics parameters, use either langevinDamping and langevinHydrogen or langevinFile and langevinCol.  Do not combine them.",
                    a.keyword().name(), b.keyword().name());
        }
        if (hydrogen != null && Boolean.FALSE.equals(set("langevinDamping"))) {
            error(NamdRules.REQUIRED_MISSING, hydrogen, "langevinHydrogen is set but langevinDamping is not",
                    "langevinHydrogen requires langevinDamping to be set.", "langevinDamping");
        }
    }

    /** L3774-L3836: rescale/reassign frequency and temperature come in pairs (temperature stands in for the target). */
    private void rescaleAndReassign() {
        for (String kind : List.of("rescale", "reassign")) {
            Setting freq = first(kind + "Freq");
            Setting temp = first(kind + "Temp");
            if (freq != null && Boolean.FALSE.equals(set(kind + "Temp")) && Boolean.FALSE.equals(set("temperature"))) {
                error(NamdRules.REQUIRED_MISSING, freq, kind + "Freq is set but neither " + kind + "Temp nor temperature",
                        "Must give a " + kind + " temperature if " + kind + "Freq is defined", kind + "Temp");
            }
            if (temp != null && Boolean.FALSE.equals(set(kind + "Freq"))) {
                error(NamdRules.REQUIRED_MISSING, temp, kind + "Temp is set but " + kind + "Freq is not",
                        kind.equals("rescale") ? "Must give a rescale freqency if rescaleTemp is given"
                                : "Must give a reassignment freqency if reassignTemp is given", kind + "Freq");
            }
        }
        Setting incr = first("reassignIncr");
        if (incr != null && Boolean.FALSE.equals(set("reassignFreq"))) {
            error(NamdRules.REQUIRED_MISSING, incr, "reassignIncr is set but reassignFreq is not",
                    "Must give a reassignment freqency if reassignIncr is given", "reassignFreq");
        }
        Setting hold = first("reassignHold");
        if (hold != null && Boolean.FALSE.equals(set("reassignIncr"))) {
            error(NamdRules.REQUIRED_MISSING, hold, "reassignHold is set but reassignIncr is not",
                    "Must give a reassignment increment if reassignHold is given", "reassignIncr");
        }
    }

    /** L3872-L3950 and L4336-L4364: alchemical free energy (FEP/TI). */
    private void alchemy() {
        Setting alch = r.someCertainOn("alch");
        if (alch == null || !isOn("alch")) {
            return;
        }
        Setting martini = r.someCertainOn("martiniSwitching");
        if (martini != null && isOn("martiniSwitching")) { // L3872
            warning(NamdRules.CONFLICT, martini, "martiniSwitching does not apply to alchemical interactions",
                    "Martini switching disabled for alchemical interactions.");
        }
        Boolean typeSet = set("alchType");
        Optional<String> type = string("alchType").map(t -> t.toLowerCase(Locale.ROOT));
        if (Boolean.FALSE.equals(typeSet)) { // L3877
            error(NamdRules.REQUIRED_MISSING, alch, "alch is on but alchType is not set", "Must define type of alchemical simulation: fep or ti",
                    "alchType");
        }
        boolean fep = type.isPresent() && type.get().equals("fep");
        boolean ti = type.isPresent() && type.get().equals("ti");
        // L3891-3897: the alchemical temperature comes from a thermostat
        if (Boolean.FALSE.equals(set("rescaleFreq")) && Boolean.FALSE.equals(set("reassignFreq")) && isOff("Langevin") && isOff("stochRescale")
                && isOff("tCouple")) {
            error(NamdRules.REQUIRED_MISSING, alch, "alch is on without a thermostat (Langevin, stochRescale, tCouple, rescaleFreq or reassignFreq)",
                    "Alchemical FEP can be performed only in constant temperature simulations", "langevin");
        }
        Setting incr = first("reassignIncr");
        Optional<Double> incrValue = number("reassignIncr", 0.0);
        if (incr != null && Boolean.TRUE.equals(set("reassignFreq")) && incrValue.isPresent() && incrValue.get() != 0) { // L3900
            error(NamdRules.CONFLICT, incr, "reassignIncr with alch on", "reassignIncr cannot be used in alchemical simulations", "alch");
        }
        Setting wca = r.someCertainOn("alchWCA");
        if (wca != null && isOn("alchWCA")) {
            Optional<Double> vdwEnd = number("alchVdwLambdaEnd", 1.0);
            Optional<Double> repEnd = number("alchRepLambdaEnd", 0.5);
            if (vdwEnd.isPresent() && repEnd.isPresent() && repEnd.get() <= 1.0 && vdwEnd.get() < repEnd.get()) { // L3918
                Setting where = first("alchVdwLambdaEnd") != null ? first("alchVdwLambdaEnd") : first("alchRepLambdaEnd");
                error(NamdRules.BAD_RANGE, where, "alchVdwLambdaEnd " + fmt(vdwEnd.get()) + " is less than alchRepLambdaEnd " + fmt(repEnd.get())
                        + " with alchWCA on", "alchVdwLambdaEnd should be greater than alchRepLambdaEnd", "alchRepLambdaEnd");
            }
            Optional<Double> shift = number("alchVdwShiftCoeff", 5.0);
            if (shift.isPresent() && shift.get() > 0) { // L3920
                warning(NamdRules.CONFLICT, wca, "alchWCA is on: NAMD sets alchVdwShiftCoeff (" + fmt(shift.get())
                        + (first("alchVdwShiftCoeff") == null ? ", its default" : "") + ") to 0; set alchVdwShiftCoeff 0",
                        "alchVdwShiftCoeff is non-zero but not used when WCA is active. Setting it to zero now.", "alchVdwShiftCoeff");
            }
            if (ti) { // L3925
                error(NamdRules.CONFLICT, NamdRules.later(wca, first("alchType")), "alchWCA with alchType ti", "alchWCA is not currently compatible with TI",
                        "alchType");
            }
        }
        // L3934 (and L3944 behind it): FEP needs alchLambda2, whose default -1 is out of range
        if (fep && Boolean.FALSE.equals(set("alchLambda2"))) {
            error(NamdRules.REQUIRED_MISSING, first("alchType"), "alchType fep but alchLambda2 is not set (its default -1 is outside [0, 1])",
                    "alchLambda2 values should be in the range [0.0, 1.0]", "alchLambda2");
        }
        Optional<Double> lambdaFreq = number("alchLambdaFreq", 0.0);
        if (ti && lambdaFreq.isPresent() && lambdaFreq.get() != 0 && Boolean.FALSE.equals(set("alchLambda2"))) { // L3950
            error(NamdRules.REQUIRED_MISSING, first("alchLambdaFreq"), "alchLambdaFreq with TI needs alchLambda2 (its default -1 is outside [0, 1])",
                    "alchLambda2 values should be in the range [0.0, 1.0]", "alchLambda2");
        }
        Setting les = r.someCertainOn("les");
        if (les != null && isOn("les")) { // L3964
            error(NamdRules.CONFLICT, NamdRules.later(alch, les), "alch and les are both on", "Sorry, combined LES with FEP or TI is not implemented.",
                    "alch", "les");
        }
        Setting direct = r.someCertainOn("FullDirect");
        if (direct != null && isOn("FullDirect") && (fep || ti)) { // L4361, L4364
            error(NamdRules.CONFLICT, direct, "FullDirect with alchemical " + (fep ? "FEP" : "TI"), "Sorry, " + (fep ? "FEP" : "TI")
                    + " is only implemented for PME full electrostatics.", "PME");
        }
        Setting single = r.someCertainOn("singleTopology");
        if (single != null && isOn("singleTopology") && Boolean.TRUE.equals(fullElectOn())) {
            Optional<Long> fef = fullElectFrequency();
            if (fef.isPresent() && fef.get() > 1) { // L4336
                error(NamdRules.CONFLICT, single, "singleTopology with fullElectFrequency " + fef.get() + " (multiple time stepping)",
                        "Single topology free energy calculation discourages multiple timesteps to assure accuracy!", "fullElectFrequency");
            }
            Setting decouple = r.someCertainOn("alchDecouple");
            if (decouple != null && isOn("alchDecouple")) { // L4337
                error(NamdRules.CONFLICT, NamdRules.later(single, decouple), "singleTopology with alchDecouple on",
                        "Single topology free energy calculation can NOT work with alchDecouple on", "alchDecouple");
            }
        }
    }

    /** L3987-L4003, L4358, L4373-L4379, L4574-L4585. */
    private void lesPairDrude() {
        Setting les = isOn("les") ? r.someCertainOn("les") : null;
        if (les != null) {
            Setting factor = first("lesFactor");
            Optional<Double> f = number("lesFactor", null);
            if (factor != null && f.isPresent() && (f.get() < 1 || f.get() > 255)) {
                error(NamdRules.BAD_RANGE, factor, "lesFactor " + fmt(f.get()) + " is outside 1..255", "lesFactor must be positive and less than 256");
            }
            Setting direct = r.someCertainOn("FullDirect");
            if (direct != null && isOn("FullDirect")) {
                error(NamdRules.CONFLICT, NamdRules.later(les, direct), "les with FullDirect", "Sorry, LES is only implemented for PME full electrostatics.",
                        "PME");
            }
        }
        Setting pair = isOn("pairInteraction") ? r.someCertainOn("pairInteraction") : null;
        if (pair != null) {
            for (String other : List.of("alch", "les")) {
                Setting o = isOn(other) ? r.someCertainOn(other) : null;
                if (o != null) { // L3990
                    error(NamdRules.CONFLICT, NamdRules.later(pair, o), "pairInteraction with " + other + " on",
                            "Sorry, pair interactions may not be calculated when LES, FEP or TI is enabled.", other);
                }
            }
            Setting direct = isOn("FullDirect") ? r.someCertainOn("FullDirect") : null;
            if (direct != null) { // L4373
                error(NamdRules.CONFLICT, NamdRules.later(pair, direct), "pairInteraction with FullDirect",
                        "Sorry, pairInteraction not implemented for full direct electrostatics.", "FullDirect");
            }
            // L4379: config->find, so only the file's own setting counts (not the -1 default)
            if (isOff("pairInteractionSelf") && Boolean.FALSE.equals(set("pairInteractionGroup2"))) {
                error(NamdRules.REQUIRED_MISSING, pair, "pairInteraction without pairInteractionSelf needs pairInteractionGroup2",
                        "pairInteractionGroup2 must be specified", "pairInteractionGroup2");
            }
            Optional<Double> energies = number("outputEnergies", 1.0);
            if (energies.isPresent() && energies.get() != 1 && first("outputEnergies") != null) { // L4577
                warning(NamdRules.CONFLICT, first("outputEnergies"), "pairInteraction is on: NAMD sets outputEnergies to 1",
                        "Setting outputEnergies to 1 due to pairInteraction calculations", "pairInteraction");
            }
        }
        Setting profile = isOn("pressureProfile") ? r.someCertainOn("pressureProfile") : null;
        Optional<Double> nbFreq = number("nonbondedFreq", 1.0);
        if ((pair != null || profile != null) && nbFreq.isPresent() && nbFreq.get() != 1 && first("nonbondedFreq") != null) { // L4584
            warning(NamdRules.CONFLICT, first("nonbondedFreq"), (pair != null ? "pairInteraction" : "pressureProfile")
                    + " is on: NAMD evaluates nonbonded forces every step", "Setting nonbondedFreq to 1 due to pairInteraction or pressure profile calculations",
                    pair != null ? "pairInteraction" : "pressureProfile");
        }
        Setting drude = isOn("drude") ? r.someCertainOn("drude") : null;
        if (drude != null) {
            if (Boolean.FALSE.equals(set("drudeDamping")) && isOn("Langevin")) { // L3999
                warning(NamdRules.REQUIRED_MISSING, drude, "drude is on without drudeDamping: NAMD uses langevinDamping",
                        "Undefined 'drudeDamping' will be set to value of 'langevinDamping'", "drudeDamping");
            }
            Setting alch = isOn("alch") ? r.someCertainOn("alch") : null;
            if (alch != null) { // L4003
                error(NamdRules.CONFLICT, NamdRules.later(drude, alch), "drude and alch are both on",
                        "Drude implementation is incompatible with alchemical free energy calculation.", "drude", "alch");
            }
        }
    }

    /** L4047: ldbPeriod (default 200 cycles) must be greater than firstLdbStep (default 5 cycles). */
    private void loadBalancing() {
        Setting period = first("ldbPeriod");
        Setting firstStep = first("firstLdbStep");
        if (period == null && firstStep == null) {
            return;
        }
        boolean defaultsKnown = isOff("GPUresident") && isOff("CUDASOAintegrate"); // GPU-resident mode tunes stepspercycle
        Optional<Long> cycle = defaultsKnown ? r.certainLong("stepspercycle", "20") : Optional.empty();
        Optional<Double> p = number("ldbPeriod", cycle.map(c -> 200.0 * c).orElse(null));
        Optional<Double> f = number("firstLdbStep", cycle.map(c -> 5.0 * c).orElse(null));
        if (p.isPresent() && f.isPresent() && p.get() <= f.get()) {
            Setting where = period != null ? period : firstStep;
            error(NamdRules.BAD_RANGE, where, "ldbPeriod " + fmt(p.get()) + (period == null ? " (its default)" : "") + " is not greater than firstLdbStep "
                    + fmt(f.get()) + (firstStep == null ? " (its default)" : ""), "ldbPeriod must greater than firstLdbStep.", "firstLdbStep");
        }
    }

    /** Full electrostatics is on (PME, MSM, FMM, FullDirect, GBIS or SASA); null when not certain. */
    private Boolean fullElectOn() {
        List<String> methods = List.of("PME", "MSM", "FMM", "FullDirect", "GBIS", "GBISSer", "SASA");
        if (methods.stream().anyMatch(this::isOn)) {
            return Boolean.TRUE;
        }
        return methods.stream().allMatch(this::isOff) ? Boolean.FALSE : null;
    }

    /** fullElectFrequency as NAMD sets it with full electrostatics on: its value, else fmaFrequency, else nonbondedFreq (1). */
    private Optional<Long> fullElectFrequency() {
        for (String k : List.of("fullElectFrequency", "fmaFrequency")) {
            Boolean s = set(k);
            if (s == null) {
                return Optional.empty();
            }
            if (s) {
                return r.certainValue(k).map(String::strip).filter(ValueChecks::isInteger).map(Long::parseLong);
            }
        }
        Boolean nb = set("nonbondedFreq");
        if (nb == null) {
            return Optional.empty();
        }
        return nb ? r.certainValue("nonbondedFreq").map(String::strip).filter(ValueChecks::isInteger).map(Long::parseLong) : Optional.of(1L);
    }

    /** L4151, L4313, L4323, L4342-L4349. */
    private void fullElectrostatics() {
        List<Setting> methods = new ArrayList<>();
        for (String m : List.of("PME", "MSM", "FMM", "FullDirect")) {
            if (isOn(m) && r.someCertainOn(m) != null) {
                methods.add(r.someCertainOn(m));
            }
        }
        if (methods.size() > 1) {
            methods.sort(Comparator.comparingInt(s -> s.command().offset()));
            error(NamdRules.CONFLICT, methods.get(methods.size() - 1), String.join(", ", methods.stream().map(s -> s.keyword().name()).toList())
                    + " are on: choose one full electrostatics method", "More than one full electrostatics algorithm selected!!!",
                    methods.stream().map(s -> s.keyword().name()).toArray(String[]::new));
        }
        if (!Boolean.TRUE.equals(fullElectOn())) {
            return;
        }
        Setting fma = first("fmaFrequency");
        if (fma != null) {
            Boolean fe = set("fullElectFrequency");
            if (Boolean.FALSE.equals(fe)) {
                warning(NamdRules.CONFLICT, fma, "fmaFrequency is the old name of fullElectFrequency",
                        "The parameter fmaFrequency has been renamed fullElectFrequency.", "fullElectFrequency");
            } else if (Boolean.TRUE.equals(fe)) {
                warning(NamdRules.CONFLICT, fma, "fmaFrequency is ignored: fullElectFrequency is set",
                        "Ignoring redundant parameter fmaFrequency in favor of fullElectFrequency.", "fullElectFrequency");
            }
        }
        Setting multigrator = isOn("Multigrator") ? r.someCertainOn("Multigrator") : null;
        if (multigrator == null) {
            return;
        }
        Optional<Double> tf = number("MultigratorTemperatureFreq", null);
        Optional<Double> pf = number("MultigratorPressureFreq", null);
        if (tf.isPresent() && pf.isPresent() && tf.get() > 0 && (tf.get() > pf.get() || pf.get() % tf.get() != 0)) { // L4342
            error(NamdRules.FREQUENCY, first("MultigratorTemperatureFreq"), "MultigratorPressureFreq (" + fmt(pf.get())
                    + ") must be a multiple of MultigratorTemperatureFreq (" + fmt(tf.get()) + ")",
                    "multigratorTemperatureFreq must be a multiple of multigratorPressureFreq", "MultigratorPressureFreq");
        }
        Optional<Long> fef = fullElectFrequency();
        if (tf.isPresent() && fef.isPresent() && fef.get() > 0 && (fef.get() > tf.get() || tf.get() % fef.get() != 0)) { // L4346
            error(NamdRules.FREQUENCY, first("MultigratorTemperatureFreq"), "MultigratorTemperatureFreq (" + fmt(tf.get())
                    + ") must be a multiple of fullElectFrequency (" + fef.get() + ")", "fullElectFrequency must be a multiple of multigratorTemperatureFreq",
                    "fullElectFrequency");
        }
        Optional<Double> chain = number("MultigratorNoseHooverChainLength", 4.0);
        Setting chainSet = first("MultigratorNoseHooverChainLength");
        if (chain.isPresent() && chain.get() <= 2 && chainSet != null) { // L4349
            error(NamdRules.BAD_RANGE, chainSet, "MultigratorNoseHooverChainLength " + fmt(chain.get()) + " must be greater than 2",
                    "multigratorNoseHooverChainLength must be greater than 2");
        }
    }

    // ---------------------------------------------------------------- print_config and setupIDWS (run at start-up too)

    /** A switch the file certainly turns on before the first run (its setting), else null. */
    private Setting onAt(String keyword) {
        return isOn(keyword) ? r.someCertainOn(keyword) : null;
    }

    /** An integer the file certainly sets (empty when not set or not certain). */
    private Optional<Long> setLong(String keyword) {
        return Boolean.TRUE.equals(set(keyword)) ? r.certainValue(keyword).map(String::strip).filter(ValueChecks::isInteger).map(Long::parseLong)
                : Optional.empty();
    }

    /** nonbondedFreq at start-up (its default 1 when not set), empty when not certain. */
    private Optional<Long> nonbondedFreq() {
        Boolean nb = set("nonbondedFreq");
        if (nb == null) {
            return Optional.empty();
        }
        return nb ? setLong("nonbondedFreq") : Optional.of(1L);
    }

    /** fullElectFrequency as NAMD uses it after check_config: 0 without full electrostatics (L4304-4306). */
    private Optional<Long> effectiveFullElectFrequency() {
        Boolean fe = fullElectOn();
        if (fe == null) {
            return Optional.empty();
        }
        return fe ? fullElectFrequency() : Optional.of(0L);
    }

    /**
     * SimParameters::print_config, which NAMD runs at start-up right after check_config (L161-163): its NAMD_die on
     * pressure control (L6496-L6630), energy evaluation (L5499, L7148), Monte Carlo pressure with global forces (L6140)
     * and pressure profiles (L6705).
     */
    private void printConfig() {
        // L6503-L6531: cell-shape options of pressure control (read whether or not a barostat is on)
        Setting area = onAt("useConstantArea");
        Setting ratio = onAt("useConstantRatio");
        boolean flexibleOff = isOff("useFlexibleCell");
        if (area != null && ratio != null) {
            error(NamdRules.CONFLICT, area.command().offset() > ratio.command().offset() ? area : ratio,
                    "useConstantArea and useConstantRatio are both on", "useConstantArea and useConstantRatio are mutually exclusive.",
                    "useConstantRatio");
        }
        if (ratio != null && flexibleOff) {
            error(NamdRules.REQUIRED_MISSING, ratio, "useConstantRatio needs useFlexibleCell on", "useConstantRatio requires useFlexibleCell.",
                    "useFlexibleCell");
        }
        Optional<Double> tension = number("SurfaceTensionTarget", 0.0);
        if (area != null && tension.isPresent() && tension.get() != 0 && first("SurfaceTensionTarget") != null) {
            error(NamdRules.CONFLICT, first("SurfaceTensionTarget"), "SurfaceTensionTarget is set with useConstantArea on",
                    "surfaceTensionTarget and useConstantArea are mutually exclusive.", "useConstantArea");
        }
        if (area != null && flexibleOff) {
            error(NamdRules.REQUIRED_MISSING, area, "useConstantArea needs useFlexibleCell on", "useConstantArea requires useFlexibleCell.",
                    "useFlexibleCell");
        }
        if (isOn("fixCellDims")) {
            Setting x = onAt("fixCellDimX");
            Setting y = onAt("fixCellDimY");
            Setting z = onAt("fixCellDimZ");
            Setting any = x != null ? x : y != null ? y : z;
            if (flexibleOff && any != null) {
                error(NamdRules.REQUIRED_MISSING, any, "fixCellDims needs useFlexibleCell on", "fixCellDims requires useFlexibleCell.", "useFlexibleCell");
            } else if (isOn("useFlexibleCell")) {
                if (area != null && z != null) {
                    error(NamdRules.CONFLICT, z, "fixCellDimZ is on with useConstantArea", "fixCellDimZ can not be used with useConstantArea.",
                            "useConstantArea");
                } else if (ratio != null && (x != null || y != null)) {
                    Setting w = x != null ? x : y;
                    error(NamdRules.CONFLICT, w, w.keyword().name() + " is on with useConstantRatio", w.keyword().name()
                            + " can not be used with useConstantRatio.", "useConstantRatio");
                }
            }
            if (x != null && y != null && z != null) {
                error(NamdRules.CONFLICT, z, "fixCellDimX, fixCellDimY and fixCellDimZ are all on",
                        "Cell dimension can not be fixed in X, Y, and Z axis, simultaneously.", "fixCellDimX");
            }
        }
        Optional<Long> nb = nonbondedFreq();
        Optional<Long> fe = effectiveFullElectFrequency();
        // L6598 / L6630: the barostat's frequency, when set, a multiple of nonbondedFreq and fullElectFrequency
        for (String[] p : new String[][] { { "MonteCarloPressure", "MonteCarloPressureFreq", "monteCarloPressureFreq" },
                { "BerendsenPressure", "BerendsenPressureFreq", "berendsenPressureFreq" } }) {
            Setting freq = first(p[1]);
            Optional<Long> f = setLong(p[1]);
            if (onAt(p[0]) != null && freq != null && f.isPresent() && nb.isPresent() && fe.isPresent() && f.get() > 0 && nb.get() > 0
                    && (f.get() % nb.get() != 0 || fe.get() > 0 && f.get() % fe.get() != 0)) {
                error(NamdRules.FREQUENCY, freq, p[1] + " " + f.get() + " is not a multiple of nonbondedFreq (" + nb.get() + ")"
                        + (fe.get() > 0 ? " and fullElectFrequency (" + fe.get() + ")" : ""),
                        p[2] + " must be a multiple of both fullElectFrequency and nonbondedFrequency", "nonbondedFreq", "fullElectFrequency");
            }
        }
        // L6547
        Setting rate = first("MonteCarloAcceptanceRate");
        Optional<Double> acc = r.certainNumber("MonteCarloAcceptanceRate");
        if (onAt("MonteCarloPressure") != null && rate != null && acc.isPresent() && (acc.get() > 0.8 || acc.get() < 0.2)) {
            error(NamdRules.BAD_RANGE, rate, "MonteCarloAcceptanceRate " + fmt(acc.get()) + " is outside [0.2, 0.8]",
                    "Acceptance rate in Monte Carlo pressure control must be between 0.2 and 0.8!");
        }
        // L6140: Monte Carlo pressure control with a global-forces feature (SMD counts only without GPUresident, which MC needs)
        Setting mc = onAt("MonteCarloPressure");
        if (mc != null) {
            for (String g : List.of("tclForces", "freeEnergy", "miscForces", "TMD", "colvars", "symmetryRestraints", "QMForces", "IMDon")) {
                Setting on = onAt(g);
                if (on != null && !(g.equals("IMDon") && (isOn("IMDignore") || isOn("IMDignoreForces")))) {
                    error(NamdRules.CONFLICT, on.command().offset() > mc.command().offset() ? on : mc, "MonteCarloPressure and " + g
                            + " are both on", "Monte Carlo pressure control is not compatible with global forces computations", g);
                    break;
                }
            }
        }
        // L6705
        Setting slabs = first("pressureProfileSlabs");
        Optional<Double> ns = r.certainNumber("pressureProfileSlabs");
        if (isOn("pressureProfile") && slabs != null && ns.isPresent() && ns.get() < 1) {
            error(NamdRules.BAD_RANGE, slabs, "pressureProfileSlabs " + fmt(ns.get()) + " must be at least 1", "pressureProfileSlabs must be positive.");
        }
        // L7059-L7089: MSM's approximation and splitting (when either is set other than 0), else its quality level
        if (onAt("MSM") != null) {
            Optional<Double> approx = number("MSMApprox", 0.0);
            Optional<Double> split = number("MSMSplit", 0.0);
            Optional<Double> quality = number("MSMQuality", 0.0);
            if (approx.isPresent() && split.isPresent()) {
                if (approx.get() != 0 || split.get() != 0) {
                    if ((approx.get() < 0 || approx.get() >= 8) && first("MSMApprox") != null) {
                        error(NamdRules.BAD_RANGE, first("MSMApprox"), "MSMApprox " + fmt(approx.get()) + " is not one of 0-7",
                                "MSM: unknown approximation requested (MSMApprox)");
                    }
                    if ((split.get() < 0 || split.get() >= 7) && first("MSMSplit") != null) {
                        error(NamdRules.BAD_RANGE, first("MSMSplit"), "MSMSplit " + fmt(split.get()) + " is not one of 0-6",
                                "MSM: unknown splitting requested (MSMSplit)");
                    }
                } else if (quality.isPresent() && (quality.get() < 0 || quality.get() > 4) && first("MSMQuality") != null) {
                    error(NamdRules.BAD_RANGE, first("MSMQuality"), "MSMQuality " + fmt(quality.get()) + " is not one of 0-4",
                            "MSM: unknown quality requested (MSMQuality)");
                }
            }
        }
        // L7136: the standard build is not linked to the FMM library (FMM_SOLVER undefined)
        Setting fmm = onAt("FMM");
        if (fmm != null) {
            error(NamdRules.CONFLICT, fmm, "FMM needs a NAMD built with the FMM library; the standard build has none",
                    "Must link to FMM library to use FMM");
        }
        // computeEnergies is new in NAMD 3.0 (2.14 has neither check)
        if (r.namdVersion() == org.namdrunner.template.catalog.NamdVersion.V2_14) {
            return;
        }
        Boolean ceSet = set("computeEnergies");
        Boolean oeSet = set("outputEnergies");
        if (ceSet == null || oeSet == null) {
            return;
        }
        Optional<Long> oe = oeSet ? setLong("outputEnergies") : Optional.of(1L);
        Optional<Long> ce = ceSet ? setLong("computeEnergies") : oe; // L5491-5492: defaults to outputEnergies
        if (oe.isEmpty() || ce.isEmpty() || oe.get() <= 0 || ce.get() <= 0) {
            return;
        }
        if (ceSet && ce.get() != 1 && oe.get() % ce.get() != 0) { // L5499
            error(NamdRules.FREQUENCY, first("computeEnergies"), "outputEnergies (" + oe.get() + ") is not a multiple of computeEnergies ("
                    + ce.get() + ")", "The period of outputting energies ... is not a multiple of the period of computing energies", "outputEnergies");
        }
        // L7141-7148: FMA, PME, MSM, fullDirect, GBIS or FMM (not LCPO/SASA alone, which still sets fullElectFrequency)
        boolean l7141 = List.of("PME", "MSM", "FMM", "FullDirect", "GBIS").stream().anyMatch(this::isOn);
        if (l7141 && fe.isPresent() && fe.get() > 0 && ce.get() % fe.get() != 0 && fe.get() % ce.get() != 0) { // L7148
            Setting where = ceSet ? first("computeEnergies") : oeSet ? first("outputEnergies") : first("fullElectFrequency");
            if (where != null) {
                error(NamdRules.FREQUENCY, where, (ceSet ? "computeEnergies (" : "computeEnergies (its default, outputEnergies ") + ce.get()
                        + ") and fullElectFrequency (" + fe.get() + ") are not multiples of one another",
                        "Either computeEnergies must be a multiple of fullElectFrequency or vice versa.", "fullElectFrequency");
            }
        }
    }

    /** SimParameters::setupIDWS (called by check_config L3936 with alch on): L8103, L8117, L8121. */
    private void idws() {
        if (onAt("alch") == null) {
            return;
        }
        Setting idws = first("alchLambdaIDWS");
        Optional<Double> l = r.certainNumber("alchLambdaIDWS");
        if (idws == null || l.isEmpty() || l.get() < 0) {
            return;
        }
        if (l.get() > 1) {
            NamdWord w = valueOf(idws);
            r.error(NamdRules.BAD_RANGE, "alchLambdaIDWS " + fmt(l.get()) + " is above 1: it must be in [0, 1], or negative to disable IDWS"
                    + " (NAMD: \"alchLambdaIDWS should be either in the range [0.0, 1.0], or negative (disabled).\")", w.offset(), w.length());
            return;
        }
        Optional<Long> out = number("alchOutFreq", 5.0).filter(d -> d == Math.rint(d)).map(Double::longValue);
        Optional<Long> nb = nonbondedFreq();
        Optional<Long> fe = effectiveFullElectFrequency();
        Setting where = first("alchOutFreq") != null ? first("alchOutFreq") : idws;
        if (out.isPresent() && nb.isPresent() && nb.get() > 0 && out.get() % nb.get() != 0) {
            error(NamdRules.FREQUENCY, where, "with IDWS, alchOutFreq (" + out.get() + ") must be a multiple of nonbondedFreq (" + nb.get() + ")",
                    "For IDWS, alchOutFreq must be a multiple of nonBondedFrequency.", "nonbondedFreq");
        } else if (out.isPresent() && fe.isPresent() && fe.get() > 0 && out.get() % fe.get() != 0) {
            error(NamdRules.FREQUENCY, where, "with IDWS, alchOutFreq (" + out.get() + ") must be a multiple of fullElectFrequency (" + fe.get() + ")",
                    "For IDWS, alchOutFreq must be a multiple of fullElectFrequency.", "fullElectFrequency");
        }
    }

    /** L4471 (SMD direction) and L4568 (hydrogen-bond cutoff). */
    private void restraints() {
        Setting smd = isOn("SMD") ? r.someCertainOn("SMD") : null;
        Setting dir = first("SMDDir");
        if (smd != null && dir != null) {
            double[] v = r.certainValue("SMDDir").map(NamdRules::vector).orElse(null);
            if (v != null && v[0] == 0 && v[1] == 0 && v[2] == 0) {
                NamdWord w = valueOf(dir);
                r.error(NamdRules.BAD_VALUE, "SMDDir is the zero vector (NAMD: \"SMD direction vector must be non-zero\")", w.offset(), w.length());
            }
        }
        Setting hb = isOn("hbonds") ? r.someCertainOn("hbonds") : null;
        if (hb != null) {
            Optional<Double> cut = number("hbCutoffDist", 7.5);
            Optional<Double> cutoff = number("cutoff", null);
            Optional<Double> pairlist = number("pairlistdist", cutoff.orElse(null));
            if (cut.isPresent() && pairlist.isPresent() && cut.get() > pairlist.get()) {
                Setting where = first("hbCutoffDist") != null ? first("hbCutoffDist") : hb;
                error(NamdRules.DISTANCES, where, "hbCutoffDist " + fmt(cut.get()) + (first("hbCutoffDist") == null ? " (its default)" : "")
                        + " is greater than the pairlist distance " + fmt(pairlist.get()), "Hydrogen bond cutoff distance must be <= pairlist distance",
                        "pairlistdist");
            }
        }
    }

    /** L3650-L3696: accelerated MD. */
    private void accelMd() {
        Setting amd = isOn("accelMD") ? r.someCertainOn("accelMD") : null;
        if (amd == null) {
            return;
        }
        Setting g = isOn("accelMDG") ? r.someCertainOn("accelMDG") : null;
        if (g != null) {
            Optional<Double> ie = number("accelMDGiE", 1.0);
            if (ie.isPresent() && (ie.get() < 1 || ie.get() > 2)) {
                error(NamdRules.BAD_RANGE, first("accelMDGiE"), "accelMDGiE must be 1 or 2", "accelMDGiE was set to " + fmt(ie.get())
                        + " but it should be 1 or 2");
            }
            Optional<Double> window = number("accelMDGStatWindow", -1.0);
            Optional<Double> cmdPrep = number("accelMDGcMDPrepSteps", 200000.0);
            Optional<Double> cmd = number("accelMDGcMDSteps", 1000000.0);
            Optional<Double> equiPrep = number("accelMDGEquiPrepSteps", 200000.0);
            Optional<Double> equi = number("accelMDGEquiSteps", 1000000.0);
            if (window.isPresent() && window.get() > 0) {
                String[] names = { "accelMDGcMDPrepSteps", "accelMDGcMDSteps", "accelMDGEquiPrepSteps", "accelMDGEquiSteps" };
                List<Optional<Double>> values = List.of(cmdPrep, cmd, equiPrep, equi);
                for (int i = 0; i < names.length; i++) {
                    Optional<Double> v = values.get(i);
                    if (v.isPresent() && v.get() % window.get() != 0) {
                        Setting where = first(names[i]) != null ? first(names[i]) : first("accelMDGStatWindow");
                        error(NamdRules.FREQUENCY, where, names[i] + " (" + fmt(v.get()) + (first(names[i]) == null ? ", its default" : "")
                                + ") is not a multiple of accelMDGStatWindow (" + fmt(window.get()) + ")",
                                "'" + names[i] + "' has to be a multiple of 'accelMDGStatWindow'", "accelMDGStatWindow");
                        return;
                    }
                }
            }
            Boolean restart = on("accelMDGRestart");
            if (cmd.isPresent() && cmdPrep.isPresent() && restart != null && !(restart && cmd.get() == 0) && cmd.get() - cmdPrep.get() < 2) {
                Setting where = first("accelMDGcMDSteps") != null ? first("accelMDGcMDSteps") : first("accelMDGcMDPrepSteps");
                if (where != null) {
                    error(NamdRules.BAD_RANGE, where, "accelMDGcMDSteps (" + fmt(cmd.get()) + ") must exceed accelMDGcMDPrepSteps (" + fmt(cmdPrep.get())
                            + ") by at least 2", "'accelMDGcMDSteps' should be larger than 'accelMDGcMDPrepSteps'");
                    return;
                }
            }
            if (equi.isPresent() && equiPrep.isPresent() && equi.get() != 0 && isOn("accelMDGresetVaftercmd")) {
                Setting where = first("accelMDGEquiPrepSteps") != null ? first("accelMDGEquiPrepSteps") : first("accelMDGEquiSteps");
                if (where != null && equiPrep.get() <= 0) {
                    error(NamdRules.BAD_RANGE, where, "accelMDGEquiPrepSteps must be greater than 0 with accelMDGresetVaftercmd on",
                            "'accelMDGEquiPrepSteps' should be non-zero");
                    return;
                }
                if (where != null && equi.get() - equiPrep.get() < 1) {
                    error(NamdRules.BAD_RANGE, where, "accelMDGEquiSteps (" + fmt(equi.get()) + ") must be larger than accelMDGEquiPrepSteps ("
                            + fmt(equiPrep.get()) + ")", "'accelMDGEquiSteps' should be larger than 'accelMDGEquiPrepSteps'");
                    return;
                }
            }
            List<String> ignored = new ArrayList<>(List.of("accelMDE", "accelMDalpha"));
            if (isOn("accelMDdual")) {
                ignored.addAll(List.of("accelMDTE", "accelMDTalpha"));
            }
            for (String k : ignored) { // L3683-L3689
                Setting s = first(k);
                if (s != null) {
                    warning(NamdRules.CONFLICT, s, k + " is ignored with accelMDG on", k + " will be ignored with accelMDG on.", "accelMDG");
                }
            }
            return;
        }
        if (!isOff("accelMDG")) {
            return;
        }
        for (String k : List.of("accelMDE", "accelMDalpha")) { // L3693
            if (Boolean.FALSE.equals(set(k))) {
                error(NamdRules.REQUIRED_MISSING, amd, "accelMD is on (accelMDG off) but " + k + " is not set",
                        "accelMDE and accelMDalpha are required for accelMD with accelMDG off", k);
            }
        }
        Setting dual = isOn("accelMDdual") ? r.someCertainOn("accelMDdual") : null;
        if (dual != null) {
            for (String k : List.of("accelMDTE", "accelMDTalpha")) { // L3696
                if (Boolean.FALSE.equals(set(k))) {
                    error(NamdRules.REQUIRED_MISSING, dual, "accelMDdual is on but " + k + " is not set",
                            "accelMDTE and accelMDTalpha are required for accelMDdual with accelMDG off", k);
                }
            }
        }
    }

    /** L3709-L3717: adaptive tempering. */
    private void adaptiveTempering() {
        Setting at = isOn("adaptTempMD") ? r.someCertainOn("adaptTempMD") : null;
        if (at == null) {
            return;
        }
        if (isOff("adaptTempLangevin") && isOff("adaptTempRescaling")) {
            error(NamdRules.CONFLICT, at, "adaptTempMD with adaptTempLangevin and adaptTempRescaling both off",
                    "Adaptive tempering needs to be coupled to either the Langevin thermostat or velocity rescaling.", "adaptTempLangevin");
        }
        Boolean inFile = set("adaptTempInFile");
        Boolean tmin = set("adaptTempTmin");
        Boolean tmax = set("adaptTempTmax");
        Optional<Double> bins = number("adaptTempBins", 0.0);
        if (Boolean.TRUE.equals(inFile) && (Boolean.TRUE.equals(tmin) || Boolean.TRUE.equals(tmax) || bins.isPresent() && bins.get() != 0)) {
            error(NamdRules.CONFLICT, first("adaptTempInFile"), "adaptTempInFile with adaptTempTmin, adaptTempTmax or adaptTempBins",
                    "cannot simultaneously specify adaptTempInFile and any of {adaptTempTmin, adaptTempTmax,adaptTempBins} as these are read from the input file");
        }
        if (Boolean.FALSE.equals(inFile) && (Boolean.FALSE.equals(tmin) || Boolean.FALSE.equals(tmax) || bins.isPresent() && bins.get() == 0)) {
            String missing = Boolean.FALSE.equals(tmin) ? "adaptTempTmin" : Boolean.FALSE.equals(tmax) ? "adaptTempTmax" : "adaptTempBins";
            error(NamdRules.REQUIRED_MISSING, at, "adaptTempMD needs adaptTempInFile, or adaptTempTmin, adaptTempTmax and adaptTempBins",
                    "Need to specify either adaptTempInFile or all of {adaptTempTmin, adaptTempTmax,adaptTempBins} if adaptTempMD is on.", missing);
        }
    }

    /** L4603-L4824: QM/MM (QMForces). The enumerated values are checked as keyword values (namd.badValue). */
    private void qmmm() {
        Setting qm = isOn("QMForces") ? r.someCertainOn("QMForces") : null;
        if (qm == null) {
            return;
        }
        if (Boolean.TRUE.equals(fullElectOn())) {
            Optional<Long> fef = fullElectFrequency();
            if (fef.isPresent() && fef.get() > 1) { // L4603
                error(NamdRules.CONFLICT, qm, "QMForces with fullElectFrequency " + fef.get() + " (multiple time stepping)",
                        "QM/MM discourages multiple timesteps to assure accuracy!", "fullElectFrequency");
            }
        }
        Optional<String> software = string("QMSoftware").map(s -> s.toLowerCase(Locale.ROOT));
        if (software.isPresent() && (software.get().equals("orca") || software.get().equals("mopac")) && Boolean.FALSE.equals(set("QMConfigLine"))) {
            error(NamdRules.REQUIRED_MISSING, first("QMSoftware"), "QMSoftware " + software.get() + " needs QMConfigLine",
                    "If the selected QM software is 'mopac' or 'orca', QMConfigLine needs to be defined.", "QMConfigLine");
        }
        Optional<String> chargeMode = string("QMChargeMode");
        if (software.isPresent() && !software.get().equals("orca") && chargeMode.isPresent() && chargeMode.get().equalsIgnoreCase("chelpg")) { // L4680, L4683
            error(NamdRules.CONFLICT, first("QMChargeMode"), "QMChargeMode chelpg needs QMSoftware orca",
                    "Available charge options for MOPAC are 'none' and 'mulliken'.", "QMSoftware");
        }
        Optional<String> column = string("QMColumn");
        if (column.isPresent() && !column.get().equals("beta") && !column.get().equals("occ")) { // L4704 (case-sensitive)
            error(NamdRules.BAD_VALUE, first("QMColumn"), "QMColumn must be beta or occ (lower case), not '" + column.get() + "'",
                    "Available column options are 'beta' and 'occ'.");
        }
        Optional<String> bondColumn = string("QMBondColumn");
        if (bondColumn.isPresent() && !bondColumn.get().equals("beta") && !bondColumn.get().equals("occ")) { // L4710
            error(NamdRules.BAD_VALUE, first("QMBondColumn"), "QMBondColumn must be beta or occ (lower case), not '" + bondColumn.get() + "'",
                    "Available column options are 'beta' and 'occ'.");
        } else if (bondColumn.isPresent() && column.isPresent() && bondColumn.get().equals(column.get())) { // L4714
            error(NamdRules.CONFLICT, first("QMBondColumn"), "QMBondColumn is the same column as QMColumn (" + column.get() + ")",
                    "QM column and bond-column must be different!", "QMColumn");
        }
        // QMElecEmbed (default on) turns QMNoPntChrg off
        Boolean noPc = isOff("QMElecEmbed") ? on("QMNoPntChrg") : isOn("QMElecEmbed") ? Boolean.FALSE : null;
        Setting noPcSet = r.someCertainOn("QMNoPntChrg");
        Optional<Double> stride = number("QMPCStride", 1.0);
        Setting lss = isOn("QMLiveSolventSel") ? r.someCertainOn("QMLiveSolventSel") : null;
        if (lss != null) {
            if (Boolean.TRUE.equals(noPc)) { // L4757
                error(NamdRules.CONFLICT, NamdRules.later(lss, noPcSet), "QMLiveSolventSel with QMNoPntChrg on (and QMElecEmbed off)",
                        "QM Live Solvent Selection cannot be done with QMNoPntChrg set to 'on'!", "QMNoPntChrg");
            }
            Optional<String> rigid = string("rigidBonds");
            if (rigid.isPresent() && !rigid.get().equalsIgnoreCase("none")) { // L4760
                error(NamdRules.CONFLICT, NamdRules.later(lss, first("rigidBonds")), "QMLiveSolventSel with rigidBonds " + rigid.get(),
                        "QM Live Solvent Selection cannot be done with fixed bonds!", "rigidBonds");
            }
            Optional<Double> lssFreq = number("QMLSSFreq", 100.0);
            Optional<Long> cycle = isOff("GPUresident") && isOff("CUDASOAintegrate") ? r.certainLong("stepspercycle", "20") : Optional.empty();
            if (lssFreq.isPresent() && stride.isPresent() && stride.get() > 0 && lssFreq.get() % stride.get() != 0) { // L4763
                error(NamdRules.FREQUENCY, first("QMLSSFreq") != null ? first("QMLSSFreq") : lss, "QMLSSFreq (" + fmt(lssFreq.get())
                        + ") must be a multiple of QMPCStride (" + fmt(stride.get()) + ")",
                        "Frequency of QM solvent update must be a multiple of frequency of point charge selection.", "QMPCStride");
            } else if (lssFreq.isPresent() && cycle.isPresent() && cycle.get() > 0 && lssFreq.get() % cycle.get() != 0) { // L4766
                error(NamdRules.FREQUENCY, first("QMLSSFreq") != null ? first("QMLSSFreq") : lss, "QMLSSFreq (" + fmt(lssFreq.get())
                        + ") must be a multiple of stepspercycle (" + cycle.get() + ")", "Frequency of QM solvent update must be a multiple of steps per cycle.",
                        "stepspercycle");
            }
        }
        if (Boolean.TRUE.equals(noPc)) {
            if (stride.isPresent() && stride.get() > 1) { // L4801
                warning(NamdRules.CONFLICT, first("QMPCStride"), "QMPCStride is ignored with QMNoPntChrg on",
                        "QMPCStride being IGNORED since QMNoPntChrg is set to 'on'!", "QMNoPntChrg");
            }
            Setting sw = isOn("QMSwitching") ? r.someCertainOn("QMSwitching") : null;
            if (sw != null) { // L4806
                error(NamdRules.CONFLICT, NamdRules.later(sw, noPcSet), "QMSwitching with QMNoPntChrg on",
                        "QM PC switching can only be applied with QMNoPntChrg set to 'off'!", "QMNoPntChrg");
            }
        }
        Setting custom = isOn("QMCustomPCSelection") ? r.someCertainOn("QMCustomPCSelection") : null;
        if (custom != null) {
            if (Boolean.TRUE.equals(noPc)) { // L4815
                error(NamdRules.CONFLICT, NamdRules.later(custom, noPcSet), "QMCustomPCSelection with QMNoPntChrg on",
                        "QM Custom PC Selection is incompatible with QMNoPntChrg!", "QMNoPntChrg");
            } else if (Boolean.FALSE.equals(noPc) && stride.isPresent() && stride.get() > 1) { // L4821 (QMNoPntChrg resets the stride to 1 first)
                error(NamdRules.CONFLICT, NamdRules.later(custom, first("QMPCStride")), "QMCustomPCSelection with QMPCStride " + fmt(stride.get()),
                        "QM Custom PC Selection is incompatible with QMPCStride > 1!", "QMPCStride");
            }
        }
        Setting csmd = isOn("QMCSMD") ? r.someCertainOn("QMCSMD") : null;
        if (csmd != null && Boolean.FALSE.equals(set("QMCSMDFile"))) { // L4824
            error(NamdRules.REQUIRED_MISSING, csmd, "QMCSMD is on but QMCSMDFile is not set",
                    "QM Conditional SMD is ON, but no CSMD configuration file was profided!", "QMCSMDFile");
        }
    }

    /**
     * L4999, L5055: SOAintegrate without GPU-resident mode falls back to the standard code path when an incompatible
     * option is on, and otherwise stops NAMD.
     */
    private void soaIntegrate() {
        Setting soa = isOn("SOAintegrate") ? r.someCertainOn("SOAintegrate") : null;
        if (soa == null || !isOff("GPUresident") || !isOff("CUDASOAintegrate")) {
            return;
        }
        List<String> refused = new ArrayList<>(NamdRules.GPU_RESIDENT_REFUSED_ON);
        refused.addAll(List.of("minimization", "zeroMomentumAlt", "constraints", "MonteCarloPressure"));
        for (String k : refused) {
            if (r.catalog().keyword(k).isPresent() && isOn(k)) {
                warning(NamdRules.CONFLICT, soa, "SOAintegrate is on with " + k + ": NAMD falls back on the standard integration",
                        "Falling back on standard integration code path", k);
                return;
            }
        }
        boolean nothingRefused = refused.stream().allMatch(k -> r.catalog().keyword(k).isEmpty() || Boolean.FALSE.equals(set(k)))
                && Boolean.FALSE.equals(set("maximumMove")) && Boolean.FALSE.equals(set("rescaleFreq")) && Boolean.FALSE.equals(set("waterModel"))
                && Boolean.FALSE.equals(set("consForceFile"));
        if (nothingRefused) {
            error(NamdRules.CONFLICT, soa, "SOAintegrate on without GPUresident", "SOAintegrate is not fully supported. Please use GPUresident instead.",
                    "GPUresident");
        }
    }

    // ---------------------------------------------------------------- scriptSet (keywords set after the first run)

    /** Settings of the keyword after the first run, outside procs, in code that runs, in order. */
    private List<Setting> afterRun(String keyword) {
        return r.all(keyword).stream().filter(s -> s.command().afterRun() && !s.command().isDead() && !s.command().inProc()).toList();
    }

    private void scriptProblem(Setting s, String code, String msg, String namd, String... data) {
        if (s.command().isCertain() && s.command().afterCertainRun()) {
            error(code, s, msg, namd, data);
        } else {
            warning(code, s, msg + " when this line runs", namd, data);
        }
    }

    private void scriptSet() {
        // L212, L326: a switch off at start-up cannot be turned on in the script
        String[][] startupOnly = { { "Langevin", "Langevin must be enabled at startup to disable and re-enable in script." },
                { "alch", "Alchemy must be enabled at startup to disable and re-enable in script." } };
        for (String[] so : startupOnly) {
            if (!isOff(so[0])) {
                continue;
            }
            for (Setting s : afterRun(so[0])) {
                if (s.literal() && Boolean.TRUE.equals(ValueChecks.booleanValue(s.value()))) {
                    scriptProblem(s, NamdRules.NOT_SETTABLE_AFTER_RUN, so[0] + " was off at start-up: it cannot be turned on after the first run",
                            so[1], so[0]);
                }
            }
        }
        // L249: Monte Carlo pressure control (script name monteCarloPressureOn, no config keyword) off at start-up
        if (isOff("MonteCarloPressure")) {
            for (org.namdrunner.template.model.NamdCommand c : r.doc().commands()) {
                if (!c.name().equalsIgnoreCase("monteCarloPressureOn") || !c.afterRun() || c.isDead() || c.inProc() || c.words().size() != 2
                        || !c.words().get(1).isLiteral() || !Boolean.TRUE.equals(ValueChecks.booleanValue(c.words().get(1).value()))) {
                    continue;
                }
                String msg = "MonteCarloPressure was off at start-up: monteCarloPressureOn cannot turn it on after the first run";
                String namd = " (NAMD: \"Monte Carlo pressure control must be enabled at startup to disable and re-enable in script.\")";
                if (c.isCertain() && c.afterCertainRun()) {
                    r.error(NamdRules.NOT_SETTABLE_AFTER_RUN, msg + namd, c.first().offset(), c.first().length(), "MonteCarloPressure");
                } else {
                    r.warning(NamdRules.NOT_SETTABLE_AFTER_RUN, msg + " when this line runs" + namd, c.first().offset(), c.first().length(),
                            "MonteCarloPressure");
                }
            }
        }
        // L298: GPU-resident mode cannot be switched after start-up when it was never on
        if (isOff("GPUresident") && isOff("CUDASOAintegrate")) {
            for (String k : List.of("GPUresident", "CUDASOAintegrate")) {
                for (Setting s : afterRun(k)) {
                    scriptProblem(s, NamdRules.NOT_SETTABLE_AFTER_RUN, k + " was off at start-up: it cannot be changed after the first run",
                            "Can't modify CUDASOAintegrate when that mode was never enabled", k);
                }
            }
        }
        // L305, L309
        for (String k : List.of("mgridforcescale", "mgridforcevoff")) {
            for (Setting s : afterRun(k)) {
                scriptProblem(s, NamdRules.NOT_SETTABLE_AFTER_RUN, k + " cannot be changed after the first run", "Can't yet modify " + k + " in a script");
            }
        }
        // L315, L317: fixedAtoms may be switched in the script only when on at start-up with fixedAtomsForces
        Boolean fixed = on("fixedAtoms");
        for (Setting s : afterRun("fixedAtoms")) {
            if (fixed == null) {
                break;
            }
            if (!fixed) {
                scriptProblem(s, NamdRules.NOT_SETTABLE_AFTER_RUN, "fixedAtoms is off here (off at start-up or turned off above): it cannot be "
                        + "set after the first run", "FixedAtoms may not be enabled in a script.", "fixedAtoms");
                continue;
            }
            if (isOff("fixedAtomsForces")) {
                scriptProblem(s, NamdRules.REQUIRED_MISSING, "setting fixedAtoms after the first run needs fixedAtomsForces on at start-up",
                        "To use fixedAtoms in script first use fixedAtomsForces yes.", "fixedAtomsForces");
                break;
            }
            if (!isOn("fixedAtomsForces") || !s.command().isCertain() || !s.literal()) {
                break;
            }
            fixed = ValueChecks.booleanValue(s.value());
        }
        // L427: the solute scaling factor needs soluteScaling on at start-up
        if (isOff("soluteScaling")) {
            for (Setting s : afterRun("soluteScalingFactor")) {
                scriptProblem(s, NamdRules.NOT_SETTABLE_AFTER_RUN, "soluteScalingFactor set after the first run with soluteScaling off",
                        "Cannot set solute scaling factor when soluteScaling is off", "soluteScaling");
            }
        }
        // L396: alchLambdaFreq in the script while alchLambdaIDWS is >= 0 (its default is -1)
        if (isOn("alch")) {
            Optional<Double> idwsStart = number("alchLambdaIDWS", -1.0);
            if (idwsStart.isEmpty()) {
                return;
            }
            List<Setting> events = new ArrayList<>(afterRun("alchLambdaIDWS"));
            events.addAll(afterRun("alchLambdaFreq"));
            events.sort(Comparator.comparingInt(s -> s.command().offset()));
            Double idws = idwsStart.get();
            for (Setting s : events) {
                boolean isIdws = s.keyword().key().equals("alchlambdaidws");
                if (isIdws) {
                    if (!s.command().isCertain() || !s.literal() || !ValueChecks.isNumber(s.value().strip())) {
                        return;
                    }
                    idws = Double.parseDouble(s.value().strip());
                } else if (idws >= 0) {
                    scriptProblem(s, NamdRules.CONFLICT, "alchLambdaFreq set after the first run while alchLambdaIDWS is " + fmt(idws),
                            "alchLambdaIDWS and alchLambdaFreq are not compatible.", "alchLambdaIDWS");
                }
            }
        }
    }
}
