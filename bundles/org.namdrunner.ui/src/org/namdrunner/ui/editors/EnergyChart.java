package org.namdrunner.ui.editors;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.namdrunner.automation.namdlog.EnergySeries;
import org.namdrunner.automation.namdlog.PlotScale;

/**
 * The Energy tab's plot, drawn with SWT's GC on a canvas (no charting library): one panel per quantity (total,
 * potential and kinetic energy in kcal/mol, temperature in K, pressure in bar) stacked, each with its own y axis so
 * fluctuations stay visible (total and kinetic energy differ by orders of magnitude), a shared step axis, grid
 * lines, tick labels and a legend with the last value and range of each series. Hidden series are left out; a panel
 * whose series are all hidden disappears. Large series are thinned to about one point per pixel column.
 */
public final class EnergyChart extends Canvas {

    /** Series colours by column (the same in light and dark themes; chosen to be distinguishable). */
    static final Map<String, RGB> COLORS = Map.of(
            "TOTAL", new RGB(0x1f, 0x77, 0xb4),
            "POTENTIAL", new RGB(0xd6, 0x27, 0x28),
            "KINETIC", new RGB(0x2c, 0xa0, 0x2c),
            "TEMP", new RGB(0xff, 0x7f, 0x0e),
            "PRESSURE", new RGB(0x94, 0x67, 0xbd));

    private List<EnergySeries> series = List.of();
    private final Set<String> hidden = new HashSet<>();
    private String emptyMessage = "No energies yet.";
    private final Map<String, Color> colors = new LinkedHashMap<>();
    private int lastPointsDrawn;

