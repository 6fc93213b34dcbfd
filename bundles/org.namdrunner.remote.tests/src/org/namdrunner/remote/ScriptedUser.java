package org.namdrunner.remote;

import java.util.ArrayList;
import java.util.List;

/** A scripted user for tests: fixed answers, and a record of everything asked. */
class ScriptedUser implements UserInteraction {
    final List<String> asked = new ArrayList<>();
    String password;
    boolean rememberPassword;
    int passwordAnswers = Integer.MAX_VALUE;
    String passphrase;
    boolean rememberPassphrase;
    boolean trustHostKeys;
    String hostKeyFingerprint;
    String hostKeyHost;
    List<Prompt> lastPrompts;
    String[] kbdAnswers;

    @Override
    public Secret promptPassword(String destination, boolean retry) {
        asked.add("password " + destination + (retry ? " retry" : ""));
        if (password == null || passwordAnswers-- <= 0) {
            return null;
        }
        return new Secret(password.toCharArray(), rememberPassword);
    }

    @Override
    public Secret promptPassphrase(String keyFile, boolean retry) {
        asked.add("passphrase " + keyFile + (retry ? " retry" : ""));
        if (passphrase == null || retry) {
            return null;
        }
        return new Secret(passphrase.toCharArray(), rememberPassphrase);
    }

    @Override
    public String[] promptKeyboardInteractive(String destination, String name, String instruction,
            List<Prompt> prompts) {
        asked.add("kbd " + destination + " " + prompts);
        lastPrompts = new ArrayList<>(prompts);
        return kbdAnswers;
    }

    @Override
    public boolean confirmHostKey(String host, String keyType, String fingerprint) {
        asked.add("hostkey " + host + " " + keyType + " " + fingerprint);
        hostKeyHost = host;
        hostKeyFingerprint = fingerprint;
        return trustHostKeys;
    }
}
