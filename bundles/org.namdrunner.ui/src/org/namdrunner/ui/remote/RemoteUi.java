package org.namdrunner.ui.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.namdrunner.remote.CommandLog;
import org.namdrunner.remote.ConnectionSettings;
import org.namdrunner.remote.RemoteConnection;
import org.namdrunner.remote.RemoteException;
import org.namdrunner.remote.SecretStore;
import org.namdrunner.remote.UserInteraction;
import org.namdrunner.ui.NamdRunnerUi;

/**
 * The workbench's cluster connections: one {@link RemoteConnection} per connection id, all writing to one
 * {@link CommandLog} (shown by the SSH console) and asking the user through {@link DialogUserInteraction}.
 * Connecting is a cancellable Eclipse job; listeners hear about connects and disconnects.
 */
public final class RemoteUi {

    private static final CommandLog LOG = new CommandLog();
    private static final Map<String, RemoteConnection> CONNECTIONS = new ConcurrentHashMap<>();
    private static final List<Runnable> LISTENERS = new CopyOnWriteArrayList<>();
    private static volatile UserInteraction interaction = new DialogUserInteraction();

    private RemoteUi() {
    }

    /** The command log of every connection of the workbench. */
    public static CommandLog commandLog() {
        return LOG;
    }

    /** How connections ask the user (dialogs). */
    public static UserInteraction interaction() {
        return interaction;
    }

    /** The user's secure storage, or null when it cannot be opened (then nothing is remembered). */
    public static SecretStore secrets() {
        try {
            return SecretStore.defaultStore();
        } catch (RemoteException e) {
            NamdRunnerUi.log(IStatus.WARNING, "Secure storage unavailable: " + e.getMessage(), e);
            return null;
        }
    }

    public static void addListener(Runnable r) {
        LISTENERS.add(r);
    }

    public static void removeListener(Runnable r) {
        LISTENERS.remove(r);
    }

    private static void fire() {
        LISTENERS.forEach(Runnable::run);
    }

    /** Tells the listeners (status line, Remote Explorer) that a connection was opened elsewhere (job editor). */
    public static void connectionsChanged() {
        fire();
    }

    /** The connection for these settings (created, not connected, when new). */
    public static RemoteConnection connection(ConnectionSettings settings) {
        return CONNECTIONS.computeIfAbsent(settings.getId(), id -> new RemoteConnection(settings, interaction, secrets(), LOG));
    }

    /** The connections that are up. */
    public static List<RemoteConnection> connected() {
        List<RemoteConnection> out = new ArrayList<>();
        for (RemoteConnection c : CONNECTIONS.values()) {
            if (c.isConnected()) {
                out.add(c);
            }
        }
        return out;
    }

    /** Connects in a user job (dialogs for secrets and unknown host keys); errors end as the job's status. */
    public static Job connectJob(ConnectionSettings settings) {
        return connectJob(settings, settings.getId());
    }

    /**
     * Connects in a user job named after {@code name} (a profile's name: the Progress view and status line never
     * show an internal id); errors end as the job's status.
     */
    public static Job connectJob(ConnectionSettings settings, String name) {
        RemoteConnection c = connection(settings);
        Job job = new Job("Connecting to " + name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    c.connect(monitor);
                    return Status.OK_STATUS;
                } catch (RemoteException e) {
                    return monitor.isCanceled() ? Status.CANCEL_STATUS
                            : new Status(IStatus.ERROR, NamdRunnerUi.PLUGIN_ID, "Cannot connect to " + name
                                    + ": " + e.getMessage());
                } finally {
                    fire();
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == RemoteUi.class;
            }
        };
        job.setUser(true);
        job.schedule();
        return job;
    }

    /** Disconnects and forgets a connection. */
    public static void disconnect(String id) {
        RemoteConnection c = CONNECTIONS.remove(id);
        if (c != null) {
            c.close();
        }
        fire();
    }

    public static void disconnectAll() {
        for (String id : new ArrayList<>(CONNECTIONS.keySet())) {
            disconnect(id);
        }
    }

    /** Text for the status line. */
    /** Whether the connection with this id (a profile's id) is up. */
    public static boolean isConnected(String id) {
        RemoteConnection c = CONNECTIONS.get(id);
        return c != null && c.isConnected();
    }

    public static String statusText() {
        List<RemoteConnection> up = connected();
        if (up.isEmpty()) {
            return "Not connected";
        }
        StringBuilder b = new StringBuilder("Connected: ");
        for (int i = 0; i < up.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(up.get(i).getDisplayName());
        }
        return b.toString();
    }
}
