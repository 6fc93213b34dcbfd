package org.namdrunner.ui.preferences;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.namdrunner.store.SettingsRepository;
import org.namdrunner.ui.NamdRunnerUi;

/**
 * Preferences > NAMDRunner: sync interval, remote rate limits and the default resources of new jobs, kept in the
 * store's settings (see {@link SettingKeys}). Values are checked as they are typed.
 */
public class GeneralPreferencePage extends PreferencePage implements IWorkbenchPreferencePage {

    public static final String ID = "org.namdrunner.ui.preferences.general";

    private record Field(String key, String defaultValue, Text text, Predicate<String> valid, String problem) {
    }

    private final List<Field> fields = new ArrayList<>();

    public GeneralPreferencePage() {
        setDescription("How often NAMDRunner asks clusters about running jobs, how fast it sends commands, and what "
                + "a new job asks for by default.");
    }

    @Override
    public void init(IWorkbench workbench) {
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(1, false));

        Group sync = group(c, "Sync and rate limits");
        field(sync, "Sync active jobs every (seconds, 0 = only on F5):", SettingKeys.SYNC_INTERVAL_SECONDS,
                Integer.toString(SettingKeys.DEFAULT_SYNC_INTERVAL_SECONDS), intRange(0, 86_400),
                "The sync interval must be a whole number of seconds from 0 to 86400");
        field(sync, "Remote commands per second:", SettingKeys.COMMANDS_PER_SECOND, SettingKeys.DEFAULT_COMMANDS_PER_SECOND,
                s -> {
                    try {
                        double d = Double.parseDouble(s.strip());
                        return d > 0 && d <= 100;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }, "Commands per second must be a number above 0 and at most 100");
        field(sync, "Commands allowed to wait in the queue:", SettingKeys.MAX_QUEUED_COMMANDS,
                Integer.toString(SettingKeys.DEFAULT_MAX_QUEUED_COMMANDS), intRange(1, 1000),
                "The queue length must be a whole number from 1 to 1000");

        Group res = group(c, "Default resources of new jobs");
        field(res, "Partition (empty = cluster default):", SettingKeys.DEFAULT_PARTITION, "",
                s -> s.isBlank() || s.strip().matches("[A-Za-z0-9_.-]+"),
                "A partition name has only letters, digits, '_', '.' and '-'");
        field(res, "Cores (total, all nodes):", SettingKeys.DEFAULT_CORES, "1", intRange(1, 100_000),
                "Cores must be a whole number from 1 to 100000");
        field(res, "Memory (MB, empty = cluster default):", SettingKeys.DEFAULT_MEMORY_MB, "",
                s -> s.isBlank() || intRange(1, Integer.MAX_VALUE).test(s), "Memory must be empty or a whole number of MB");
        field(res, "Wall time (minutes):", SettingKeys.DEFAULT_WALL_TIME_MINUTES, "60", intRange(1, 525_600),
                "Wall time must be a whole number of minutes from 1 to 525600");
        load();
        return c;
    }

    private static Predicate<String> intRange(int min, int max) {
        return s -> {
            try {
                int v = Integer.parseInt(s.strip());
                return v >= min && v <= max;
            } catch (NumberFormatException e) {
                return false;
            }
        };
    }

    private static Group group(Composite parent, String title) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        g.setLayout(new GridLayout(2, false));
        g.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return g;
    }

    private void field(Composite parent, String label, String key, String def, Predicate<String> valid, String problem) {
        new Label(parent, SWT.NONE).setText(label);
        Text t = new Text(parent, SWT.BORDER);
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 120;
        t.setLayoutData(gd);
        t.setData("settingKey", key);
        fields.add(new Field(key, def, t, valid, problem));
        t.addModifyListener(e -> validate());
    }

    private void load() {
        try {
            SettingsRepository s = NamdRunnerUi.store().settings();
            for (Field f : fields) {
                f.text().setText(s.get(f.key(), f.defaultValue()));
            }
        } catch (RuntimeException e) {
            setErrorMessage("Cannot read the settings: " + NamdRunnerUi.message(e));
        }
    }

    private void validate() {
        for (Field f : fields) {
            if (!f.valid().test(f.text().getText())) {
                setErrorMessage(f.problem());
                setValid(false);
                return;
            }
        }
        setErrorMessage(null);
        setValid(true);
    }

    @Override
    protected void performDefaults() {
        for (Field f : fields) {
            f.text().setText(f.defaultValue());
        }
        super.performDefaults();
    }

    @Override
    public boolean performOk() {
        validate();
        if (!isValid()) {
            return false;
        }
        try {
            SettingsRepository s = NamdRunnerUi.store().settings();
            for (Field f : fields) {
                String v = f.text().getText().strip();
                s.put(f.key(), v.isEmpty() ? null : v);
            }
            return true;
        } catch (RuntimeException e) {
            setErrorMessage("Cannot save the settings: " + NamdRunnerUi.message(e));
            return false;
        }
    }

    /** The text field of a setting (tests). */
    public Text field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst().map(Field::text).orElseThrow();
    }
}
