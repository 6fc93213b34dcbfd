package org.namdrunner.remote;

import java.time.Instant;

/**
 * One entry of a remote directory listing (for browsing).
 *
 * @param name        file name
 * @param path        absolute path
 * @param size        size in bytes
 * @param modified    modification time
 * @param type        file type
 * @param permissions permission string as {@code ls -l} shows it (e.g. {@code -rw-r--r--})
 */
public record RemoteFileInfo(String name, String path, long size, Instant modified, Type type, String permissions) {
    public enum Type {
        FILE, DIRECTORY, SYMLINK, OTHER
    }

    public boolean isDirectory() {
        return type == Type.DIRECTORY;
    }
}
