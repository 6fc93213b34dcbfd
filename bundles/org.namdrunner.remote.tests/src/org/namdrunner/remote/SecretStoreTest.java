package org.namdrunner.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {
    @Test
    void secretsRoundTripAndAreEncryptedOnDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secure_storage");
        SecretStore store = TestSecureStorage.open(file);
        String pw = "Pa55-w0rd!" + System.nanoTime();
        store.putPassword("nrtest@127.0.0.1:2222", pw.toCharArray());
        store.putPassphrase("/keys/id_ed25519", "phrase-xyz-123".toCharArray());
        assertArrayEquals(pw.toCharArray(), store.getPassword("nrtest@127.0.0.1:2222"));
        assertArrayEquals("phrase-xyz-123".toCharArray(), store.getPassphrase("/keys/id_ed25519"));
        assertNull(store.getPassword("other@host"));

        // a fresh instance over the same file reads it back (persistent)
        SecretStore again = TestSecureStorage.open(file);
        assertArrayEquals(pw.toCharArray(), again.getPassword("nrtest@127.0.0.1:2222"));

        assertTrue(Files.size(file) > 0);
        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(pw), "password stored encrypted");
        assertFalse(raw.contains("phrase-xyz-123"), "passphrase stored encrypted");

        again.removePassword("nrtest@127.0.0.1:2222");
        assertNull(again.getPassword("nrtest@127.0.0.1:2222"));
        // the redactor knows the secrets that went through the store
        assertFalse(SecretRedactor.global().redact("x " + pw).contains(pw));
    }
}
