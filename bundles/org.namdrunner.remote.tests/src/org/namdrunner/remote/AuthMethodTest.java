package org.namdrunner.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Stored and typed login methods are accepted in any spelling; a wrong one names what is accepted. */
class AuthMethodTest {

    @Test
    void anySpellingOfTheFourMethods() {
        for (String s : new String[] { "PASSWORD", "password", " Password ", "passwd", "pw" }) {
            assertEquals(AuthMethod.PASSWORD, AuthMethod.parse(s), s);
        }
        for (String s : new String[] { "PUBLIC_KEY", "public_key", "publicKey", "public-key", "publickey", "key", "SSH key", "keyfile" }) {
            assertEquals(AuthMethod.PUBLIC_KEY, AuthMethod.parse(s), s);
        }
        for (String s : new String[] { "KEYBOARD_INTERACTIVE", "keyboard-interactive", "keyboardInteractive", "kbd", "2FA", "otp", "duo" }) {
            assertEquals(AuthMethod.KEYBOARD_INTERACTIVE, AuthMethod.parse(s), s);
        }
        for (String s : new String[] { "AGENT", "agent", "ssh-agent", "IdentityAgent", "SSH agent (keys loaded with ssh-add)" }) {
            assertEquals(AuthMethod.AGENT, AuthMethod.parse(s), s);
        }
        for (AuthMethod m : AuthMethod.values()) {
            assertEquals(m, AuthMethod.parse(m.name()));
        }
    }

    @Test
    void unknownMethodSaysWhatIsAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuthMethod.parse("kerberos"));
        assertTrue(e.getMessage().contains("'kerberos'") && e.getMessage().contains("password"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AuthMethod.parse(null));
    }
}
