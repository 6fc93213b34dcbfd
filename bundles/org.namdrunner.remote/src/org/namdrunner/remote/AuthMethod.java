package org.namdrunner.remote;

/** How a connection authenticates. */
public enum AuthMethod {
    /** Password (sent with "password" or answered to a keyboard-interactive "Password:" prompt). */
    PASSWORD,
    /** Private key file, optionally protected by a passphrase (from secure storage or asked). */
    PUBLIC_KEY,
    /** Keyboard-interactive: every prompt (password, Duo / OTP second factor ...) goes to the user. */
    KEYBOARD_INTERACTIVE
}
