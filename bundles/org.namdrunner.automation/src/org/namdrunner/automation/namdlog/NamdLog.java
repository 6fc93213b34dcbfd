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
 */
public record NamdLog(List<String> columns, List<double[]> energies, Double wallClockS, Double cpuTimeS, Double memoryMb,
        List<String> fatalErrors, List<String> warnings) {

    public NamdLog {
        columns = List.copyOf(columns);
        energies = Collections.unmodifiableList(new ArrayList<>(energies));
        fatalErrors = List.copyOf(fatalErrors);
        warnings = List.copyOf(warnings);
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
