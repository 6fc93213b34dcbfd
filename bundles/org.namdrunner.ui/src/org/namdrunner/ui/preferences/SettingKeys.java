package org.namdrunner.ui.preferences;

/**
 * Keys of the settings the preference pages write to the store's settings table, with their defaults. The
 * cluster life cycle and the remote layer read the same keys.
 */
public final class SettingKeys {
    /** Seconds between automatic syncs of active jobs (0 = no automatic sync). */
    public static final String SYNC_INTERVAL_SECONDS = "sync.intervalSeconds";
    public static final int DEFAULT_SYNC_INTERVAL_SECONDS = 60;
    /** Remote commands started per second, per cluster connection. */
    public static final String COMMANDS_PER_SECOND = "remote.commandsPerSecond";
    public static final String DEFAULT_COMMANDS_PER_SECOND = "5";
    /** Remote commands allowed to wait for their turn before new ones are refused. */
    public static final String MAX_QUEUED_COMMANDS = "remote.maxQueuedCommands";
    public static final int DEFAULT_MAX_QUEUED_COMMANDS = 20;

    /**
     * Default resources of a new job (the Create Job wizard starts from them when the partition has no default of its
     * own). Cores are the job's total cores (tasks); nodes follow from the partition's cores per node.
     */
    public static final String DEFAULT_PARTITION = "defaults.partition";
    public static final String DEFAULT_CORES = "defaults.cores";
    public static final String DEFAULT_MEMORY_MB = "defaults.memoryMb";
    public static final String DEFAULT_WALL_TIME_MINUTES = "defaults.wallTimeMinutes";

    private SettingKeys() {
    }
}
