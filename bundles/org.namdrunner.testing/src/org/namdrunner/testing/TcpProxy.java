package org.namdrunner.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ProfileConfig;

/**
 * A loopback TCP proxy in front of the test cluster's sshd that tests control: it counts the bytes each way (what
 * NAMDRunner really sent, including SSH framing), cuts every open connection on demand or once a number of bytes went
 * through, and names the local ports of its connections to sshd (so a test can find and kill the sshd process that
 * serves them, and only those). The same kind of proxy as the remote layer's test fragment has for its own tests.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<Socket> upstreams = new CopyOnWriteArrayList<>();
    private final AtomicLong upBytes = new AtomicLong();
    private final AtomicLong downBytes = new AtomicLong();
    private volatile long killAfterUpBytes = -1;
    private volatile long killAfterDownBytes = -1;
    private final AtomicLong kills = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();

    /** A proxy to the test cluster's sshd. */
    public TcpProxy() throws IOException {
        this(TestCluster.properties().getProperty("host"), Integer.parseInt(TestCluster.properties().getProperty("port")));
    }

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "test-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Bytes sent from the client to sshd so far. */
    public long upstreamBytes() {
        return upBytes.get();
    }

    /** Bytes sent from sshd to the client so far. */
    public long downstreamBytes() {
        return downBytes.get();
    }

    /** Cuts all connections once this many more bytes went from client to server (once). */
    public void killAfterUpstreamBytes(long bytes) {
        killAfterUpBytes = upBytes.get() + bytes;
    }

    /** Cuts all connections once this many more bytes went from server to client (once). */
    public void killAfterDownstreamBytes(long bytes) {
        killAfterDownBytes = downBytes.get() + bytes;
    }

    /** Clears pending byte-count cuts. */
    public void disarm() {
        killAfterUpBytes = -1;
        killAfterDownBytes = -1;
    }

    public long kills() {
        return kills.get();
    }

    public long acceptedConnections() {
        return accepted.get();
    }

    /** Local ports of the proxy's open connections to sshd (the sshd side sees them as the peer port). */
    public List<Integer> upstreamLocalPorts() {
        return upstreams.stream().filter(s -> !s.isClosed()).map(Socket::getLocalPort).toList();
    }

    /** Cuts every open connection now (like a network failure). */
    public void killAll() {
        kills.incrementAndGet();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // ignore
            }
        }
        open.clear();
        upstreams.clear();
    }

    /**
     * The test cluster's Slurm profile ({@link TestCluster#slurmProfile}) connecting through this proxy, with a
     * known_hosts file in {@code dir} that names the proxy's port.
     */
    public ProfileConfig slurmProfile(String idPrefix, Path dir) throws ClusterException, IOException {
        String host = TestCluster.properties().getProperty("host");
        Path known = dir.resolve("known_hosts_proxy_" + port());
        Files.writeString(known, Files.readString(Path.of(TestCluster.properties().getProperty("knownHosts")))
                .replace("[" + host + "]:" + targetPort, "[" + host + "]:" + port()));
        return TestCluster.slurmProfile(idPrefix).toBuilder().host(host).port(port()).property("knownHosts", known.toString()).build();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                upstreams.add(upstream);
                accepted.incrementAndGet();
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean up) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    long total = (up ? upBytes : downBytes).addAndGet(n);
                    long limit = up ? killAfterUpBytes : killAfterDownBytes;
                    if (limit >= 0 && total >= limit) {
                        if (up) {
                            killAfterUpBytes = -1;
                        } else {
                            killAfterDownBytes = -1;
                        }
                        killAll();
                        return;
                    }
                }
            } catch (IOException e) {
                // connection cut
            } finally {
                try {
                    from.close();
                } catch (IOException e) {
                    // ignore
                }
                try {
                    to.close();
                } catch (IOException e) {
                    // ignore
                }
                open.remove(from);
                open.remove(to);
                upstreams.remove(up ? to : from);
            }
        }, "test-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        killAll();
    }
}
