package org.namdrunner.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;

/**
 * One SSH connection to one cluster. A single JSch {@link Session} carries every command (exec channels) and
 * the SFTP channels, so the user logs in (and answers a second factor) once per session, not per command.
 * Broken sessions are detected (server-alive messages, failing channel opens) and re-established with
 * exponential {@link Backoff}. Commands pass the {@link RateLimiter} and are recorded in the
 * {@link CommandLog}. Thread-safe.
 */
public final class RemoteConnection implements AutoCloseable {
    /**
     * Cipher preference: AES-GCM and AES-CTR are hardware-accelerated in the JVM (AES-NI) and fastest for
     * bulk transfers; chacha20-poly1305 (needs Bouncy Castle in JSch) comes last.
     */
    static final String CIPHERS = "aes128-gcm@openssh.com,aes128-ctr,aes256-gcm@openssh.com,aes256-ctr,aes192-ctr,"
            + "chacha20-poly1305@openssh.com";
    /** Local window per channel (JSch's maximum useful value; default is 1 MiB). */
    static final int CHANNEL_WINDOW = 16 * 1024 * 1024;
    /** Outstanding SFTP read/write requests per transfer (JSch default 16; OpenSSH sftp uses 64). */
    static final int SFTP_BULK_REQUESTS = 128;

    private final ConnectionSettings settings;
    private final UserInteraction interaction;
    private final SecretStore secrets;
    private final CommandLog log;
    private final RateLimiter limiter;
    private final Backoff backoff;

    private final Object lock = new Object();
    private Session session;
    private final List<Session> jumpSessions = new ArrayList<>();
    private KnownHostsVerifier verifier;
    /** The login method of the last connect (a key login without any key becomes a password login). */
    private volatile AuthMethod effectiveMethod;
    private SshConfigResolver.Target target;
    private ChannelSftp sharedSftp;
    private final Object sftpLock = new Object();
    private int logins;
    private boolean viaEclipseService;
    private volatile boolean closed;

    public RemoteConnection(ConnectionSettings settings, UserInteraction interaction, SecretStore secrets,
            CommandLog log) {
        this(settings, interaction, secrets, log, null, Backoff.defaults());
    }

    /**
     * @param limiter null for the default limiter built from the settings (commands per second, queue limit)
     */
    public RemoteConnection(ConnectionSettings settings, UserInteraction interaction, SecretStore secrets,
            CommandLog log, RateLimiter limiter, Backoff backoff) {
        this.settings = Objects.requireNonNull(settings);
        this.interaction = interaction != null ? interaction : UserInteraction.NONE;
        this.secrets = secrets;
        this.log = log != null ? log : new CommandLog();
        this.limiter = limiter != null ? limiter
                : RateLimiter.create(settings.getCommandsPerSecond(), settings.getMaxQueuedCommands(), this.log,
                        settings.getId());
        this.backoff = Objects.requireNonNull(backoff);
    }

    public ConnectionSettings getSettings() {
        return settings;
    }

    public CommandLog getCommandLog() {
        return log;
    }

    public RateLimiter getRateLimiter() {
        return limiter;
    }

    /** {@code user@host:port} once resolved, else the settings' id. */
    public String getDisplayName() {
        SshConfigResolver.Target t = target;
        return t != null ? t.destination() : settings.getId();
    }

    /** How many times this connection logged in (1 after the first connect; +1 per reconnect). */
    public int getLoginCount() {
        synchronized (lock) {
            return logins;
        }
    }

    /** Number of ProxyJump sessions under the current session. */
    int jumpHostCount() {
        synchronized (lock) {
            return jumpSessions.size();
        }
    }

