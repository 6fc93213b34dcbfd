package org.namdrunner.remote;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;

/**
 * Passwords and key passphrases, kept only in Equinox secure storage (encrypted; never in the database, logs
 * or the command log). Node layout: {@code /org.namdrunner.remote/<encoded connection id>/password} and
 * {@code /org.namdrunner.remote/keys/<sha256 of key path>/passphrase}.
 */
public final class SecretStore {
    private static final String ROOT = "org.namdrunner.remote";

    private final ISecurePreferences root;

    public SecretStore(ISecurePreferences preferencesRoot) {
        this.root = Objects.requireNonNull(preferencesRoot);
    }

    /** The store over the workbench's default secure storage. */
    public static SecretStore defaultStore() throws RemoteException {
        ISecurePreferences p = SecurePreferencesFactory.getDefault();
        if (p == null) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION,
                    "Secure storage is not available, so passwords cannot be remembered.");
        }
        return new SecretStore(p);
    }

    public char[] getPassword(String connectionId) throws RemoteException {
        return get(passwordNode(connectionId), "password");
    }

    public void putPassword(String connectionId, char[] password) throws RemoteException {
        put(passwordNode(connectionId), "password", password);
    }

    public void removePassword(String connectionId) throws RemoteException {
        remove(passwordNode(connectionId), "password");
    }

    public char[] getPassphrase(String keyFile) throws RemoteException {
        return get(keyNode(keyFile), "passphrase");
    }

    public void putPassphrase(String keyFile, char[] passphrase) throws RemoteException {
        put(keyNode(keyFile), "passphrase", passphrase);
    }

    public void removePassphrase(String keyFile) throws RemoteException {
        remove(keyNode(keyFile), "passphrase");
    }

    private String passwordNode(String connectionId) {
        return ROOT + "/" + EncodingUtils.encodeSlashes(Objects.requireNonNull(connectionId));
    }

    private String keyNode(String keyFile) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(keyFile.getBytes(StandardCharsets.UTF_8));
            return ROOT + "/keys/" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private char[] get(String node, String key) throws RemoteException {
        try {
            if (!root.nodeExists(node)) {
                return null;
            }
            String v = root.node(node).get(key, null);
            if (v != null) {
                SecretRedactor.global().register(v);
            }
            return v == null ? null : v.toCharArray();
        } catch (StorageException e) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION,
                    "Could not read from secure storage (" + e.getClass().getSimpleName() + ").", null);
        }
    }

    private void put(String node, String key, char[] value) throws RemoteException {
        try {
            String v = new String(value);
            SecretRedactor.global().register(v);
            root.node(node).put(key, v, true);
            root.flush();
        } catch (StorageException | java.io.IOException e) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION,
                    "Could not write to secure storage (" + e.getClass().getSimpleName() + ").", null);
        }
    }

    private void remove(String node, String key) throws RemoteException {
        try {
            if (root.nodeExists(node)) {
                root.node(node).remove(key);
                root.flush();
            }
        } catch (java.io.IOException e) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION,
                    "Could not write to secure storage (" + e.getClass().getSimpleName() + ").", null);
        }
    }
}