    public EnergyChart(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.Resize, e -> redraw());
        addListener(SWT.Dispose, e -> colors.values().forEach(Color::dispose));
    }

    public void setSeries(List<EnergySeries> s) {
        series = List.copyOf(s);
        redraw();
    }

    public List<EnergySeries> getSeries() {
        return series;
    }

    public void setEmptyMessage(String message) {
        emptyMessage = message;
        redraw();
    }

    public void setVisible(String column, boolean visible) {
        if (visible) {
            hidden.remove(column);
        } else {
            hidden.add(column);
        }
        redraw();
    }

    public boolean isSeriesVisible(String column) {
        return !hidden.contains(column);
    }

    /** Data points of the visible series (for tests and the status line). */
    public int visiblePoints() {
        int n = 0;
        for (EnergySeries s : series) {
            if (!hidden.contains(s.column())) {
                n += s.size();
            }
        }
        return n;
    }

    /** Points drawn in the last paint (after thinning). */
    public int lastPointsDrawn() {
        return lastPointsDrawn;
    }

    private Color color(String column) {
        return colors.computeIfAbsent(column, c -> new Color(getDisplay(), COLORS.getOrDefault(c, new RGB(90, 90, 90))));
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        Display d = getDisplay();
        Color bg = getBackground();
        Color fg = getForeground();
        gc.setBackground(bg);
        gc.fillRectangle(area);
        gc.setAntialias(SWT.ON);
        gc.setForeground(fg);
        lastPointsDrawn = 0;

        List<EnergySeries> panels = new ArrayList<>();
        double minStep = Double.POSITIVE_INFINITY;
        double maxStep = Double.NEGATIVE_INFINITY;
        for (EnergySeries s : series) {
            if (hidden.contains(s.column()) || s.isEmpty()) {
                continue;
            }
            panels.add(s);
            double[] r = s.stepRange();
            minStep = Math.min(minStep, r[0]);
            maxStep = Math.max(maxStep, r[1]);
        }
        if (panels.isEmpty()) {
            String msg = series.stream().allMatch(EnergySeries::isEmpty) ? emptyMessage : "All series are hidden.";
            Point p = gc.textExtent(msg);
            gc.drawText(msg, Math.max(4, (area.width - p.x) / 2), Math.max(4, (area.height - p.y) / 2), true);
            return;
        }
        int fontH = gc.getFontMetrics().getHeight();
        int left = gc.textExtent("-0000000.0").x + 16;
        int right = 16;
        int top = 8;
        int bottomAxis = fontH * 2 + 12;
        int panelGap = fontH + 10;
        int n = panels.size();
        int usable = area.height - top - bottomAxis - (n - 1) * panelGap;
        int panelH = Math.max(40, usable / n);
        PlotScale x = PlotScale.of(minStep, maxStep, Math.max(2, (area.width - left - right) / 90));

        Color grid = new Color(d, blend(bg.getRGB(), fg.getRGB(), 0.15));
        Color axis = new Color(d, blend(bg.getRGB(), fg.getRGB(), 0.55));
        try {
            int y0 = top;
            int i = 0;
            for (EnergySeries panel : panels) {
                boolean last = ++i == n;
                Rectangle plot = new Rectangle(area.x + left, y0 + fontH + 4, Math.max(10, area.width - left - right),
                        Math.max(20, panelH - fontH - 4));
                drawPanel(gc, panel, x, plot, last, grid, axis, fg);
                y0 += panelH + panelGap;
            }
        } finally {
            grid.dispose();
            axis.dispose();
        }
    }

    private void drawPanel(GC gc, EnergySeries series, PlotScale x, Rectangle plot, boolean showSteps, Color grid, Color axis,
            Color fg) {
        List<EnergySeries> list = List.of(series);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (EnergySeries s : list) {
            double[] r = s.valueRange();
            min = Math.min(min, r[0]);
            max = Math.max(max, r[1]);
        }
        PlotScale y = PlotScale.of(min, max, Math.max(3, Math.min(6, plot.height / 28)));
        int fontH = gc.getFontMetrics().getHeight();

        // title and legend above the plot
        gc.setForeground(fg);
        int lx = plot.x;
        for (EnergySeries s : list) {
            String label = s.label() + " (" + s.unit() + ")   last " + format(s.last()) + "   range " + format(min) + " \u2026 "
                    + format(max);
            gc.setForeground(color(s.column()));
            gc.setLineWidth(3);
            gc.drawLine(lx, plot.y - fontH / 2 - 2, lx + 16, plot.y - fontH / 2 - 2);
            gc.setLineWidth(1);
            gc.setForeground(fg);
            gc.drawText(label, lx + 20, plot.y - fontH - 2, true);
            lx += 20 + gc.textExtent(label).x + 18;
        }

        // grid and y ticks
        for (double t : y.ticks()) {
            int py = y.toPixel(t, plot.y + plot.height, plot.y);
            gc.setForeground(grid);
            gc.drawLine(plot.x, py, plot.x + plot.width, py);
            gc.setForeground(fg);
            String l = y.label(t);
            Point e = gc.textExtent(l);
            gc.drawText(l, plot.x - e.x - 6, py - e.y / 2, true);
        }
        for (double t : x.ticks()) {
            int px = x.toPixel(t, plot.x, plot.x + plot.width);
            gc.setForeground(grid);
            gc.drawLine(px, plot.y, px, plot.y + plot.height);
            if (showSteps) {
                gc.setForeground(fg);
                String l = x.label(t);
                Point e = gc.textExtent(l);
                gc.drawText(l, px - e.x / 2, plot.y + plot.height + 4, true);
            }
        }
        gc.setForeground(axis);
        gc.drawRectangle(plot);
        if (showSteps) {
            gc.setForeground(fg);
            String l = "Step";
            Point e = gc.textExtent(l);
            gc.drawText(l, plot.x + (plot.width - e.x) / 2, plot.y + plot.height + 4 + fontH, true);
        }

        // the series
        gc.setClipping(plot.x, plot.y - 1, plot.width + 1, plot.height + 2);
        gc.setLineWidth(2);
        for (EnergySeries s : list) {
            gc.setForeground(color(s.column()));
            int[] pts = polyline(s, x, y, plot);
            if (pts.length == 2) {
                gc.setBackground(color(s.column()));
                gc.fillOval(pts[0] - 3, pts[1] - 3, 7, 7);
            } else {
                gc.drawPolyline(pts);
            }
            lastPointsDrawn += pts.length / 2;
        }
        gc.setLineWidth(1);
        gc.setClipping((Rectangle) null);
    }

    /** Pixel coordinates, thinned to the first, min and max point of each pixel column. */
    private static int[] polyline(EnergySeries s, PlotScale x, PlotScale y, Rectangle plot) {
        double[] st = s.steps();
        double[] v = s.values();
        List<Integer> out = new ArrayList<>(Math.min(st.length, plot.width * 3) * 2);
        int col = Integer.MIN_VALUE;
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < st.length; i++) {
            int px = x.toPixel(st[i], plot.x, plot.x + plot.width);
            int py = y.toPixel(v[i], plot.y + plot.height, plot.y);
            if (px != col || st.length <= plot.width) {
                if (col != Integer.MIN_VALUE && st.length > plot.width && lo != hi) {
                    out.add(col);
                    out.add(lo);
                    out.add(col);
                    out.add(hi);
                }
                col = px;
                lo = py;
                hi = py;
                out.add(px);
                out.add(py);
            } else {
                lo = Math.min(lo, py);
                hi = Math.max(hi, py);
            }
        }
        int[] a = new int[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return Math.abs(v) >= 1e5 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static RGB blend(RGB a, RGB b, double f) {
        return new RGB((int) Math.round(a.red + (b.red - a.red) * f), (int) Math.round(a.green + (b.green - a.green) * f),
                (int) Math.round(a.blue + (b.blue - a.blue) * f));
    }
}
