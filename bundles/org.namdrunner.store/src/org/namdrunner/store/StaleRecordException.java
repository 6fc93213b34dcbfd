package org.namdrunner.store;

/** An update was based on an older version of a record than the one stored (someone else saved it meanwhile). */
public class StaleRecordException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StaleRecordException(String message) {
        super(message);
    }
}
