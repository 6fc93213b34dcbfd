package org.namdrunner.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;
import org.namdrunner.store.internal.Migrations;

/**
 * NAMDRunner's local database: an embedded H2 file database {@value #DB_NAME}{@code .mv.db} in a data directory
 * (see {@link StoreLocation}), with a versioned schema migrated forward on open, repositories for jobs, templates,
 * cluster profiles and settings, and {@link DatabaseManagement backup, restore and reset}.
 *
 * <p><b>Threads.</b> A store is thread-safe. Connections come from H2's {@link JdbcConnectionPool} (up to
 * {@value #MAX_CONNECTIONS}); H2's MVStore engine gives each transaction row-level locks, so writers on different
 * rows proceed in parallel and writers on the same row wait (up to {@value #LOCK_TIMEOUT_MS} ms). A
 * read/write lock guards the database's life cycle: every transaction holds the read side, while restore, reset
 * and close take the write side, so they wait for running transactions and no transaction sees a half-swapped
 * file.
 *
 * <p><b>Transactions.</b> {@link #inTransaction(SqlWork)} runs work in one transaction: committed when the work
 * returns, rolled back when it throws. A call inside another joins the outer transaction. Every repository
 * method is one transaction, or part of the caller's.
 *
 * <p>One store per directory per process: opening a directory twice is refused, and H2's file lock refuses a
 * second process.
 */
public final class Store implements AutoCloseable {

    /** Base name of the database files in the data directory. */
    public static final String DB_NAME = "namdrunner";
    /** Sub-directory of the data directory for automatic backups (before migration, reset, restore). */
    public static final String BACKUP_DIR = "backups";
    static final int MAX_CONNECTIONS = 16;
    static final int LOCK_TIMEOUT_MS = 10_000;

    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock(true);
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    /** Changes whenever the jobs table may have changed (see {@link #jobsVersion()}). */
    private final AtomicLong jobsVersion = new AtomicLong();
    /** Ids of the jobs written in this thread's open transaction: its end (commit or rollback) marks them again. */
    private final ThreadLocal<Set<String>> jobsWritten = new ThreadLocal<>();
    /** Changes when the database is opened again (a restore or reset replaces every job at once). */
    private final AtomicLong generation = new AtomicLong();
    /** Ids of jobs written since the last {@link #drainWrittenJobs()}. */
    private final Set<String> writtenJobs = ConcurrentHashMap.newKeySet();
    private volatile JdbcConnectionPool pool;
    private volatile boolean closed;

    private final JobRepository jobs = new JobRepository(this);
    private final TemplateRepository templates = new TemplateRepository(this);
    private final ClusterProfileRepository clusterProfiles = new ClusterProfileRepository(this);
    private final SettingsRepository settings = new SettingsRepository(this);
    private final DatabaseManagement management = new DatabaseManagement(this);

    private Store(Path directory) {
        this.directory = directory;
    }

    /** Opens (creating or migrating as needed) the store in the default {@link StoreLocation#dataDirectory()}. */
    public static Store openDefault() {
        return open(StoreLocation.dataDirectory());
    }

    /**
     * Opens the store in {@code directory}, creating the directory and an empty schema when needed and
     * migrating an older schema forward (after backing it up into {@code backups/}).
     *
     * @throws IncompatibleDatabaseException when the database is newer than this code or not a NAMDRunner one
     * @throws StoreException                when it cannot be opened (in use by another program, unreadable ...)
     */
    public static Store open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (dir.toString().contains(";")) {
            throw new StoreException("The data directory " + dir + " contains ';', which H2 database URLs cannot hold. "
                    + "Choose another directory (system property " + StoreLocation.DATA_PROPERTY + ").");
        }
        if (!OPEN.add(dir)) {
            throw new StoreException("The NAMDRunner database in " + dir + " is already open in this application.");
        }
        try {
            Files.createDirectories(dir);
            Store store = new Store(dir);
            store.start();
            return store;
        } catch (IOException e) {
            OPEN.remove(dir);
            throw new StoreException("Cannot create the data directory " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            OPEN.remove(dir);
            throw e;
        }
    }

