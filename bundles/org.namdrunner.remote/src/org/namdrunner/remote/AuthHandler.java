package org.namdrunner.remote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.jcraft.jsch.UIKeyboardInteractive;
import com.jcraft.jsch.UserInfo;

/**
 * Answers JSch's authentication questions for one session: first from {@link SecretStore}, then by asking the
 * {@link UserInteraction}. Secrets the user asked to remember are written to secure storage only after the
 * login succeeded ({@link #commitRemembered()}). Every secret is registered with the {@link SecretRedactor}.
 */
final class AuthHandler implements UserInfo, UIKeyboardInteractive {
    private final String connectionId;
    private final String destination;
    private final AuthMethod method;
    private final UserInteraction ui;
    private final SecretStore store;

    private String password;
    private String passphrase;
    private String passphraseKeyFile;
    private int passwordRequests;
    private int passphraseRequests;
    private char[] rememberPassword;
    private char[] rememberPassphrase;
    /** True once a secret (or kbd-interactive answers) was actually offered to the server. */
    private boolean secretOffered;
    /** True when the user cancelled a prompt. */
    private boolean userCancelled;
    /** The keyboard-interactive rounds with prompts asked so far in this login (name, instruction, prompts). */
    private final List<String> kbdRounds = new ArrayList<>();

    /**
     * How often the same keyboard-interactive question may be asked in one login (OpenSSH's NumberOfPasswordPrompts):
     * a server that did not accept a one-time code asks again until its MaxAuthTries ends the connection, so a fourth
     * time is refused here and the login fails with a clear message instead.
     */
    static final int MAX_SAME_KBD_ROUNDS = 3;

    AuthHandler(String connectionId, String destination, AuthMethod method, UserInteraction ui, SecretStore store) {
        this.connectionId = connectionId;
        this.destination = destination;
        this.method = method;
        this.ui = ui;
        this.store = store;
    }

    boolean secretOffered() {
        return secretOffered;
    }

    boolean userCancelled() {
        return userCancelled;
    }

    /** Called with the key file JSch is about to ask a passphrase for. */
    void setPassphraseKeyFile(String keyFile) {
        this.passphraseKeyFile = keyFile;
    }

    // ---- password -------------------------------------------------------------------------------------

    @Override
    public boolean promptPassword(String message) {
        String p = nextPassword();
        if (p == null) {
            userCancelled = true;
            return false;
        }
        password = p;
        secretOffered = true;
        return true;
    }

    @Override
    public String getPassword() {
        return password;
    }

    private String nextPassword() {
        passwordRequests++;
        if (passwordRequests == 1 && store != null) {
            try {
                char[] stored = store.getPassword(connectionId);
                if (stored != null) {
                    return new String(stored);
                }
            } catch (RemoteException e) {
                // fall through to asking the user
            }
        }
        UserInteraction.Secret s = ui.promptPassword(destination, passwordRequests > 1);
        if (s == null || s.value() == null) {
            return null;
        }
        SecretRedactor.global().register(s.value());
        rememberPassword = s.remember() ? s.value().clone() : null;
        return new String(s.value());
    }

    // ---- passphrase -----------------------------------------------------------------------------------

    @Override
    public boolean promptPassphrase(String message) {
        passphraseRequests++;
        String keyFile = passphraseKeyFile != null ? passphraseKeyFile : extractKeyName(message);
        if (passphraseRequests == 1 && store != null && keyFile != null) {
            try {
                char[] stored = store.getPassphrase(keyFile);
                if (stored != null) {
                    passphrase = new String(stored);
                    secretOffered = true;
                    return true;
                }
            } catch (RemoteException e) {
                // ask the user
            }
        }
        UserInteraction.Secret s = ui.promptPassphrase(keyFile != null ? keyFile : "private key", passphraseRequests > 1);
        if (s == null || s.value() == null) {
            userCancelled = true;
            return false;
        }
        SecretRedactor.global().register(s.value());
        rememberPassphrase = s.remember() ? s.value().clone() : null;
        passphraseKeyFile = keyFile;
        passphrase = new String(s.value());
        secretOffered = true;
        return true;
    }

    @Override
    public String getPassphrase() {
        return passphrase;
    }

    private static String extractKeyName(String message) {
        // JSch: "Passphrase for /path/to/key"
        if (message != null && message.startsWith("Passphrase for ")) {
            return message.substring("Passphrase for ".length()).trim();
        }
        return null;
    }

    // ---- other prompts --------------------------------------------------------------------------------

    @Override
    public boolean promptYesNo(String message) {
        // Host keys are decided by KnownHostsVerifier; anything else JSch asks (e.g. creating files) is refused.
        return false;
    }

    @Override
    public void showMessage(String message) {
        if (message != null && !message.isBlank()) {
            ui.showMessage(message);
        }
    }

    @Override
    public String[] promptKeyboardInteractive(String dest, String name, String instruction, String[] prompt,
            boolean[] echo) {
        if (prompt == null) {
            return new String[0];
        }
        if (prompt.length == 0) {
            return new String[0];
        }
        if (method == AuthMethod.PASSWORD && prompt.length == 1 && !echo[0]
                && prompt[0].toLowerCase(Locale.ROOT).contains("password")) {
            String p = nextPassword();
            if (p == null) {
                userCancelled = true;
                return null;
            }
            password = p;
            secretOffered = true;
            return new String[] { p };
        }
        List<UserInteraction.Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < prompt.length; i++) {
            prompts.add(new UserInteraction.Prompt(prompt[i], echo != null && i < echo.length && echo[i]));
        }
        String round = name + "\0" + instruction + "\0" + prompts;
        if (java.util.Collections.frequency(kbdRounds, round) >= MAX_SAME_KBD_ROUNDS) {
            // the same question was answered MAX_SAME_KBD_ROUNDS times: the answers were not accepted
            return null;
        }
        kbdRounds.add(round);
        String[] answers = ui.promptKeyboardInteractive(destination, name == null ? "" : name,
                instruction == null ? "" : instruction, prompts);
        if (answers == null || answers.length != prompt.length) {
            userCancelled = true;
            return null;
        }
        for (int i = 0; i < answers.length; i++) {
            if (answers[i] == null) {
                userCancelled = true;
                return null;
            }
            if (!prompts.get(i).echo()) {
                SecretRedactor.global().register(answers[i]);
            }
        }
        secretOffered = true;
        return Arrays.copyOf(answers, answers.length);
    }

    /** After a successful login: stores the secrets the user chose to remember. */
    void commitRemembered() {
        if (store == null) {
            return;
        }
        try {
            if (rememberPassword != null) {
                store.putPassword(connectionId, rememberPassword);
                Arrays.fill(rememberPassword, '\0');
                rememberPassword = null;
            }
            if (rememberPassphrase != null && passphraseKeyFile != null) {
                store.putPassphrase(passphraseKeyFile, rememberPassphrase);
                Arrays.fill(rememberPassphrase, '\0');
                rememberPassphrase = null;
            }
        } catch (RemoteException e) {
            ui.showMessage(e.getMessage());
        }
    }

    /** Forgets the secrets held in memory for this login attempt. */
    void clear() {
        password = null;
        passphrase = null;
        if (rememberPassword != null) {
            Arrays.fill(rememberPassword, '\0');
        }
        if (rememberPassphrase != null) {
            Arrays.fill(rememberPassphrase, '\0');
        }
    }
}
