package org.namdrunner.automation.namdlog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A parsed NAMD log: the ETITLE columns, one row of values per ENERGY line, the end-of-run figures and any
 * FATAL ERROR lines.
 *
 * @param columns     column names from the {@code ETITLE:} line (TS, BOND, ..., TEMP, ...)
 * @param energies    one array per {@code ENERGY:} line, aligned with {@code columns}
 * @param wallClockS  {@code WallClock:} seconds, or null if the run did not finish
 * @param cpuTimeS    {@code CPUTime:} seconds, or null
 * @param memoryMb    {@code Memory:} MB, or null
 * @param fatalErrors text of {@code FATAL ERROR:} lines
 * @param warnings    text of {@code Warning:} lines
 * @param speed       how fast the run goes (NAMD's {@code Info: Benchmark time:} and {@code TIMING:} lines)
 */
public record NamdLog(List<String> columns, List<double[]> energies, Double wallClockS, Double cpuTimeS, Double memoryMb,
        List<String> fatalErrors, List<String> warnings, Speed speed) {

    /**
     * The speed facts of a log: the time step (fs, {@code Info: TIMESTEP}), NAMD's benchmark ({@code Info: Benchmark
     * time: N CPUs X s/step Y days/ns}, printed early in a run) and the last {@code TIMING:} line (step, wall s/step,
     * hours remaining). Any of them may be null.
     */
    public record Speed(Double timestepFs, Double benchmarkSecondsPerStep, Double benchmarkDaysPerNs, Long timingStep,
            Double wallSecondsPerStep, Double hoursRemaining) {

        /** Nanoseconds of simulation per day of wall time: from the last TIMING line and the time step, else NAMD's benchmark. */
        public java.util.OptionalDouble nsPerDay() {
            if (wallSecondsPerStep != null && wallSecondsPerStep > 0 && timestepFs != null && timestepFs > 0) {
                return java.util.OptionalDouble.of(86_400.0 / wallSecondsPerStep * timestepFs * 1e-6);
            }
            if (benchmarkDaysPerNs != null && benchmarkDaysPerNs > 0) {
                return java.util.OptionalDouble.of(1.0 / benchmarkDaysPerNs);
            }
            return java.util.OptionalDouble.empty();
        }

        /** "12.3 ns/day · step 5,000 · about 1.2 h left", the parts that are known; empty when none is. */
        public String summary() {
            List<String> parts = new ArrayList<>();
            nsPerDay().ifPresent(v -> parts.add(String.format(java.util.Locale.ROOT, v >= 10 ? "%.1f ns/day" : "%.3g ns/day", v)));
            if (timingStep != null) {
                parts.add(String.format(java.util.Locale.ROOT, "step %,d", timingStep));
            }
            if (hoursRemaining != null) {
                parts.add(hoursRemaining < 1.0 / 60 ? "less than a minute left"
                        : hoursRemaining < 1 ? String.format(java.util.Locale.ROOT, "about %.0f min left", hoursRemaining * 60)
                                : String.format(java.util.Locale.ROOT, "about %.1f h left", hoursRemaining));
            }
            return String.join(" \u00b7 ", parts);
        }
    }

    /** A log without speed facts. */
    public NamdLog(List<String> columns, List<double[]> energies, Double wallClockS, Double cpuTimeS, Double memoryMb,
            List<String> fatalErrors, List<String> warnings) {
        this(columns, energies, wallClockS, cpuTimeS, memoryMb, fatalErrors, warnings, null);
    }

    public NamdLog {
        columns = List.copyOf(columns);
        energies = Collections.unmodifiableList(new ArrayList<>(energies));
        fatalErrors = List.copyOf(fatalErrors);
        warnings = List.copyOf(warnings);
        speed = speed == null ? new Speed(null, null, null, null, null, null) : speed;
    }

    /** Index of a column (case-insensitive), -1 when absent. */
    public int column(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** All values of one column. */
    public double[] series(String name) {
        int c = column(name);
        if (c < 0) {
            return new double[0];
        }
        return energies.stream().filter(r -> r.length > c).mapToDouble(r -> r[c]).toArray();
    }

    /** The last value of a column. */
    public OptionalDouble last(String name) {
        double[] s = series(name);
        return s.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(s[s.length - 1]);
    }

    /** True when the log ends with WallClock and has no fatal error. */
    public boolean finishedNormally() {
        return wallClockS != null && fatalErrors.isEmpty();
    }
}
