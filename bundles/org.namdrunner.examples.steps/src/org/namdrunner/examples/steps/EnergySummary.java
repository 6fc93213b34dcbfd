package org.namdrunner.examples.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.namdrunner.automation.namdlog.NamdLog;

/** Statistics of NAMD log energy columns, as written by {@link EnergySummaryStep}. */
public record EnergySummary(List<Row> rows, int frames, Double wallClockS) {

    /** One column: number of values, first, last, minimum, maximum and mean. */
    public record Row(String column, int count, double first, double last, double min, double max, double mean) {
    }

    /**
     * Summarises {@code columns} of {@code log}. A column the log does not have is an error naming the columns it
     * has, so a misspelt parameter is not silently ignored.
     */
    public static EnergySummary of(NamdLog log, List<String> columns) {
        List<Row> rows = new ArrayList<>();
        for (String c : columns) {
            if (log.column(c) < 0) {
                throw new IllegalArgumentException("The NAMD log has no ENERGY column '" + c + "' (it has: "
                        + String.join(", ", log.columns()) + ")");
            }
            double[] v = log.series(c);
            if (v.length == 0) {
                continue;
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (double x : v) {
                min = Math.min(min, x);
                max = Math.max(max, x);
                sum += x;
            }
            rows.add(new Row(log.columns().get(log.column(c)), v.length, v[0], v[v.length - 1], min, max, sum / v.length));
        }
        return new EnergySummary(rows, log.energies().size(), log.wallClockS());
    }

    /** A small fixed-width table for people and scripts (one header line, one line per column). */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "# NAMD energy summary: %d ENERGY frames%s%n", frames,
                wallClockS == null ? ", run did not finish" : String.format(Locale.ROOT, ", WallClock %.2f s", wallClockS)));
        sb.append(String.format(Locale.ROOT, "%-12s %8s %16s %16s %16s %16s %16s%n", "column", "count", "first", "last",
                "min", "max", "mean"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-12s %8d %16.4f %16.4f %16.4f %16.4f %16.4f%n", r.column(), r.count(),
                    r.first(), r.last(), r.min(), r.max(), r.mean()));
        }
        return sb.toString();
    }
}
