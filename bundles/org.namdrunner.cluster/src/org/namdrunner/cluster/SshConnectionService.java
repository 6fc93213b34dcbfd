package org.namdrunner.cluster;

import org.namdrunner.remote.ConnectionSettings;

/**
 * Offered by profile types whose sessions run over an SSH connection (Slurm, Grid Engine …) through
 * {@link ClusterProfileType#getService}: screens then keep one connection per profile, show it in the status line and
 * the SSH console, and connect (with dialogs) before a session is opened. Types without it (Local) need no connection.
 */
public interface SshConnectionService {
    /** The connection settings of a profile (host, port, user, key, known hosts, jump host …). */
    ConnectionSettings settings(ProfileConfig profile);
}
