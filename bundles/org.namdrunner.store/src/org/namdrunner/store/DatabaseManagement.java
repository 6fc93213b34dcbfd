package org.namdrunner.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.h2.api.ErrorCode;
import org.namdrunner.store.internal.Migrations;

/**
 * Management of the database file: where it is, how big, online backup, validated restore, and reset.
 *
 * <p><b>Backup</b> is H2's online {@code BACKUP TO}: a zip with a transactionally consistent copy of
 * {@code namdrunner.mv.db}, taken while the application keeps working.
 *
 * <p><b>Restore</b> accepts such a zip or a bare {@code .mv.db} file. The candidate is first copied into a
 * temporary directory beside the database and checked there: it must hold no triggers, Java functions or
 * aggregates (checked on a dump by H2's Recover tool <em>before</em> opening, since opening an H2 file runs its
 * source triggers), be an H2 database of a compatible engine version, and contain our {@code schema_version}
 * table with a version this code knows (migrated forward in the temporary copy). Only then is the running database closed, kept
 * as {@code namdrunner-before-restore.mv.db} (not "namdrunner.*": H2's BACKUP would zip it as a second namdrunner.mv.db),
 * and replaced by the validated copy. Anything refused leaves the
 * current database untouched and open.
 *
 * <p><b>Reset</b> replaces the database by an empty one with the current schema, optionally after a backup into
 * {@code backups/}.
 */
public final class DatabaseManagement {
    /** File name under which restore keeps the database it replaced. */
    public static final String BEFORE_RESTORE = Store.DB_NAME + "-before-restore.mv.db";

    private final Store store;

    DatabaseManagement(Store store) {
        this.store = store;
    }

    /** The data directory. */
    public Path location() {
        return store.directory();
    }

    /** The database file. */
    public Path databaseFile() {
        return store.databaseFile();
    }

    /** Directory of automatic backups (before migration, before reset). */
    public Path backupDirectory() {
        return store.directory().resolve(Store.BACKUP_DIR);
    }

    /** Size in bytes of the live database files ({@code namdrunner.*.db}), without backups. */
    public long sizeOnDisk() {
        long size = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(store.directory(), Store.DB_NAME + ".*db")) {
            for (Path p : ds) {
                if (!p.getFileName().toString().equals(BEFORE_RESTORE)) {
                    try {
                        size += Files.size(p);
                    } catch (NoSuchFileException e) {
                        // removed meanwhile (e.g. a trace file)
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreException("Cannot read the size of the database in " + store.directory() + ": " + e.getMessage(), e);
        }
        return size;
    }

    /**
     * Writes an online backup (zip) of the database to {@code target}, replacing an existing file only once the
     * new backup is complete.
     *
     * @return target
     */
    public Path backup(Path target, IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, "Backing up the NAMDRunner database", 2);
        Path abs = target.toAbsolutePath().normalize();
        Path tmp = abs.resolveSibling(abs.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            store.inTransaction(c -> {
                Store.backupTo(c, tmp);
                return null;
            });
            sub.worked(1);
            checkCanceled(sub);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            sub.worked(1);
            return abs;
        } catch (IOException e) {
            throw new StoreException("Cannot write the backup " + abs + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
            sub.done();
        }
    }

    /**
     * Replaces the database by the one in {@code file} (a backup zip or an {@code .mv.db} file), after validating
     * it as described in the class comment. The replaced database is kept as {@value #BEFORE_RESTORE}.
     *
     * @return the file holding the replaced database
     * @throws InvalidBackupException when the file is not a usable NAMDRunner database; nothing was changed
     */
    public Path restore(Path file, IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, "Restoring the NAMDRunner database", 4);
        Path source = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(source)) {
            throw new InvalidBackupException("Cannot restore from " + source + ": no such file");
        }
        Path tmpDir = store.directory().resolve("restore-" + UUID.randomUUID());
        try {
            Files.createDirectories(tmpDir);
            Path candidate = Store.databaseFile(tmpDir);
            sub.subTask("Reading " + source.getFileName());
            extract(source, candidate);
            sub.worked(1);
            checkCanceled(sub);
            sub.subTask("Validating " + source.getFileName());
            validate(source, tmpDir);
            sub.worked(1);
            checkCanceled(sub);
            sub.subTask("Replacing the database");
            Path kept = store.directory().resolve(BEFORE_RESTORE);
            store.exclusive(() -> {
                swapIn(candidate, kept);
                return null;
            });
            sub.worked(2);
            return kept;
        } catch (IOException e) {
            throw new StoreException("Cannot restore from " + source + ": " + e.getMessage(), e);
        } finally {
            deleteTree(tmpDir);
            sub.done();
        }
    }

