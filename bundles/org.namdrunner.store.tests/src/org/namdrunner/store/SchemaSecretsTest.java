package org.namdrunner.store;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** The store never holds passwords: no column may be meant for one, and settings refuse secret-looking keys. */
class SchemaSecretsTest extends StoreTestSupport {

    @Test
    void noColumnIsNamedLikeASecret() throws Exception {
        Store s = newStore();
        List<String> columns = s.inTransaction(c -> MigrationTest.names(c, "SELECT TABLE_NAME || '.' || COLUMN_NAME "
                + "FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC'"));
        assertTrue(columns.size() > 40, "the check sees the real schema: " + columns);
        for (String col : columns) {
            String c = col.toLowerCase(Locale.ROOT);
            assertFalse(c.contains("password") || c.contains("passphrase") || c.contains("secret") || c.contains("passwd"),
                    "column " + col + " looks like it holds a secret");
        }
    }

    @Test
    void settingsRefuseSecretKeys() throws Exception {
        Store s = newStore();
        for (String key : List.of("ssh.password", "cluster.hpc.Passphrase", "api_SECRET")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.settings().put(key, "x"));
            assertTrue(e.getMessage().contains("secure storage"), e.getMessage());
        }
        assertTrue(s.settings().all("").isEmpty());
    }
}