    public boolean isConnected() {
        synchronized (lock) {
            return session != null && session.isConnected();
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Connecting

    /** Connects (if not connected), retrying transient failures with exponential backoff. */
    public void connect(IProgressMonitor monitor) throws RemoteException {
        session(monitor);
    }

    /** The live session, (re)connecting with backoff when needed. */
    Session session(IProgressMonitor monitor) throws RemoteException {
        IProgressMonitor m = monitor != null ? monitor : new NullProgressMonitor();
        synchronized (lock) {
            if (closed) {
                throw new RemoteException(RemoteErrorKind.CANCELLED, "The connection to " + getDisplayName()
                        + " has been closed.");
            }
            if (session != null && session.isConnected()) {
                return session;
            }
            boolean reconnect = session != null;
            dropSessionLocked();
            RemoteException last = null;
            for (int attempt = 1; attempt <= backoff.getMaxAttempts(); attempt++) {
                backoff.awaitAttempt(attempt, m);
                if (attempt > 1 || reconnect) {
                    log.event(getDisplayName(), CommandLogEntry.Kind.CONNECTION,
                            (reconnect ? "reconnecting" : "connecting") + " (attempt " + attempt + " of "
                                    + backoff.getMaxAttempts() + ")");
                }
                try {
                    session = openSession(m);
                    logins++;
                    log.event(getDisplayName(), CommandLogEntry.Kind.CONNECTION,
                            "connected (" + session.getServerVersion() + ", cipher "
                                    + session.getCipherAlgorithmC2S() + (viaEclipseService ? ", via org.eclipse.jsch.core" : "")
                                    + ")");
                    return session;
                } catch (RemoteException e) {
                    last = e;
                    log.event(getDisplayName(), CommandLogEntry.Kind.CONNECTION, "connect failed: " + e.getMessage());
                    if (!e.isTransient()) {
                        throw e;
                    }
                }
            }
            throw last;
        }
    }

    private Session openSession(IProgressMonitor monitor) throws RemoteException {
        SshConfigResolver.Target t = SshConfigResolver.forFile(settings.getSshConfigFile()).resolve(settings);
        this.target = t;
        JSch jsch = new JSch();
        Path known = settings.getKnownHostsFile();
        try {
            if (Files.isRegularFile(known)) {
                jsch.setKnownHosts(known.toString());
            } else {
                // an empty repository that remembers its file name for later additions
                if (known.getParent() != null) {
                    Files.createDirectories(known.getParent());
                }
                Files.createFile(known);
                jsch.setKnownHosts(known.toString());
            }
        } catch (JSchException | IOException e) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION,
                    "Cannot read the known hosts file " + known + ": " + e.getMessage(), e);
        }
        KnownHostsVerifier v = new KnownHostsVerifier(jsch.getHostKeyRepository(), known, interaction);
        jsch.setHostKeyRepository(v);
        this.verifier = v;
        boolean agentAuth = settings.getAuthMethod() == AuthMethod.AGENT;
        if (agentAuth) {
            useAgent(jsch, t);
        }
        boolean keyAuth = settings.getAuthMethod() == AuthMethod.PUBLIC_KEY;
        // a key login with no key configured and none in ~/.ssh is offered as a password login
        AuthMethod method = keyAuth && addIdentities(jsch, t, true) == 0 ? AuthMethod.PASSWORD : settings.getAuthMethod();
        // keyboard-interactive with a configured key: the key first, then the server's prompts (key + one-time code,
        // sshd's "AuthenticationMethods publickey,keyboard-interactive")
        boolean kbdWithKey = method == AuthMethod.KEYBOARD_INTERACTIVE && !t.identityFiles().isEmpty()
                && addIdentities(jsch, t, true) > 0;
        effectiveMethod = method;

        List<Session> jumps = new ArrayList<>();
        Session previous = null;
        try {
            for (SshConfigResolver.Target hop : t.jumps()) {
                if (!keyAuth && !agentAuth) { // the agent's keys serve the jump hosts too
                    addIdentities(jsch, hop, false);
                }
                Session js = newSession(jsch, hop, previous, AuthMethod.PUBLIC_KEY, hop.destination());
                AuthHandler ah = new AuthHandler(hop.destination(), hop.destination(), AuthMethod.PASSWORD,
                        interaction, secrets);
                js.setUserInfo(ah);
                js.setConfig("PreferredAuthentications", "publickey,keyboard-interactive,password");
                connectSession(js, hop, ah, monitor);
                jumps.add(js);
                previous = js;
            }
            Session s = newSession(jsch, t, previous, method, settings.getId());
            if (kbdWithKey) {
                s.setConfig("PreferredAuthentications", "publickey,keyboard-interactive");
            }
            AuthHandler ah = new AuthHandler(settings.getId(), t.destination(), method, interaction, secrets);
            s.setUserInfo(ah);
            connectSession(s, t, ah, monitor);
            ah.commitRemembered();
            ah.clear();
            jumpSessions.addAll(jumps);
            return s;
        } catch (RemoteException e) {
            for (Session js : jumps) {
                js.disconnect();
            }
            throw e;
        }
    }

