package org.namdrunner.cli;

import java.io.Console;
import java.util.List;
import java.util.function.Supplier;

import org.namdrunner.cluster.ProfileConfig;
import org.namdrunner.remote.UserInteraction;

/**
 * How a command asks for what a login needs (a one-time code, a Duo-style passcode or option, a password, a key
 * passphrase): on the terminal, the server's name, instruction and prompt text exactly as sent, the answer read without
 * echo unless the server asked for echo. Answers are used for this login only: nothing is stored or printed. Without a
 * terminal (cron, pipes, CI) nothing is asked: the login is cancelled and {@link #refusal()} says what the profile needs,
 * for a clear error naming it. Unknown host keys are never trusted here (as before): connect once from the workbench.
 */
final class TerminalInteraction implements UserInteraction {

    /** A terminal: text out, lines and secrets in ({@code null} at the end of input). */
    interface Terminal {
        void print(String text);

        String readLine();

        char[] readSecret();
    }

    /** Where commands find their terminal; tests replace it. {@code null} from the supplier: no terminal. */
    static volatile Supplier<Terminal> terminal = TerminalInteraction::systemTerminal;

    private final ProfileConfig profile;
    private final Terminal term;
    private volatile String refusal;

    TerminalInteraction(ProfileConfig profile) {
        this(profile, terminal.get());
    }

    TerminalInteraction(ProfileConfig profile, Terminal term) {
        this.profile = profile;
        this.term = term;
    }

    /** The process's console when it is an interactive terminal (not redirected), else null. */
    static Terminal systemTerminal() {
        Console c = System.console();
        if (c == null || !isTerminal(c)) {
            return null;
        }
        return new Terminal() {
            @Override
            public void print(String text) {
                c.writer().print(text);
                c.flush();
            }

            @Override
            public String readLine() {
                return c.readLine();
            }

            @Override
            public char[] readSecret() {
                return c.readPassword();
            }
        };
    }

    /** {@code Console.isTerminal()} (Java 22+; before, a console existed only for a terminal). */
    private static boolean isTerminal(Console c) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** What a login asked for while there was no terminal (a sentence naming the profile), or null. */
    String refusal() {
        return refusal;
    }

    private String who(String destination) {
        return "Profile '" + profile.name() + "' (" + profile.id() + ", " + destination + ")";
    }

    @Override
    public String[] promptKeyboardInteractive(String destination, String name, String instruction, List<Prompt> prompts) {
        if (term == null) {
            StringBuilder asked = new StringBuilder();
            for (Prompt p : prompts) {
                asked.append(asked.isEmpty() ? "" : ", ").append('"').append(p.text().strip()).append('"');
            }
            refusal = who(destination) + " needs a one-time code (or another answer to the server's login prompt " + asked
                    + "), and this command has no terminal to ask on. Run it in a terminal, where the code is asked once "
                    + "and used for this command only, or use the workbench.";
            return null;
        }
        term.print("Login to " + profile.name() + " (" + destination + ")\n");
        if (name != null && !name.isEmpty()) {
            term.print(name + "\n");
        }
        if (instruction != null && !instruction.isEmpty()) {
            term.print(instruction + "\n");
        }
        String[] answers = new String[prompts.size()];
        for (int i = 0; i < answers.length; i++) {
            Prompt p = prompts.get(i);
            term.print(p.text());
            if (p.echo()) {
                answers[i] = term.readLine();
            } else {
                char[] s = term.readSecret();
                answers[i] = s == null ? null : new String(s);
                if (s != null) {
                    java.util.Arrays.fill(s, '\0');
                }
            }
            if (answers[i] == null) {
                return null;
            }
        }
        return answers;
    }

    @Override
    public Secret promptPassword(String destination, boolean retry) {
        return secret(destination, "a password", (retry ? "The password was not accepted. " : "") + "Password for " + destination + ": ");
    }

    @Override
    public Secret promptPassphrase(String keyFile, boolean retry) {
        return secret(keyFile, "the passphrase of its key", (retry ? "The passphrase was not accepted. " : "")
                + "Passphrase of the key " + keyFile + ": ");
    }

    private Secret secret(String destination, String what, String prompt) {
        if (term == null) {
            refusal = who(destination) + " needs " + what + " to log in, and this command has no terminal to ask on. Run it "
                    + "in a terminal, or let the profile log in with a key alone.";
            return null;
        }
        term.print(prompt);
        char[] s = term.readSecret();
        return s == null ? null : new Secret(s, false);
    }

    @Override
    public boolean confirmHostKey(String host, String keyType, String fingerprint) {
        if (term != null) {
            term.print("The host key of " + host + " (" + keyType + " " + fingerprint + ") is not known; the command does "
                    + "not trust new host keys: connect once from the workbench, or add it to known_hosts.\n");
        }
        return false;
    }
}
