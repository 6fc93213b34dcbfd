package org.namdrunner.ui.tests;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Helpers for UI tests that run in the real workbench (UI harness, UI thread). */
public final class UiTestSupport {

    private UiTestSupport() {
    }

    /** Runs the event loop until it is idle, then a little longer so layouts and paints finish. */
    public static void settle(Display display) {
        long end = System.currentTimeMillis() + 500;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                display.sleep();
                display.timerExec(20, () -> { });
            }
        }
    }

    /**
     * Saves a PNG of the shell to the directory named by the system property {@code namdrunner.screenshots}
     * (docs/screenshots in the build). Written to a temporary file first, so a failed write never leaves a
     * half screenshot behind.
     */
    public static Path screenshot(Shell shell, String name) throws Exception {
        Display display = shell.getDisplay();
        shell.forceActive();
        settle(display);
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
        } finally {
            gc.dispose();
        }
        try {
            ImageData data = image.getImageData();
            String dir = System.getProperty("namdrunner.screenshots", "target/screenshots");
            Path out = new File(dir).toPath();
            Files.createDirectories(out);
            Path tmp = Files.createTempFile(out, name, ".png.tmp");
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            loader.save(tmp.toString(), SWT.IMAGE_PNG);
            Path target = out.resolve(name + ".png");
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            image.dispose();
        }
    }
}
