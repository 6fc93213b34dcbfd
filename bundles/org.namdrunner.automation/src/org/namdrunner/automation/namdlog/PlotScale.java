package org.namdrunner.automation.namdlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A "nice" linear axis for plots: extends {@code [min, max]} to round tick values (1, 2, 2.5, 5 × 10^k) and maps
 * values to pixels. UI-free, so the energy plot's arithmetic is unit-tested without a display.
 *
 * @param lower first tick (≤ the data minimum)
 * @param upper last tick (≥ the data maximum)
 * @param step  distance between ticks
 */
public record PlotScale(double lower, double upper, double step) {

    /** A scale with at most about {@code maxTicks} ticks covering {@code [min, max]}; a flat range gets a margin. */
    public static PlotScale of(double min, double max, int maxTicks) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            return new PlotScale(0, 1, 0.2);
        }
        if (min > max) {
            double t = min;
            min = max;
            max = t;
        }
        if (max - min < 1e-12 * Math.max(1, Math.abs(max))) {
            double pad = Math.abs(min) > 1e-12 ? Math.abs(min) * 0.01 : 1;
            min -= pad;
            max += pad;
        }
        int ticks = Math.max(2, maxTicks);
        double raw = (max - min) / (ticks - 1);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = 10 * mag;
        for (double m : new double[] { 1, 2, 2.5, 5, 10 }) {
            if (m * mag >= raw) {
                step = m * mag;
                break;
            }
        }
        double lower = Math.floor(min / step) * step;
        double upper = Math.ceil(max / step) * step;
        return new PlotScale(lower, upper, step);
    }

    /** The tick values from {@link #lower} to {@link #upper}. */
    public List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        long n = Math.round((upper - lower) / step);
        for (long i = 0; i <= n && i <= 1000; i++) {
            double v = lower + i * step;
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out;
    }

    /** Pixel position of {@code v} when {@link #lower} is at {@code p0} and {@link #upper} at {@code p1}. */
    public int toPixel(double v, int p0, int p1) {
        double f = upper == lower ? 0 : (v - lower) / (upper - lower);
        return (int) Math.round(p0 + f * (p1 - p0));
    }

    /** A tick label with as many decimals as the step needs (no exponent noise such as 0.30000000000000004). */
    public String label(double v) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (step * Math.pow(10, decimals) % 1 > 1e-6) {
            decimals++; // 2.5 × 10^k
        }
        if (Math.abs(v) >= 1e6 || (Math.abs(v) > 0 && Math.abs(v) < 1e-4)) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", v);
    }
}
