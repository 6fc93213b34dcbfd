package org.namdrunner.template.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Event-loop helpers for tests that run on the UI thread of the real workbench. */
final class EditorTestSupport {

    private EditorTestSupport() {
    }

    /** Runs the event loop for {@code millis}. */
    static void settle(Display display, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /** Runs the event loop until {@code condition} holds; fails with {@code what} after 30 s. */
    static void waitFor(Display display, String what, BooleanSupplier condition) {
        long end = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    /** Saves a PNG of the screen area of {@code shell} (popups included) to namdrunner.screenshots. */
    static Path screenshot(Shell shell, String name) throws Exception {
        Display display = shell.getDisplay();
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
            Path out = new File(System.getProperty("namdrunner.screenshots", "target/screenshots")).toPath();
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
