package org.namdrunner.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with the connection of a store transaction. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