    /**
     * Makes the SSH agent the source of {@code jsch}'s keys: the socket named by the ssh config's IdentityAgent for
     * this host, else {@code SSH_AUTH_SOCK}. A missing, unreachable or empty agent is a configuration error that
     * says how to fix it; nothing is sent to the agent but the requests to list keys and to sign.
     */
    private static void useAgent(JSch jsch, SshConfigResolver.Target t) throws RemoteException {
        String sock = t.identityAgent() != null ? t.identityAgent() : System.getenv("SSH_AUTH_SOCK");
        if ("none".equals(sock)) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION, "The ssh config turns the SSH agent off for "
                    + t.destination() + " (IdentityAgent none): remove that line or choose Login: SSH key.");
        }
        if (sock == null || sock.isBlank()) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION, "No SSH agent found for " + t.destination()
                    + ": SSH_AUTH_SOCK is not set where NAMDRunner was started. Start NAMDRunner from a session where "
                    + "ssh-agent runs with your key added (ssh-add), name the agent's socket with IdentityAgent in "
                    + "~/.ssh/config, or choose Login: SSH key.");
        }
        Path p = Path.of(sock);
        if (!Files.exists(p)) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION, "The SSH agent's socket " + p
                    + " does not exist: the agent has stopped. Start it again and add your key (ssh-add).");
        }
        com.jcraft.jsch.AgentIdentityRepository agent;
        int keys;
        try {
            agent = new com.jcraft.jsch.AgentIdentityRepository(new com.jcraft.jsch.SSHAgentConnector(p));
            keys = agent.getStatus() == com.jcraft.jsch.IdentityRepository.RUNNING ? agent.getIdentities().size() : -1;
        } catch (com.jcraft.jsch.AgentProxyException | RuntimeException e) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION, "Cannot talk to the SSH agent at " + p + ": "
                    + describe(e), null);
        }
        if (keys < 0) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION, "The SSH agent at " + p
                    + " does not answer: start it again and add your key (ssh-add).");
        }
        if (keys == 0) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION, "The SSH agent at " + p
                    + " holds no keys: add the key for " + t.destination() + " with ssh-add.");
        }
        jsch.setIdentityRepository(agent);
    }

    /** Adds the target's keys (or ~/.ssh/id_*) to {@code jsch}; returns how many were added. */
    private int addIdentities(JSch jsch, SshConfigResolver.Target t, boolean required) throws RemoteException {
        List<Path> keys = new ArrayList<>(t.identityFiles());
        boolean explicit = !keys.isEmpty();
        if (keys.isEmpty()) {
            Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
            for (String n : new String[] { "id_ed25519", "id_ecdsa", "id_rsa" }) {
                keys.add(ssh.resolve(n));
            }
        }
        int added = 0;
        for (Path k : keys) {
            if (!Files.isRegularFile(k)) {
                if (explicit && required) {
                    throw new RemoteException(RemoteErrorKind.CONFIGURATION, "The private key file " + k
                            + " does not exist.");
                }
                continue;
            }
            try {
                jsch.addIdentity(k.toString());
                added++;
            } catch (JSchException e) {
                if (required) {
                    throw new RemoteException(RemoteErrorKind.CONFIGURATION,
                            "Cannot use the private key file " + k + ": " + describe(e), null);
                }
            }
        }
        if (added == 0 && required && explicit) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION,
                    "No usable private key file for " + t.destination()
                            + ": choose a key file in the connection settings (or an IdentityFile in ~/.ssh/config), "
                            + "or choose Login: Password.");
        }
        // no key configured and none in ~/.ssh: 0, and the caller logs in with a password instead
        return added;
    }

    private Session newSession(JSch jsch, SshConfigResolver.Target t, Session via, AuthMethod method, String id)
            throws RemoteException {
        try {
            Session s = jsch.getSession(t.user(), t.hostName(), t.port());
            s.setConfig("StrictHostKeyChecking", "yes");
            s.setConfig("HashKnownHosts", "no");
            s.setConfig("cipher.c2s", CIPHERS);
            s.setConfig("cipher.s2c", CIPHERS);
            s.setConfig("compression.c2s", "none");
            s.setConfig("compression.s2c", "none");
            s.setConfig("max_input_buffer_size", String.valueOf(32 * 1024 * 1024));
            s.setConfig("PreferredAuthentications", switch (method) {
            case PASSWORD -> "password,keyboard-interactive";
            case PUBLIC_KEY, AGENT -> "publickey,keyboard-interactive";
            case KEYBOARD_INTERACTIVE -> "keyboard-interactive";
            });
            s.setServerAliveInterval((int) settings.getServerAliveInterval().toMillis());
            s.setServerAliveCountMax(settings.getServerAliveCountMax());
            if (via != null) {
                s.setProxy(new JumpProxy(via));
            } else if (settings.isUseEclipseProxySettings()) {
                com.jcraft.jsch.Proxy p = EclipseJSch.proxyFor(t.hostName());
                if (p != null) {
                    s.setProxy(p);
                }
            }
            return s;
        } catch (JSchException e) {
            throw new RemoteException(RemoteErrorKind.CONFIGURATION,
                    "Invalid connection settings for " + t.destination() + ": " + e.getMessage(), e);
        }
    }

    private void connectSession(Session s, SshConfigResolver.Target t, AuthHandler auth, IProgressMonitor monitor)
            throws RemoteException {
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.getConnectTimeout().toMillis());
        try {
            viaEclipseService = EclipseJSch.connect(s, timeout, monitor);
            if (!viaEclipseService) {
                s.connect(timeout);
            }
        } catch (JSchException e) {
            s.disconnect();
            auth.clear();
            throw classifyConnect(e, t, auth, monitor);
        }
    }

    private RemoteException classifyConnect(JSchException e, SshConfigResolver.Target t, AuthHandler auth,
            IProgressMonitor monitor) {
        String dest = t.destination();
        KnownHostsVerifier.Problem p = verifier != null ? verifier.lastProblem() : null;
        if (e instanceof JSchChangedHostKeyException || (p != null && p.changed())) {
            String fp = p != null ? p.keyType() + " key " + p.fingerprint() : "a different key";
            String host = p != null ? p.host() : t.hostName();
            return new RemoteException(RemoteErrorKind.HOST_KEY_CHANGED, "The host key of " + host
                    + " has CHANGED: the server now presents " + fp + ", which does not match the key recorded in "
                    + settings.getKnownHostsFile() + ". Someone could be intercepting the connection, or the "
                    + "server was reinstalled. The connection was refused; if the change is expected, remove the "
                    + "old key of " + host + " from that file and connect again.", null);
        }
        if (e instanceof JSchUnknownHostKeyException || (p != null && !p.changed())) {
            String fp = p != null ? " (" + p.keyType() + " " + p.fingerprint() + ")" : "";
            return new RemoteException(RemoteErrorKind.HOST_KEY_REJECTED, "The host key of "
                    + (p != null ? p.host() : t.hostName()) + fp
                    + " is not known and was not trusted, so the connection was not made.", null);
        }
        if (monitor != null && monitor.isCanceled()) {
            return new RemoteException(RemoteErrorKind.CANCELLED, "Connecting to " + dest + " was cancelled.", null);
        }
        Throwable cause = rootCause(e);
        String msg = String.valueOf(e.getMessage());
        if ("JSchAuthCancelException".equals(e.getClass().getSimpleName()) || msg.startsWith("Auth cancel")) {
            if (auth.userCancelled() && !auth.secretOffered()) {
                return new RemoteException(RemoteErrorKind.CANCELLED, "Login to " + dest + " was cancelled.", null);
            }
            return authFailed(dest);
        }
        if ("JSchPartialAuthException".equals(e.getClass().getSimpleName()) || msg.startsWith("Auth fail") || msg.contains("USERAUTH fail")) {
            return authFailed(dest);
        }
        if (cause instanceof UnknownHostException) {
            return new RemoteException(RemoteErrorKind.HOST_UNREACHABLE, "Unknown host '" + t.hostName()
                    + "'. Check the host name (and the ssh config alias, if you use one).", null);
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return new RemoteException(RemoteErrorKind.HOST_UNREACHABLE, "Cannot reach " + t.hostName() + " on port "
                    + t.port() + " (" + cause.getMessage() + "). Check the host name and port, and that you are on "
                    + "the network or VPN the cluster requires.", null);
        }
        if (cause instanceof SocketTimeoutException || msg.contains("timeout") || msg.contains("timed out")) {
            return new RemoteException(RemoteErrorKind.TIMEOUT, "Connecting to " + dest + " timed out after "
                    + settings.getConnectTimeout().toSeconds() + " s. The host may be down or a firewall drops "
                    + "the connection.", null);
        }
        if (cause instanceof InterruptedIOException) {
            return new RemoteException(RemoteErrorKind.CANCELLED, "Connecting to " + dest + " was cancelled.", null);
        }
        if (cause instanceof SocketException || cause instanceof IOException || msg.contains("session is down")
                || msg.contains("connection is closed by foreign host") || msg.contains("Connection reset")) {
            return new RemoteException(RemoteErrorKind.CONNECTION_LOST, "The connection to " + dest
                    + " was closed during login (" + describe(e) + ").", null);
        }
        if (msg.contains("Algorithm negotiation fail")) {
            return new RemoteException(RemoteErrorKind.CONFIGURATION, "The server " + dest
                    + " offers no cipher, key exchange or host key algorithm this client supports (" + msg + ").",
                    null);
        }
        return new RemoteException(RemoteErrorKind.UNKNOWN, "Could not connect to " + dest + ": " + describe(e), null);
    }

    private RemoteException authFailed(String dest) {
        String what = switch (effectiveMethod == null ? settings.getAuthMethod() : effectiveMethod) {
        case PASSWORD -> "Check the user name and password.";
        case PUBLIC_KEY -> "Check the user name, the key file and its passphrase, and that the public key is in "
                + "~/.ssh/authorized_keys on the cluster. If the cluster accepts passwords, choose Login: Password in "
                + "the profile (Window > Preferences > NAMDRunner > Cluster Profiles).";
        case KEYBOARD_INTERACTIVE -> "Check the user name and your answers to the login prompts.";
        case AGENT -> "Check the user name and that the agent holds the key whose public half is in "
                + "~/.ssh/authorized_keys on the cluster (ssh-add -l lists the agent's keys).";
        };
        return new RemoteException(RemoteErrorKind.AUTH_FAILED,
                "Authentication failed for " + dest + ": the server did not accept the login. " + what, null);
    }

    private static String describe(Throwable e) {
        String m = SecretRedactor.global().redact(String.valueOf(e.getMessage()));
        return m;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    /** Marks the session broken so that the next use reconnects. */
    void markBroken(Session broken) {
        synchronized (lock) {
            if (session == broken) {
                log.event(getDisplayName(), CommandLogEntry.Kind.CONNECTION, "connection lost");
                dropSessionLocked();
                session = null;
            }
        }
    }

    private void dropSessionLocked() {
        synchronized (sftpLock) {
            if (sharedSftp != null) {
                sharedSftp.disconnect();
                sharedSftp = null;
            }
        }
        if (session != null) {
            session.disconnect();
        }
        for (int i = jumpSessions.size() - 1; i >= 0; i--) {
            jumpSessions.get(i).disconnect();
        }
        jumpSessions.clear();
    }

    /** Drops the connection (it is re-opened on next use). */
    public void disconnect() {
        synchronized (lock) {
            if (session != null) {
                log.event(getDisplayName(), CommandLogEntry.Kind.CONNECTION, "disconnected");
            }
            dropSessionLocked();
            session = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        disconnect();
    }

    // ---------------------------------------------------------------------------------------------------
    // Commands

    /** Runs a command with {@link ExecOptions#DEFAULT}. */
    public CommandResult exec(CommandLine command, IProgressMonitor monitor) throws RemoteException {
        return exec(command, ExecOptions.DEFAULT, monitor);
    }

    /**
     * Runs a remote command through the rate limiter and records it in the command log. A non-zero exit code
     * is returned, not thrown (use {@link CommandResult#requireSuccess(String)}).
     */
    public CommandResult exec(CommandLine command, ExecOptions options, IProgressMonitor monitor)
            throws RemoteException {
        String cmd = command.toCommandString();
        String key = options.coalesce() && options.stdin() == null ? cmd : null;
        return limiter.call(key, cancelled -> execNow(cmd, options, cancelled, monitor), monitor);
    }

    /**
     * Submits a command without waiting (e.g. several status queries at once). Refused at once with
     * {@link RemoteErrorKind#TOO_MANY_REQUESTS} when the rate limiter's queue is full.
     */
    public java.util.concurrent.CompletableFuture<CommandResult> execAsync(CommandLine command, ExecOptions options)
            throws RemoteException {
        String cmd = command.toCommandString();
        String key = options.coalesce() && options.stdin() == null ? cmd : null;
        return limiter.submit(key, cancelled -> execNow(cmd, options, cancelled, null));
    }

    private CommandResult execNow(String cmd, ExecOptions options, BooleanSupplier cancelled, IProgressMonitor monitor)
            throws RemoteException {
        BooleanSupplier stop = () -> cancelled.getAsBoolean() || (monitor != null && monitor.isCanceled());
        long start = System.nanoTime();
        for (int attempt = 1;; attempt++) {
            Session s = session(monitor);
            ChannelExec ch;
            CaptureStream out = new CaptureStream(options.captureLimit());
            CaptureStream err = new CaptureStream(options.captureLimit());
            try {
                ch = (ChannelExec) openChannel(s, "exec");
                ch.setCommand(cmd.getBytes(StandardCharsets.UTF_8));
                ch.setOutputStream(out);
                ch.setExtOutputStream(err);
                if (options.stdin() != null) {
                    ch.setInputStream(new java.io.ByteArrayInputStream(options.stdin()));
                } else {
                    ch.setInputStream(null);
                }
                ch.connect((int) settings.getConnectTimeout().toMillis());
            } catch (JSchException e) {
                // the command did not start: safe to reconnect and try again once
                if (!s.isConnected() && attempt == 1) {
                    markBroken(s);
                    continue;
                }
                if (!s.isConnected()) {
                    markBroken(s);
                }
                RemoteException re = new RemoteException(s.isConnected() ? RemoteErrorKind.UNKNOWN
                        : RemoteErrorKind.CONNECTION_LOST, "Could not start a command on " + getDisplayName() + ": "
                                + describe(e), null);
                log.add(getDisplayName(), CommandLogEntry.Kind.COMMAND_ERROR, cmd, null, elapsed(start),
                        re.getMessage());
                throw re;
            }
            try {
                int exit = waitFor(ch, s, out, options.timeout(), stop);
                Duration d = elapsed(start);
                CommandResult r = new CommandResult(cmd, exit, out.bytes(), err.bytes(), d, out.truncated(),
                        err.truncated());
                String shown = r.stdout() + (err.size() > 0 ? (out.size() > 0 ? "\n" : "") + r.stderr() : "");
                log.command(getDisplayName(), cmd, exit, d, shown);
                return r;
            } catch (RemoteException e) {
                log.add(getDisplayName(), CommandLogEntry.Kind.COMMAND_ERROR, cmd, null, elapsed(start),
                        e.getMessage());
                throw e;
            } finally {
                ch.disconnect();
            }
        }
    }

    private int waitFor(ChannelExec ch, Session s, CaptureStream out, Duration timeout, BooleanSupplier stop)
            throws RemoteException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (ch.isClosed() && ch.getExitStatus() != -1) {
                return ch.getExitStatus();
            }
            if (ch.isClosed() || !s.isConnected()) {
                if (!s.isConnected()) {
                    markBroken(s);
                    throw new RemoteException(RemoteErrorKind.CONNECTION_LOST, "The connection to "
                            + getDisplayName() + " was lost while a command was running.");
                }
                return ch.getExitStatus();
            }
            if (stop.getAsBoolean()) {
                try {
                    ch.sendSignal("TERM");
                } catch (Exception e) {
                    // best effort
                }
                throw new RemoteException(RemoteErrorKind.CANCELLED, "Cancelled by the user.");
            }
            if (System.nanoTime() > deadline) {
                throw new RemoteException(RemoteErrorKind.TIMEOUT, "A command on " + getDisplayName()
                        + " did not finish within " + timeout.toSeconds() + " s.");
            }
            out.awaitClose(out.closed() ? 1 : 20);
        }
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Bounded capture of a channel stream; JSch closes it at EOF. */
    static final class CaptureStream extends OutputStream {
        private final int limit;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private long total;
        private final CountDownLatch closedLatch = new CountDownLatch(1);

        CaptureStream(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            total++;
            if (buf.size() < limit) {
                buf.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            total += len;
            int room = limit - buf.size();
            if (room > 0) {
                buf.write(b, off, Math.min(room, len));
            }
        }

        @Override
        public void close() {
            closedLatch.countDown();
        }

        boolean closed() {
            return closedLatch.getCount() == 0;
        }

        void awaitClose(long millis) {
            try {
                if (closed()) {
                    Thread.sleep(millis);
                } else {
                    closedLatch.await(millis, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized byte[] bytes() {
            return buf.toByteArray();
        }

        synchronized int size() {
            return buf.size();
        }

        synchronized boolean truncated() {
            return total > buf.size();
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // SFTP

    /** Work on the connection's shared SFTP channel (serialised; for browsing and small operations). */
    @FunctionalInterface
    public interface SftpAction<T> {
        T run(ChannelSftp sftp) throws SftpException, RemoteException;
    }

    /**
     * Runs {@code action} on the shared SFTP channel of this session (opened once, re-opened after a
     * reconnect). SFTP errors are classified.
     */
    public <T> T withSftp(String what, SftpAction<T> action, IProgressMonitor monitor) throws RemoteException {
        for (int attempt = 1;; attempt++) {
            Session s = session(monitor);
            synchronized (sftpLock) {
                try {
                    if (sharedSftp == null || !sharedSftp.isConnected() || sharedSftp.getSession() != s) {
                        sharedSftp = openSftpOn(s);
                    }
                    return action.run(sharedSftp);
                } catch (JSchException e) {
                    if (!s.isConnected() && attempt == 1) {
                        markBroken(s);
                        continue;
                    }
                    throw new RemoteException(RemoteErrorKind.CONNECTION_LOST, what + " failed: cannot open the "
                            + "SFTP channel on " + getDisplayName() + " (" + describe(e) + ").", null);
                } catch (SftpException e) {
                    if (!s.isConnected()) {
                        markBroken(s);
                        if (attempt == 1) {
                            continue;
                        }
                    }
                    throw classifySftp(e, what);
                }
            }
        }
    }

    /** A new SFTP channel on this session for a long transfer; the caller disconnects it. */
    ChannelSftp openSftpChannel(IProgressMonitor monitor) throws RemoteException {
        for (int attempt = 1;; attempt++) {
            Session s = session(monitor);
            try {
                return openSftpOn(s);
            } catch (JSchException e) {
                if (!s.isConnected()) {
                    markBroken(s);
                    if (attempt == 1) {
                        continue;
                    }
                    throw new RemoteException(RemoteErrorKind.CONNECTION_LOST, "The connection to "
                            + getDisplayName() + " was lost.", e);
                }
                throw new RemoteException(RemoteErrorKind.UNKNOWN, "Cannot open an SFTP channel on "
                        + getDisplayName() + ": " + describe(e), null);
            }
        }
    }

    private ChannelSftp openSftpOn(Session s) throws JSchException {
        ChannelSftp c = (ChannelSftp) openChannel(s, "sftp");
        c.setLocalWindowSizeMax(CHANNEL_WINDOW);
        c.connect((int) settings.getConnectTimeout().toMillis());
        try {
            c.setBulkRequests(SFTP_BULK_REQUESTS);
        } catch (JSchException e) {
            // keep JSch's default
        }
        return c;
    }

    /** JSch returns null (instead of throwing) when a channel cannot be opened on a dying session. */
    private static com.jcraft.jsch.Channel openChannel(Session s, String type) throws JSchException {
        com.jcraft.jsch.Channel c = s.openChannel(type);
        if (c == null) {
            throw new JSchException("session is down (cannot open a " + type + " channel)");
        }
        return c;
    }

    /**
     * Called by transfers when a channel failed in a way that means the network connection is gone (broken
     * pipe, reset, EOF) even if JSch has not noticed yet: drops the session so the next use reconnects.
     */
    void channelBroken(com.jcraft.jsch.Channel ch) {
        Session s;
        try {
            s = ch.getSession();
        } catch (JSchException e) {
            return;
        }
        markBroken(s);
    }

    /** Whether {@code t} (or a cause) says the network connection broke. */
    static boolean isNetworkFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SocketException || c instanceof java.io.EOFException) {
                return true;
            }
            String m = String.valueOf(c.getMessage());
            if (m.contains("session is down") || m.contains("Broken pipe") || m.contains("Connection reset")
                    || m.contains("inputstream is closed") || m.contains("Pipe closed") || m.contains("channel is not opened")
                    || m.contains("Write end dead") || m.contains("connection is closed")) {
                return true;
            }
        }
        return false;
    }

    /** Opens an exec channel for streaming (tar); the caller connects and disconnects it. */
    ChannelExec openExecChannel(IProgressMonitor monitor) throws RemoteException {
        for (int attempt = 1;; attempt++) {
            Session s = session(monitor);
            try {
                ChannelExec c = (ChannelExec) openChannel(s, "exec");
                c.setLocalWindowSizeMax(CHANNEL_WINDOW);
                return c;
            } catch (JSchException e) {
                if (!s.isConnected()) {
                    markBroken(s);
                    if (attempt == 1) {
                        continue;
                    }
                }
                throw new RemoteException(RemoteErrorKind.CONNECTION_LOST, "Cannot open a channel on "
                        + getDisplayName() + ": " + describe(e), null);
            }
        }
    }

    /** Classifies an SFTP failure into a user-understandable exception. */
    RemoteException classifySftp(SftpException e, String what) {
        String detail = describe(e);
        return switch (e.id) {
        case ChannelSftp.SSH_FX_NO_SUCH_FILE -> new RemoteException(RemoteErrorKind.NOT_FOUND,
                what + " failed: no such file or directory on " + getDisplayName() + ".", null);
        case ChannelSftp.SSH_FX_PERMISSION_DENIED -> new RemoteException(RemoteErrorKind.PERMISSION_DENIED,
                what + " failed: permission denied on " + getDisplayName() + ".", null);
        case 14 /* SSH_FX_NO_SPACE_ON_FILESYSTEM */, 15 /* SSH_FX_QUOTA_EXCEEDED */ -> new RemoteException(
                RemoteErrorKind.DISK_FULL, what + " failed: the file system on " + getDisplayName()
                        + " is full or your quota is exceeded.", null);
        case ChannelSftp.SSH_FX_CONNECTION_LOST, ChannelSftp.SSH_FX_NO_CONNECTION -> new RemoteException(
                RemoteErrorKind.CONNECTION_LOST, what + " failed: the connection to " + getDisplayName()
                        + " was lost.", null);
        default -> {
            RemoteErrorKind k = CommandResult.classifyStderr(detail);
            if (k == RemoteErrorKind.COMMAND_FAILED) {
                k = RemoteErrorKind.UNKNOWN;
            }
            yield new RemoteException(k, what + " failed on " + getDisplayName() + ": " + detail, null);
        }
        };
    }

    /** Whether the session behind this connection is currently down (used by transfers to decide on resume). */
    boolean sessionLost(Throwable t) {
        synchronized (lock) {
            if (session == null || !session.isConnected()) {
                if (session != null) {
                    markBroken(session);
                }
                return true;
            }
            return false;
        }
    }

    /** The user's remote home directory (via the shared SFTP channel). */
    public String home(IProgressMonitor monitor) throws RemoteException {
        return withSftp("Reading the home directory", ChannelSftp::getHome, monitor);
    }
}
