package org.namdrunner.remote;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** OpenSSH-style host key fingerprints ({@code SHA256:base64-without-padding}) and key type names. */
public final class Fingerprints {
    private Fingerprints() {
    }

    public static String sha256(byte[] keyBlob) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key type stored at the start of an SSH public key blob (e.g. {@code ssh-ed25519}). */
    public static String keyType(byte[] keyBlob) {
        if (keyBlob == null || keyBlob.length < 4) {
            return "unknown";
        }
        int len = ((keyBlob[0] & 0xff) << 24) | ((keyBlob[1] & 0xff) << 16) | ((keyBlob[2] & 0xff) << 8)
                | (keyBlob[3] & 0xff);
        if (len <= 0 || len > 64 || 4 + len > keyBlob.length) {
            return "unknown";
        }
        return new String(keyBlob, 4, len, StandardCharsets.US_ASCII);
    }
}
