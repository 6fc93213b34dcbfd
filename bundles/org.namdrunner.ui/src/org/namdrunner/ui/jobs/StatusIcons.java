package org.namdrunner.ui.jobs;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.namdrunner.core.JobState;

/**
 * 16×16 status icons: an anti-aliased disc whose colour tells the state's group (waiting, running, done, failed,
 * cancelled, unknown), drawn in code so they scale and theme without image files. Dispose with {@link #dispose()}.
 */
public final class StatusIcons {

    private final Map<JobState, Image> images = new EnumMap<>(JobState.class);
    private final Display display;

    public StatusIcons(Display display) {
        this.display = display;
    }

    /** The colour of a state's group. */
    public static RGB color(JobState s) {
        return switch (s) {
            case CREATED, STAGING, SUBMITTING -> new RGB(0x8a, 0x94, 0xa6);
            case PENDING, BLOCKED, REQUEUED, SUSPENDED -> new RGB(0xe0, 0xa1, 0x1b);
            case RUNNING, COMPLETING -> new RGB(0x2f, 0x7d, 0xe1);
            case COMPLETED -> new RGB(0x2e, 0xa0, 0x43);
            case CANCELLED -> new RGB(0x6b, 0x6b, 0x6b);
            case UNKNOWN -> new RGB(0x9b, 0x59, 0xb6);
            default -> new RGB(0xd7, 0x3a, 0x3a); // failures
        };
    }

    public Image get(JobState s) {
        return images.computeIfAbsent(s, k -> new Image(display, disc(color(k), 16)));
    }

    /**
     * The disc with a light rim, so that it stays visible on any row colour — the Running blue on a selected (blue)
     * row, too.
     */
    static ImageData disc(RGB rgb, int size) {
        ImageData data = new ImageData(size, size, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        double c = (size - 1) / 2.0;
        double r = size * 0.40;
        double rim = 1.4;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double d = Math.hypot(x - c, y - c);
                double outer = Math.max(0, Math.min(1, r + 0.5 - d));
                double inner = Math.max(0, Math.min(1, r - rim + 0.5 - d));
                double f = outer == 0 ? 0 : inner / outer; // share of the fill colour in this pixel, the rest is rim
                data.setPixel(x, y, data.palette.getPixel(new RGB(mix(255, rgb.red, f), mix(255, rgb.green, f), mix(255, rgb.blue, f))));
                data.setAlpha(x, y, (int) Math.round(outer * 255));
            }
        }
        return data;
    }

    private static int mix(int rimValue, int fillValue, double fillShare) {
        return (int) Math.round(rimValue + (fillValue - rimValue) * fillShare);
    }

    public void dispose() {
        images.values().forEach(Image::dispose);
        images.clear();
    }
}
