package org.namdrunner.ui.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.core.JobState;

/** The status dot keeps a light rim, so a Running (blue) dot stays visible on a selected (blue) row. */
@Tag("ui")
class StatusIconsTest {

    @Test
    void theDotHasALightRimAroundItsColour() {
        RGB running = StatusIcons.color(JobState.RUNNING);
        ImageData d = StatusIcons.disc(running, 16);
        RGB centre = d.palette.getRGB(d.getPixel(8, 8));
        assertEquals(running, centre, "the fill is the state's colour");
        assertEquals(255, d.getAlpha(8, 8));
        // along the middle row, from the edge inwards: transparent, then a light rim, then the fill
        int firstOpaque = -1;
        for (int x = 0; x < 8; x++) {
            if (d.getAlpha(x, 8) > 200) {
                firstOpaque = x;
                break;
            }
        }
        assertTrue(firstOpaque > 0, "the dot does not fill the whole icon");
        RGB rim = d.palette.getRGB(d.getPixel(firstOpaque, 8));
        assertTrue(rim.red > 200 && rim.green > 200 && rim.blue > 200, "a light rim: " + rim);
        assertEquals(0, d.getAlpha(0, 0), "the corners are transparent");
    }
}
