package org.namdrunner.store;

/**
 * The database file cannot be used by this version: written by a newer NAMDRunner (schema version higher than
 * this code knows), not a NAMDRunner database, or changed in a way the migrations do not expect. The file is
 * left untouched.
 */
public class IncompatibleDatabaseException extends StoreException {
    private static final long serialVersionUID = 1L;

    public IncompatibleDatabaseException(String message) {
        super(message);
    }
}