    /**
     * Replaces the database by an empty one with the current schema.
     *
     * @param backupFirst write a backup into {@link #backupDirectory()} first
     * @return the backup written, if any
     */
    public Optional<Path> reset(boolean backupFirst, IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, "Resetting the NAMDRunner database", 3);
        Path backup = null;
        if (backupFirst) {
            backup = backup(store.backupPath("before-reset"), sub.split(1));
        } else {
            sub.worked(1);
        }
        checkCanceled(sub);
        Path old = store.directory().resolve(Store.DB_NAME + ".reset-old.mv.db");
        store.exclusive(() -> {
            Path db = store.databaseFile();
            try {
                Files.move(db, old, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new StoreException("Cannot reset " + db + ": " + e.getMessage(), e);
            }
            try {
                store.start();
            } catch (RuntimeException e) {
                try {
                    Files.deleteIfExists(db);
                    Files.move(old, db, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException r) {
                    e.addSuppressed(r);
                }
                throw e;
            }
            deleteQuietly(old);
            return null;
        });
        sub.worked(2);
        sub.done();
        return Optional.ofNullable(backup);
    }

    // ---- restore steps ----

    private static void extract(Path source, Path candidate) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(source)) {
            n = in.readNBytes(head, 0, 4);
        }
        if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            boolean found = false;
            try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(source))) {
                for (ZipEntry e; (e = zin.getNextEntry()) != null;) {
                    // Only the database entry is used, always written to our own file name (no path from the zip).
                    if (!e.isDirectory() && e.getName().endsWith(".mv.db")) {
                        if (found) {
                            throw new InvalidBackupException(source + " holds more than one database; it is not a NAMDRunner backup");
                        }
                        Files.copy(zin, candidate, StandardCopyOption.REPLACE_EXISTING);
                        found = true;
                    }
                }
            } catch (ZipException | java.io.EOFException e) {
                throw new InvalidBackupException(source + " is a damaged zip file: " + e.getMessage(), e);
            }
            if (!found) {
                throw new InvalidBackupException(source + " is a zip file without an H2 database (.mv.db) in it: "
                        + "not a NAMDRunner backup");
            }
        } else if (n >= 2 && head[0] == 'H' && head[1] == ':') {
            Files.copy(source, candidate, StandardCopyOption.REPLACE_EXISTING);
        } else {
            throw new InvalidBackupException(source + " is not a NAMDRunner backup: neither a backup zip nor an H2 "
                    + "database file");
        }
    }

    /**
     * Opening an H2 database instantiates its triggers, and a trigger may be Java source compiled on open: an
     * untrusted file could run code just by being opened. So before opening the candidate, H2's Recover tool
     * (which reads the file's pages without executing anything) dumps its schema, and any trigger, Java function
     * or aggregate in it refuses the file.
     */
    private static void rejectCodeBeforeOpening(Path source, Path tmpDir) throws IOException {
        try {
            org.h2.tools.Recover.execute(tmpDir.toString(), Store.DB_NAME);
        } catch (SQLException | RuntimeException e) {
            throw new InvalidBackupException("The file " + source + " cannot be read as an H2 database: not restored. ("
                    + e.getMessage() + ")", e);
        }
        Path script = tmpDir.resolve(Store.DB_NAME + ".h2.sql");
        if (!Files.isRegularFile(script)) {
            throw new InvalidBackupException("The file " + source + " cannot be read as an H2 database: not restored.");
        }
        try (java.io.BufferedReader r = Files.newBufferedReader(script, java.nio.charset.StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null;) {
                if (CODE_OBJECT.matcher(line).lookingAt() && !line.contains("'org.h2.tools.Recover.read")) {
                    throw new InvalidBackupException("The file " + source + " contains triggers or functions, which "
                            + "NAMDRunner databases never have: not restored");
                }
            }
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(tmpDir.resolve(Store.DB_NAME + ".mv.txt"));
        }
    }

    private static final java.util.regex.Pattern CODE_OBJECT = java.util.regex.Pattern.compile(
            "CREATE\\s+(FORCE\\s+)?(TRIGGER|ALIAS|AGGREGATE)\\b", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** Opens the candidate in its temporary directory, checks it and migrates it forward there. */
    private static void validate(Path source, Path tmpDir) throws IOException {
        String what = "The file " + source;
        rejectCodeBeforeOpening(source, tmpDir);
        try (Connection c = Store.dataSource(tmpDir, true).getConnection()) {
            try {
                Migrations.SchemaState st = Migrations.inspect(c);
                if (!st.hasVersionTable()) {
                    throw new InvalidBackupException(what + " is an H2 database but not a NAMDRunner one (it has no "
                            + "schema_version table)");
                }
                Migrations.check(c, what);
                rejectCode(c, what);
                Migrations.migrate(c, Migrations.latestVersion(), what);
                try (PreparedStatement ps = c.prepareStatement("SHUTDOWN")) {
                    ps.execute();
                }
            } catch (IncompatibleDatabaseException e) {
                throw new InvalidBackupException(e.getMessage(), e);
            }
        } catch (SQLException e) {
            String detail = switch (e.getErrorCode()) {
                case ErrorCode.FILE_CORRUPTED_1 -> " is damaged";
                case ErrorCode.FILE_VERSION_ERROR_1 -> " was written by an incompatible H2 database engine version";
                case ErrorCode.DATABASE_NOT_FOUND_1, ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1 -> " holds no database";
                case ErrorCode.WRONG_USER_OR_PASSWORD -> " is a database of another application (its users differ)";
                default -> " cannot be opened as a database";
            };
            throw new InvalidBackupException(what + detail + ": not restored. (" + e.getMessage() + ")", e);
        } catch (StoreException e) {
            throw e instanceof InvalidBackupException ? e : new InvalidBackupException(e.getMessage(), e);
        } catch (RuntimeException e) {
            // H2 reports some damage as unchecked exceptions (MVStoreException).
            throw new InvalidBackupException(what + " cannot be read as a database: not restored. (" + e + ")", e);
        }
    }

    /** Our schema has no triggers or user-defined functions; a file with some is not ours (and could run code). */
    private static void rejectCode(Connection c, String what) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT COUNT(*) FROM INFORMATION_SCHEMA.TRIGGERS) + "
                + "(SELECT COUNT(*) FROM INFORMATION_SCHEMA.ROUTINES WHERE ROUTINE_SCHEMA <> 'INFORMATION_SCHEMA')");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getLong(1) > 0) {
                throw new InvalidBackupException(what + " contains triggers or functions, which NAMDRunner databases "
                        + "never have: not restored");
            }
        }
    }

    /** With the store shut down: keep the current file, move the candidate in, start; undo on failure. */
    private void swapIn(Path candidate, Path kept) {
        Path db = store.databaseFile();
        try {
            Files.move(db, kept, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StoreException("Cannot set the current database aside: " + e.getMessage(), e);
        }
        try {
            Files.move(candidate, db);
            store.start();
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(db);
                Files.move(kept, db);
            } catch (IOException r) {
                e.addSuppressed(r);
            }
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("Restore failed, the previous database was put back: " + e.getMessage(), e);
        }
    }

    private static void checkCanceled(IProgressMonitor m) {
        if (m.isCanceled()) {
            throw new OperationCanceledException();
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(DatabaseManagement::deleteQuietly);
        } catch (IOException e) {
            // best effort
        }
    }
}