    /** The data directory. */
    public Path directory() {
        return directory;
    }

    /** The database file ({@code namdrunner.mv.db}). */
    public Path databaseFile() {
        return databaseFile(directory);
    }

    static Path databaseFile(Path dir) {
        return dir.resolve(DB_NAME + ".mv.db");
    }

    static String url(Path dir) {
        // WRITE_DELAY=0: a commit reaches the file before it returns. With H2's default (changes flushed by a background
        // thread up to 500 ms later) a process killed right after recording an intent lost it (the kill test found a
        // job submitted twice that way).
        return "jdbc:h2:file:" + dir.resolve(DB_NAME) + ";LOCK_TIMEOUT=" + LOCK_TIMEOUT_MS + ";WRITE_DELAY=0";
    }

    public JobRepository jobs() {
        return jobs;
    }

    public TemplateRepository templates() {
        return templates;
    }

    public ClusterProfileRepository clusterProfiles() {
        return clusterProfiles;
    }

    public SettingsRepository settings() {
        return settings;
    }

    /** Location, size, backup, restore and reset. */
    public DatabaseManagement management() {
        return management;
    }

    /** The schema version of the open database. */
    public int schemaVersion() {
        return inTransaction(c -> Migrations.inspect(c).version());
    }

    /** The schema version this code creates. */
    public static int latestSchemaVersion() {
        return Migrations.latestVersion();
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws (nothing of it
     * is written). Called inside another transaction on the same thread, it joins that transaction.
     *
     * @throws StoreException wrapping an {@link SQLException}; runtime exceptions of the work pass unchanged
     */
    public <T> T inTransaction(SqlWork<T> work) {
        Connection joined = current.get();
        if (joined != null) {
            try {
                return work.run(joined);
            } catch (SQLException e) {
                throw translate(e);
            }
        }
        lifecycle.readLock().lock();
        try {
            JdbcConnectionPool p = pool;
            if (closed || p == null) {
                throw new StoreException("The NAMDRunner store in " + directory + " is closed.");
            }
            try (Connection c = p.getConnection()) {
                c.setAutoCommit(false);
                current.set(c);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    try {
                        c.rollback();
                    } catch (SQLException r) {
                        e.addSuppressed(r);
                    }
                    throw e;
                } finally {
                    current.remove();
                    Set<String> written = jobsWritten.get();
                    if (written != null) {
                        jobsWritten.remove();
                        writtenJobs.addAll(written);
                        jobsVersion.incrementAndGet();
                    }
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw translate(e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * A number that changes whenever the jobs table may have changed in this process: when a job is written and
     * again when that transaction ends (committed or rolled back), and when the database is (re)opened. A copy of
     * job data read while the number stayed the same is current as long as the number still is (H2's file lock
     * keeps other processes out).
     */
    public long jobsVersion() {
        return jobsVersion.get();
    }

    /**
     * Called by the job repository for every write of a job: the version changes and the id is marked now and
     * again when the transaction ends, so that a copy read in between (before the commit) is read again.
     */
    void jobWritten(String jobId) {
        writtenJobs.add(jobId);
        jobsVersion.incrementAndGet();
        if (current.get() != null) {
            Set<String> written = jobsWritten.get();
            if (written == null) {
                written = new java.util.HashSet<>();
                jobsWritten.set(written);
            }
            written.add(jobId);
        }
    }

    /** Number of times the database was opened by this store: a copy of job data from another is void. */
    long generation() {
        return generation.get();
    }

    /** The ids of the jobs written since the last call (a copy of job data re-reads them). */
    Set<String> drainWrittenJobs() {
        Set<String> out = new java.util.HashSet<>();
        for (java.util.Iterator<String> it = writtenJobs.iterator(); it.hasNext();) {
            out.add(it.next());
            it.remove();
        }
        return out;
    }

    StoreException translate(SQLException e) {
        return switch (e.getErrorCode()) {
            case ErrorCode.LOCK_TIMEOUT_1 -> new StoreException("The database was busy (a record stayed locked for more than "
                    + LOCK_TIMEOUT_MS / 1000 + " s); try again. " + e.getMessage(), e);
            case ErrorCode.DEADLOCK_1 -> new StoreException("Two database transactions blocked each other; try again. "
                    + e.getMessage(), e);
            default -> new StoreException("Database error in " + databaseFile() + ": " + e.getMessage(), e);
        };
    }

    // ---- life cycle ----

    /** Creates the pool, checks the schema and migrates it. Called with the write lock held or before publication. */
    void start() {
        generation.incrementAndGet();
        jobsVersion.incrementAndGet();
        JdbcConnectionPool p = JdbcConnectionPool.create(url(directory), "sa", "");
        p.setMaxConnections(MAX_CONNECTIONS);
        p.setLoginTimeout(60);
        try (Connection c = p.getConnection()) {
            String what = "The database " + databaseFile();
            Migrations.SchemaState st = Migrations.check(c, what);
            if (!st.isEmpty() && st.version() < Migrations.latestVersion()) {
                Path backup = backupPath("before-v" + Migrations.latestVersion());
                Files.createDirectories(backup.getParent());
                backupTo(c, backup);
            }
            Migrations.migrate(c, Migrations.latestVersion(), what);
        } catch (SQLException e) {
            p.dispose();
            throw openFailure(e, databaseFile());
        } catch (IOException e) {
            p.dispose();
            throw new StoreException("Cannot back up " + databaseFile() + " before migrating it: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            p.dispose();
            throw e;
        }
        pool = p;
    }

    static StoreException openFailure(SQLException e, Path file) {
        return switch (e.getErrorCode()) {
            case ErrorCode.DATABASE_ALREADY_OPEN_1 -> new StoreException("The database " + file
                    + " is in use by another program (is another NAMDRunner running?).", e);
            case ErrorCode.FILE_CORRUPTED_1 -> new StoreException("The database " + file
                    + " is damaged and cannot be opened. Restore a backup (" + BACKUP_DIR + "/ in its directory). "
                    + e.getMessage(), e);
            case ErrorCode.FILE_VERSION_ERROR_1 -> new StoreException("The database " + file
                    + " was written by an incompatible version of the H2 database engine. " + e.getMessage(), e);
            default -> new StoreException("Cannot open the database " + file + ": " + e.getMessage(), e);
        };
    }

    /** A new file name for an automatic backup in {@code backups/}. */
    Path backupPath(String why) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        return directory.resolve(BACKUP_DIR).resolve(DB_NAME + "-" + stamp + "-" + why + ".zip");
    }

    /** Online backup through an open connection (H2 {@code BACKUP TO}: a zip holding a consistent copy). */
    static void backupTo(Connection c, Path zip) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BACKUP TO '" + zip.toString().replace("'", "''") + "'");
        }
    }

    /** Closes the database file (H2 SHUTDOWN) and the pool. Caller holds the write lock. */
    void shutdown() {
        JdbcConnectionPool p = pool;
        pool = null;
        if (p == null) {
            return;
        }
        try (Connection c = p.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            // The database is closed either way when the pool is disposed.
        } finally {
            p.dispose();
        }
    }

    /** Runs work with the database closed and no transaction running; restarts it afterwards if work did not. */
    <T> T exclusive(java.util.function.Supplier<T> work) {
        if (lifecycle.getReadHoldCount() > 0) {
            throw new IllegalStateException("Restore, reset and close cannot run inside a store transaction");
        }
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                throw new StoreException("The NAMDRunner store in " + directory + " is closed.");
            }
            shutdown();
            try {
                return work.get();
            } finally {
                if (pool == null && !closed) {
                    start();
                }
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    boolean isRunning() {
        return pool != null;
    }

    /** A stand-alone data source for another database file (validation of restore candidates). */
    static JdbcDataSource dataSource(Path dir, boolean mustExist) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url(dir) + (mustExist ? ";IFEXISTS=TRUE" : ""));
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Waits for running transactions, then closes the database. Idempotent. */
    @Override
    public void close() {
        if (lifecycle.getReadHoldCount() > 0) {
            throw new IllegalStateException("A store cannot be closed inside one of its transactions");
        }
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            shutdown();
            OPEN.remove(directory);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
