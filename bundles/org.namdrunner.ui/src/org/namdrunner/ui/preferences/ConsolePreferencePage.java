package org.namdrunner.ui.preferences;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.namdrunner.ui.NamdRunnerUi;

/**
 * Preferences > Console: the SSH Commands console (every command NAMDRunner runs on a cluster, with its exit code,
 * time and redacted output). Its id is the one under which the console bundle files its ANSI page (in the IDE the
 * debug plug-in provides that page), so that page has its parent here instead of a warning in the log.
 */
public class ConsolePreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public static final String ID = "org.eclipse.debug.ui.ConsolePreferencePage";
    /** Whether each command's output is shown under it (else only the command lines and events). */
    public static final String SHOW_OUTPUT = "console.showOutput";
    /** How many KB of text the console keeps (older text is dropped); 0 keeps everything. */
    public static final String LIMIT_KB = "console.limitKb";
    public static final int DEFAULT_LIMIT_KB = 1024;

    public ConsolePreferencePage() {
        super(GRID);
        setDescription("The SSH Commands console (Window > Show View > Console) lists every command NAMDRunner runs on a "
                + "cluster with its exit code and time; passwords and one-time codes never appear in it.");
    }

    /** The preferences of the console, with their defaults. */
    public static IPreferenceStore store() {
        ScopedPreferenceStore s = new ScopedPreferenceStore(InstanceScope.INSTANCE, NamdRunnerUi.PLUGIN_ID);
        s.setDefault(SHOW_OUTPUT, true);
        s.setDefault(LIMIT_KB, DEFAULT_LIMIT_KB);
        return s;
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(store());
    }

    @Override
    protected void createFieldEditors() {
        addField(new BooleanFieldEditor(SHOW_OUTPUT, "Show each command's &output under it", getFieldEditorParent()));
        IntegerFieldEditor limit = new IntegerFieldEditor(LIMIT_KB, "&Keep the last (KB, 0 = everything):",
                getFieldEditorParent(), 7);
        limit.setValidRange(0, 1_000_000);
        limit.setErrorMessage("The console size is a whole number of KB from 0 (everything) to 1000000");
        addField(limit);
    }
}
