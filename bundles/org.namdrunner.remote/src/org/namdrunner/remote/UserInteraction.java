package org.namdrunner.remote;

import java.util.List;

/**
 * What the remote layer needs to ask the user. The UI implements it with dialogs; tests implement it with
 * scripted answers. Methods may be called from any thread and may block until the user answers. Returning
 * {@code null} (or {@code false}) means the user cancelled.
 */
public interface UserInteraction {

    /** A secret typed by the user, with the user's choice to keep it in secure storage. */
    record Secret(char[] value, boolean remember) {
    }

    /** One keyboard-interactive prompt. */
    record Prompt(String text, boolean echo) {
    }

    /** Asks for the password of {@code destination} ({@code user@host:port}); {@code retry} after a failure. */
    Secret promptPassword(String destination, boolean retry);

    /** Asks for the passphrase of a private key file. */
    Secret promptPassphrase(String keyFile, boolean retry);

    /**
     * Keyboard-interactive round: {@code name} and {@code instruction} come from the server (may be empty);
     * answer one string per prompt, or {@code null} to cancel.
     */
    String[] promptKeyboardInteractive(String destination, String name, String instruction, List<Prompt> prompts);

    /**
     * The server's host key is not in known_hosts. Return true to trust it (it is then added to known_hosts).
     *
     * @param host        host as written to known_hosts (e.g. {@code [127.0.0.1]:2222})
     * @param keyType     e.g. {@code ssh-ed25519}
     * @param fingerprint {@code SHA256:...}
     */
    boolean confirmHostKey(String host, String keyType, String fingerprint);

    /** A message from the server (banner) or the remote layer; default: ignored. */
    default void showMessage(String message) {
    }

    /** Non-interactive: cancels every prompt and trusts no unknown host key. */
    UserInteraction NONE = new UserInteraction() {
        @Override
        public Secret promptPassword(String destination, boolean retry) {
            return null;
        }

        @Override
        public Secret promptPassphrase(String keyFile, boolean retry) {
            return null;
        }

        @Override
        public String[] promptKeyboardInteractive(String destination, String name, String instruction,
                List<Prompt> prompts) {
            return null;
        }

        @Override
        public boolean confirmHostKey(String host, String keyType, String fingerprint) {
            return false;
        }
    };
}
