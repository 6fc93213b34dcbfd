package org.namdrunner.remote;

import java.util.Locale;

/** How a connection authenticates. */
public enum AuthMethod {
    /** Password (sent with "password" or answered to a keyboard-interactive "Password:" prompt). */
    PASSWORD("Password"),
    /**
     * Private key file, optionally protected by a passphrase (from secure storage or asked); when no key is configured
     * and none is in ~/.ssh, the server's password or keyboard-interactive prompt is offered instead.
     */
    PUBLIC_KEY("SSH key"),
    /** Keyboard-interactive: every prompt (password, Duo / OTP second factor ...) goes to the user. */
    KEYBOARD_INTERACTIVE("Keyboard-interactive (two-factor, one-time codes)"),
    /**
     * The keys held by a running SSH agent ({@code ssh-agent}, {@code gpg-agent}, a desktop keyring): found by the ssh
     * config's {@code IdentityAgent}, else {@code SSH_AUTH_SOCK}; no passphrase is asked, none is stored.
     */
    AGENT("SSH agent (keys loaded with ssh-add)");

    private final String label;

    AuthMethod(String label) {
        this.label = label;
    }

    /** The name shown to users. */
    public String label() {
        return label;
    }

    /**
     * The method a stored or typed value names, in any spelling: the constant names in any case, with '-', '_', ' '
     * or nothing between words ({@code password}, {@code publicKey}, {@code public-key}, {@code keyboard_interactive}),
     * the labels, OpenSSH's method names ({@code publickey}, {@code keyboard-interactive}) and the common short forms
     * {@code key}, {@code kbd}, {@code 2fa}, {@code otp}, {@code mfa}, {@code duo}, {@code agent}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static AuthMethod parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
        for (AuthMethod m : values()) {
            if (m.name().replace("_", "").toLowerCase(Locale.ROOT).equals(v)
                    || m.label.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "").equals(v)) {
                return m;
            }
        }
        return switch (v) {
            case "pass", "pw", "passwd" -> PASSWORD;
            case "key", "keyfile", "sshkey", "pubkey", "privatekey" -> PUBLIC_KEY;
            case "kbd", "kbdinteractive", "interactive", "2fa", "otp", "mfa", "duo", "twofactor" -> KEYBOARD_INTERACTIVE;
            case "agent", "sshagent", "identityagent", "sshauthsock" -> AGENT;
            default -> throw new IllegalArgumentException("Unknown login method '" + (value == null ? "" : value.strip())
                    + "': use password, key, keyboard-interactive (two-factor) or agent");
        };
    }
}
