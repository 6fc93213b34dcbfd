package org.namdrunner.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Shell;

/**
 * Writes a PNG of the main window once it is up, when the environment variable {@value #ENV} names a file. README
 * command 1 ({@code scripts/build-and-run}) sets it when it starts the product on a virtual display, so a user
 * without a screen sees that the window came up.
 */
public final class StartupScreenshot {

    /** Environment variable naming the PNG file to write. */
    public static final String ENV = "NAMDRUNNER_SCREENSHOT";
    /** Time after the window opened before the picture is taken (views fill in asynchronously). */
    private static final int DELAY_MS = 3000;

    private StartupScreenshot() {
    }

    /** Schedules the screenshot of {@code shell} when {@value #ENV} is set; does nothing otherwise. */
    public static void scheduleIfRequested(Shell shell) {
        String file = System.getenv(ENV);
        if (file == null || file.isBlank()) {
            return;
        }
        shell.getDisplay().timerExec(DELAY_MS, () -> {
            if (shell.isDisposed()) {
                return;
            }
            try {
                save(shell, Path.of(file));
            } catch (Exception e) {
                NamdRunnerUi.log(IStatus.WARNING, "Cannot write the start-up screenshot " + file, e);
            }
        });
    }

    /**
     * Saves a PNG of what {@code shell} shows on screen to {@code target}: written to a temporary file beside it
     * and moved, so a failed write never leaves half a picture.
     */
    public static Path save(Shell shell, Path target) throws Exception {
        Rectangle bounds = shell.getBounds();
        Image image = new Image(shell.getDisplay(), bounds.width, bounds.height);
        GC gc = new GC(shell.getDisplay());
        try {
            gc.copyArea(image, bounds.x, bounds.y);
        } finally {
            gc.dispose();
        }
        try {
            ImageData data = image.getImageData();
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            loader.save(tmp.toString(), SWT.IMAGE_PNG);
            return Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            image.dispose();
        }
    }
}
