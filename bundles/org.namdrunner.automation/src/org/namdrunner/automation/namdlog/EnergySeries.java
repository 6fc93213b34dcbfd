package org.namdrunner.automation.namdlog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One quantity of a NAMD log over the time steps, ready to plot: the steps (column {@code TS}) and the values of
 * one {@code ENERGY:} column, paired row by row (a row that is too short for either is skipped, so steps and
 * values never shift against each other). UI-free.
 *
 * @param column the ETITLE column (TOTAL, POTENTIAL, KINETIC, TEMP, PRESSURE)
 * @param label  what users read (Total energy, Temperature ...)
 * @param unit   the unit NAMD prints the column in
 * @param group  quantities with the same group share a y axis ({@link Group})
 * @param steps  time steps, in log order
 * @param values values, aligned with {@code steps}
 */
public record EnergySeries(String column, String label, String unit, Group group, double[] steps, double[] values) {

    /** Quantities plotted on one axis. */
    public enum Group {
        ENERGY("Energy", "kcal/mol"), TEMPERATURE("Temperature", "K"), PRESSURE("Pressure", "bar");

        private final String label;
        private final String unit;

        Group(String label, String unit) {
            this.label = label;
            this.unit = unit;
        }

        public String label() {
            return label;
        }

        public String unit() {
            return unit;
        }
    }

    /** A quantity the energy plot offers. */
    public record Quantity(String column, String label, Group group) {
    }

    /** The plotted quantities, in legend order. */
    public static final List<Quantity> QUANTITIES = List.of(
            new Quantity("TOTAL", "Total energy", Group.ENERGY),
            new Quantity("POTENTIAL", "Potential energy", Group.ENERGY),
            new Quantity("KINETIC", "Kinetic energy", Group.ENERGY),
            new Quantity("TEMP", "Temperature", Group.TEMPERATURE),
            new Quantity("PRESSURE", "Pressure", Group.PRESSURE));

    public EnergySeries {
        if (steps.length != values.length) {
            throw new IllegalArgumentException("steps and values differ in length: " + steps.length + " vs " + values.length);
        }
    }

    public int size() {
        return steps.length;
    }

    public boolean isEmpty() {
        return steps.length == 0;
    }

    /**
     * The plotted quantities found in the log (those whose column the ETITLE line lacks are left out; a present
     * column with no complete row yields an empty series). Without a {@code TS} column the row number is the step.
     */
    public static List<EnergySeries> of(NamdLog log) {
        List<EnergySeries> out = new ArrayList<>();
        int ts = log.column("TS");
        for (Quantity q : QUANTITIES) {
            int c = log.column(q.column());
            if (c < 0) {
                continue;
            }
            double[] steps = new double[log.energies().size()];
            double[] values = new double[steps.length];
            int n = 0;
            int row = 0;
            for (double[] r : log.energies()) {
                if (r.length > c && (ts < 0 || r.length > ts) && Double.isFinite(r[c])) {
                    steps[n] = ts < 0 ? row : r[ts];
                    values[n] = r[c];
                    n++;
                }
                row++;
            }
            out.add(new EnergySeries(q.column(), q.label(), q.group().unit(), q.group(), Arrays.copyOf(steps, n),
                    Arrays.copyOf(values, n)));
        }
        return out;
    }

    /** Smallest and largest value ({@code [NaN, NaN]} when empty). */
    public double[] valueRange() {
        return range(values);
    }

    /** First and last step ({@code [NaN, NaN]} when empty). */
    public double[] stepRange() {
        return range(steps);
    }

    private static double[] range(double[] a) {
        if (a.length == 0) {
            return new double[] { Double.NaN, Double.NaN };
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new double[] { min, max };
    }

    /** The last value, for legends. */
    public double last() {
        return values.length == 0 ? Double.NaN : values[values.length - 1];
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%d points)", label, steps.length);
    }
}
