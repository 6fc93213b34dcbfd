package org.namdrunner.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A {@link RemoteShell} on this machine: {@code /bin/sh -c command}. Used by the Local profile and by tests that
 * exercise the exact commands the cluster would run.
 */
public class LocalShell implements RemoteShell {
    private final Map<String, String> environment = new LinkedHashMap<>();
    private volatile boolean closed;

    public LocalShell() {
    }

    /** A shell whose commands see these extra environment variables. */
    public LocalShell(Map<String, String> extraEnvironment) {
        environment.putAll(extraEnvironment);
    }

    @Override
    public ShellResult run(String script, java.util.List<String> args, byte[] stdin, IProgressMonitor monitor)
            throws ClusterException {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("/bin/sh", "-c", script, "sh"));
        cmd.addAll(args);
        String command = script;
        if (closed) {
            throw new ClusterException(ClusterException.Kind.CONNECTION, "The local shell is closed");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Cannot start /bin/sh: " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread to = pump(p.getInputStream(), out);
        Thread te = pump(p.getErrorStream(), err);
        Thread ti = new Thread(() -> {
            try (OutputStream os = p.getOutputStream()) {
                if (stdin != null) {
                    os.write(stdin);
                }
            } catch (IOException e) {
                // the command did not read all its input: fine
            }
        }, "local-shell-stdin");
        ti.setDaemon(true);
        ti.start();
        try {
            while (!p.waitFor(100, TimeUnit.MILLISECONDS)) {
                if (monitor != null && monitor.isCanceled()) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    throw new ClusterException(ClusterException.Kind.CANCELLED, "Cancelled: " + abbreviate(command));
                }
            }
            to.join();
            te.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new ClusterException(ClusterException.Kind.CANCELLED, "Interrupted: " + abbreviate(command), e);
        }
        return new ShellResult(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String c) {
        return c.length() > 80 ? c.substring(0, 80) + "..." : c;
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream to) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(to);
            } catch (IOException e) {
                // process ended
            }
        }, "local-shell-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public String user() {
        return System.getProperty("user.name");
    }

    @Override
    public void upload(Path local, String remotePath, IProgressMonitor monitor) throws ClusterException {
        try {
            Path target = Path.of(remotePath);
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.copy(local, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Copying " + local + " to " + remotePath
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void download(String remotePath, Path local, IProgressMonitor monitor) throws ClusterException {
        try {
            if (local.getParent() != null) {
                Files.createDirectories(local.getParent());
            }
            Files.copy(Path.of(remotePath), local, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ClusterException(ClusterException.Kind.COMMAND_FAILED, "Copying " + remotePath + " to " + local
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
