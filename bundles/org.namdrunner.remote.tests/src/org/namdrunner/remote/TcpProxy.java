package org.namdrunner.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy the tests control: forwards to the test sshd and can cut every open connection, or cut
 * automatically once a number of client-to-server bytes went through (to kill an upload in the middle).
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicLong upBytes = new AtomicLong();
    private final AtomicLong downBytes = new AtomicLong();
    private volatile long killAfterUpBytes = -1;
    private volatile long killAfterDownBytes = -1;
    private final AtomicLong kills = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();

    TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "test-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Cuts all connections once this many more bytes went from client to server (once). */
    void killAfterUpstreamBytes(long bytes) {
        killAfterUpBytes = upBytes.get() + bytes;
    }

    /** Cuts all connections once this many more bytes went from server to client (once). */
    void killAfterDownstreamBytes(long bytes) {
        killAfterDownBytes = downBytes.get() + bytes;
    }

    long kills() {
        return kills.get();
    }

    long acceptedConnections() {
        return accepted.get();
    }

    /** Cuts every open connection now (like a network failure). */
    void killAll() {
        kills.incrementAndGet();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // ignore
            }
        }
        open.clear();
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
