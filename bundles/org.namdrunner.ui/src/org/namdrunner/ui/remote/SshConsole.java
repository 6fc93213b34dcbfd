package org.namdrunner.ui.remote;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleManager;
import org.eclipse.ui.console.MessageConsole;
import org.eclipse.ui.console.MessageConsoleStream;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.CommandLogEntry;
import org.namdrunner.remote.CommandLogListener;

/**
 * Console view page "SSH Commands": every entry of the remote {@link CommandLog} as it happens: time, cluster,
 * the command, its exit code and duration, then its (redacted, truncated) output indented; rate-limit,
 * queue-full, coalescing, connection and transfer events in their own colours.
 */
public final class SshConsole extends MessageConsole implements CommandLogListener {

    public static final String NAME = "SSH Commands";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final CommandLog log;
    private final MessageConsoleStream commands;
    private final MessageConsoleStream output;
    private final MessageConsoleStream events;
    private final MessageConsoleStream errors;
    private final org.eclipse.jface.preference.IPreferenceStore prefs;
    private final org.eclipse.jface.util.IPropertyChangeListener prefsListener = e -> applyPreferences();
    private volatile boolean showOutput = true;

    public SshConsole(CommandLog log) {
        super(NAME, null);
        this.log = log;
        commands = newMessageStream();
        output = newMessageStream();
        events = newMessageStream();
        errors = newMessageStream();
        Display d = Display.getDefault();
        d.syncExec(() -> {
            output.setColor(new Color(0x80, 0x86, 0x90));
            events.setColor(new Color(0xd0, 0x8a, 0x10));
            errors.setColor(new Color(0xd7, 0x3a, 0x3a));
            commands.setFontStyle(SWT.BOLD);
        });
        prefs = org.namdrunner.ui.preferences.ConsolePreferencePage.store();
        applyPreferences();
        prefs.addPropertyChangeListener(prefsListener);
        for (CommandLogEntry e : log.entries()) {
            entryAdded(e);
        }
        log.addListener(this);
    }

    /** Applies Preferences > Console: the text kept (water marks) and whether outputs are shown. */
    void applyPreferences() {
        showOutput = prefs.getBoolean(org.namdrunner.ui.preferences.ConsolePreferencePage.SHOW_OUTPUT);
        int kb = prefs.getInt(org.namdrunner.ui.preferences.ConsolePreferencePage.LIMIT_KB);
        if (kb > 0) {
            int high = (int) Math.min(Integer.MAX_VALUE, kb * 1024L);
            setWaterMarks(high - high / 5, high); // over the limit, the oldest fifth goes
        } else {
            setWaterMarks(-1, 0); // everything is kept
        }
    }

    /** Whether command outputs are shown (Preferences > Console). */
    boolean showsOutput() {
        return showOutput;
    }

    /** Shows the console (adding it once) in the Console view. */
    public static SshConsole install(CommandLog log) {
        IConsoleManager m = ConsolePlugin.getDefault().getConsoleManager();
        for (IConsole c : m.getConsoles()) {
            if (c instanceof SshConsole s) {
                return s;
            }
        }
        SshConsole s = new SshConsole(log);
        m.addConsoles(new IConsole[] {s});
        return s;
    }

    /** The text an entry adds to the console. */
    public static String format(CommandLogEntry e) {
        StringBuilder b = new StringBuilder();
        b.append(TIME.format(e.time())).append(" [").append(e.cluster()).append("] ");
        switch (e.kind()) {
            case COMMAND -> {
                b.append("$ ").append(e.command());
                b.append("  \u2192 ").append(e.exitCode() == null ? "did not finish" : "exit " + e.exitCode());
                b.append(" (").append(e.duration().toMillis()).append(" ms)");
            }
            case COMMAND_ERROR -> b.append("$ ").append(e.command()).append("  \u2192 failed (")
                    .append(e.duration().toMillis()).append(" ms)");
            case RATE_LIMITED -> b.append("RATE LIMITED: ").append(e.command());
            case QUEUE_FULL -> b.append("QUEUE FULL: ").append(e.command());
            case COALESCED -> b.append("COALESCED: ").append(e.command());
            case CONNECTION -> b.append("CONNECTION: ").append(e.command());
            case TRANSFER -> b.append("TRANSFER: ").append(e.command());
        }
        return b.toString();
    }

    @Override
    public void entryAdded(CommandLogEntry e) {
        MessageConsoleStream head = switch (e.kind()) {
            case COMMAND -> e.exitCode() != null && e.exitCode() != 0 ? errors : commands;
            case COMMAND_ERROR, QUEUE_FULL -> errors;
            default -> events;
        };
        head.println(format(e));
        if (showOutput && !e.output().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (String line : e.output().split("\n", -1)) {
                if (!line.isEmpty()) {
                    b.append("    ").append(line).append('\n');
                }
            }
            if (e.truncated()) {
                b.append("    \u2026 (output truncated)\n");
            }
            output.print(b.toString());
        }
    }

    @Override
    protected void dispose() {
        log.removeListener(this);
        prefs.removePropertyChangeListener(prefsListener);
        super.dispose();
    }
}
