package org.namdrunner.remote;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers every secret (password, passphrase, keyboard-interactive answer) that passed through the remote
 * layer in this process and blanks it out of any text that is about to be logged or shown. This is a second
 * line of defence: secrets are never put into command lines or messages in the first place.
 */
public final class SecretRedactor {
    /** What a secret is replaced with. */
    public static final String MASK = "********";

    private static final SecretRedactor GLOBAL = new SecretRedactor();

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /** The process-wide redactor used by the command log. */
    public static SecretRedactor global() {
        return GLOBAL;
    }

    /** Registers a secret (ignored when empty or shorter than 3 characters, which would mangle any text). */
    public void register(String secret) {
        if (secret != null && secret.length() >= 3) {
            secrets.add(secret);
        }
    }

    /** Registers a secret held in a char array. */
    public void register(char[] secret) {
        if (secret != null) {
            register(new String(secret));
        }
    }

    /** Returns {@code text} with every registered secret replaced by {@link #MASK}. */
    public String redact(String text) {
        if (text == null || text.isEmpty() || secrets.isEmpty()) {
            return text;
        }
        String result = text;
        for (String s : secrets) {
            if (result.contains(s)) {
                result = result.replace(s, MASK);
            }
        }
        return result;
    }
}
