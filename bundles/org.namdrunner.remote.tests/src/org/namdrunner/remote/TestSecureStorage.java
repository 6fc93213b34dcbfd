package org.namdrunner.remote;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;

/** Opens an Equinox secure storage file in a test directory with a fixed master password (no prompts). */
final class TestSecureStorage {
    private TestSecureStorage() {
    }

    static SecretStore open(Path file) throws Exception {
        Map<String, Object> options = new HashMap<>();
        options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec("test-master-password".toCharArray()));
        options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
        return new SecretStore(SecurePreferencesFactory.open(file.toUri().toURL(), options));
    }
}
