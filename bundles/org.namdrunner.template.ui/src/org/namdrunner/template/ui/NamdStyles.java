package org.namdrunner.template.ui;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.jface.resource.ColorRegistry;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.RGB;
import org.namdrunner.template.ide.NamdHighlighting;

/**
 * Colours of the NAMD template editor, keyed by the style ids of {@link NamdHighlighting} (the same ids the
 * ide highlighting calculator reports). Colours live in the JFace colour registry, so they are disposed with
 * the display.
 */
public final class NamdStyles {

    /** Style of text that is none of the {@link NamdHighlighting} categories. */
    public static final String DEFAULT = "namd.default";

    private record Style(RGB rgb, RGB background, int fontStyle) {
    }

    private static final Map<String, Style> STYLES = new LinkedHashMap<>();

    static {
        STYLES.put(NamdHighlighting.KEYWORD, new Style(new RGB(0, 0, 192), null, SWT.BOLD));
        STYLES.put(NamdHighlighting.COMMAND, new Style(new RGB(127, 0, 85), null, SWT.BOLD));
        STYLES.put(NamdHighlighting.UNKNOWN, new Style(new RGB(0, 0, 0), null, SWT.NORMAL));
        STYLES.put(NamdHighlighting.NUMBER, new Style(new RGB(9, 120, 80), null, SWT.NORMAL));
        STYLES.put(NamdHighlighting.BOOLEAN, new Style(new RGB(0, 110, 160), null, SWT.BOLD));
        STYLES.put(NamdHighlighting.STRING, new Style(new RGB(42, 0, 255), null, SWT.NORMAL));
        STYLES.put(NamdHighlighting.VARIABLE, new Style(new RGB(176, 90, 0), null, SWT.NORMAL));
        STYLES.put(NamdHighlighting.PLACEHOLDER, new Style(new RGB(150, 0, 150), new RGB(250, 236, 250), SWT.BOLD));
        STYLES.put(NamdHighlighting.COMMENT, new Style(new RGB(63, 127, 95), null, SWT.ITALIC));
        STYLES.put(NamdHighlighting.DECLARATION, new Style(new RGB(110, 70, 20), new RGB(255, 248, 225), SWT.NORMAL));
        STYLES.put(DEFAULT, new Style(new RGB(0, 0, 0), null, SWT.NORMAL));
    }

    private NamdStyles() {
    }

    /** The text attribute of a style id (the default style for unknown ids). Call on the UI thread. */
    public static TextAttribute attribute(String styleId) {
        Style s = STYLES.getOrDefault(styleId, STYLES.get(DEFAULT));
        ColorRegistry colors = JFaceResources.getColorRegistry();
        String key = "org.namdrunner.template.ui." + styleId;
        if (!colors.hasValueFor(key)) {
            colors.put(key, s.rgb());
        }
        if (s.background() != null && !colors.hasValueFor(key + ".bg")) {
            colors.put(key + ".bg", s.background());
        }
        return new TextAttribute(colors.get(key), s.background() == null ? null : colors.get(key + ".bg"), s.fontStyle());
    }

    /** The foreground colour a style id is painted with (for tests). */
    public static RGB foreground(String styleId) {
        return STYLES.getOrDefault(styleId, STYLES.get(DEFAULT)).rgb();
    }
}
