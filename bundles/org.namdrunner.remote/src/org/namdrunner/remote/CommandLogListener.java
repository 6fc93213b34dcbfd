package org.namdrunner.remote;

/** Observer of the {@link CommandLog} (e.g. the SSH console view). Called on the thread that logged. */
@FunctionalInterface
public interface CommandLogListener {
    void entryAdded(CommandLogEntry entry);
}
