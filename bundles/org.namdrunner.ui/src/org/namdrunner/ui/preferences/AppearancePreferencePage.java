package org.namdrunner.ui.preferences;

import java.util.List;

import org.eclipse.e4.ui.css.swt.theme.ITheme;
import org.eclipse.e4.ui.css.swt.theme.IThemeEngine;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

/** Preferences > NAMDRunner > Appearance: the light or dark NAMDRunner theme (e4 CSS theme engine). */
public class AppearancePreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    public static final String ID = "org.namdrunner.ui.preferences.appearance";
    public static final String LIGHT = "org.namdrunner.ui.theme.light";
    public static final String DARK = "org.namdrunner.ui.theme.dark";

    private Button light;
    private Button dark;

    public AppearancePreferencePage() {
        setDescription("Choose the colour theme of the NAMDRunner window.");
    }

    @Override
    public void init(IWorkbench workbench) {
    }

    /** The theme engine of the display, or null when styling is off. */
    public static IThemeEngine engine(Display display) {
        Object e = display.getData("org.eclipse.e4.ui.css.swt.theme");
        return e instanceof IThemeEngine te ? te : null;
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(1, false));
        light = new Button(c, SWT.RADIO);
        light.setText("&Light");
        dark = new Button(c, SWT.RADIO);
        dark.setText("&Dark");
        IThemeEngine engine = engine(parent.getDisplay());
        ITheme active = engine == null ? null : engine.getActiveTheme();
        boolean isDark = active != null && active.getId().equals(DARK);
        dark.setSelection(isDark);
        light.setSelection(!isDark);
        if (engine == null) {
            light.setEnabled(false);
            dark.setEnabled(false);
            Label l = new Label(c, SWT.WRAP);
            l.setText("Themes are not available: the CSS theme engine is not running.");
            l.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        }
        return c;
    }

    @Override
    protected void performDefaults() {
        light.setSelection(true);
        dark.setSelection(false);
        super.performDefaults();
    }

    @Override
    public boolean performOk() {
        apply(getShell().getDisplay(), dark.getSelection() ? DARK : LIGHT);
        return true;
    }

    /** Switches the theme now and remembers it for the next start. @return false when unavailable */
    public static boolean apply(Display display, String themeId) {
        IThemeEngine engine = engine(display);
        if (engine == null) {
            return false;
        }
        List<ITheme> themes = engine.getThemes();
        for (ITheme t : themes) {
            if (t.getId().equals(themeId)) {
                engine.setTheme(t, true);
                matchNativeTheme(display);
                return true;
            }
        }
        return false;
    }

    /** Lets native widgets (GTK) draw dark when the dark theme is active. */
    public static void matchNativeTheme(Display display) {
        IThemeEngine engine = engine(display);
        ITheme active = engine == null ? null : engine.getActiveTheme();
        display.setDarkThemePreferred(active != null && DARK.equals(active.getId()));
    }

    Button getLightButton() {
        return light;
    }

    Button getDarkButton() {
        return dark;
    }
}
