package org.namdrunner.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Application settings as key/value text. Keys that name a password, passphrase or secret are refused: secrets
 * belong in Equinox secure storage, never in the database.
 */
public final class SettingsRepository {
    private final Store store;

    SettingsRepository(Store store) {
        this.store = store;
    }

    public Optional<String> get(String key) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT setting_value FROM settings WHERE setting_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * The values of the given keys that are set (one query per 1,000 keys): for lookups of many keys at once, e.g.
     * the workflow facts of a profile's not-yet-submitted jobs.
     */
    public Map<String, String> get(java.util.Collection<String> keys) {
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(keys));
        Map<String, String> out = new java.util.HashMap<>();
        for (int from = 0; from < all.size(); from += 1000) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 1000));
            store.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT setting_key, setting_value FROM settings WHERE setting_key = ANY(?)")) {
                    ps.setArray(1, c.createArrayOf("VARCHAR", chunk.toArray()));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }

    public String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    /** The value as an int, or the default when absent or not a number. */
    public int getInt(String key, int defaultValue) {
        try {
            return get(key).map(String::strip).map(Integer::parseInt).orElse(defaultValue);
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }

    /** Sets a value (null removes it). */
    public void put(String key, String value) {
        checkKey(key);
        if (value == null) {
            remove(key);
            return;
        }
        store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "MERGE INTO settings (setting_key, setting_value) KEY (setting_key) VALUES (?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, value);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public void putInt(String key, int value) {
        put(key, Integer.toString(value));
    }

    /** @return false when the key was not set */
    public boolean remove(String key) {
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM settings WHERE setting_key = ?")) {
                ps.setString(1, key);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** All settings whose key starts with {@code prefix} ("" for all), sorted by key. */
    public Map<String, String> all(String prefix) {
        return store.inTransaction(c -> {
            Map<String, String> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT setting_key, setting_value FROM settings WHERE setting_key LIKE ? ESCAPE '\\' ORDER BY setting_key")) {
                ps.setString(1, JobRepository.escapeLike(prefix == null ? "" : prefix) + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    static void checkKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("A setting needs a key");
        }
        String k = key.toLowerCase(Locale.ROOT);
        if (k.contains("password") || k.contains("passphrase") || k.contains("secret")) {
            throw new IllegalArgumentException("Setting '" + key + "' looks like a secret: passwords, passphrases and "
                    + "secrets are kept in secure storage, never in the NAMDRunner database");
        }
    }
}
