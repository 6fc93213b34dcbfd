package org.namdrunner.testing;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ProfileConfig;

/**
 * The test cluster's two-factor sshds (scripts/test-cluster, {@code otp.properties} beside {@code cluster.properties}):
 * port {@code port} asks for the key and then pam_oath's one-time code, port {@code duoPort} for the key and then a
 * Duo-style menu with pam_google_authenticator's "Passcode or option (1-3): ". Codes are computed here from the shared
 * secret (RFC 4226 HOTP, RFC 6238 TOTP with 30 s steps). The servers accept each code once and never a code of a step
 * older than the last one used, so {@link #freshCode()} hands out codes of steps that nobody used before: the first
 * one of this JVM comes from a step that began after the JVM first asked, the next ones from later steps (waiting for
 * the step to begin when needed). Not part of the product.
 */
public final class TwoFactorCluster {
    /** The prompt pam_oath sends (echo off), as the server sends it. */
    public static final String OATH_PROMPT = "One-time password (OATH) for `nrtest': ";
    /** The Duo-style prompt of the second server (echo on): the menu lines sshd puts before the module's prompt. */
    public static final String DUO_PROMPT = String.join("\n", "Duo two-factor login for nrtest", "",
            "Enter a passcode or select one of the following options:", "", " 1. Duo Push to XXX-XXX-0000",
            " 2. Phone call to XXX-XXX-0000", " 3. SMS passcodes to XXX-XXX-0000", "", "Passcode or option (1-3): ");

    private static Properties props;
    private static long lastStep = -1;

    private TwoFactorCluster() {
    }

    /** {@code otp.properties} of the running test cluster; fails the test with what to do when it is missing. */
    public static synchronized Properties properties() {
        if (props != null) {
            return props;
        }
        Path cluster = Path.of(TestCluster.properties().getProperty("stateDir"), "otp.properties");
        if (!Files.isRegularFile(cluster)) {
            throw new AssertionError("Two-factor test sshd properties " + cluster + " not found: start them with "
                    + "`scripts/test-cluster otp-start` (`scripts/test-cluster start` includes them)");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(cluster)) {
            p.load(r);
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + cluster + ": " + e, e);
        }
        props = p;
        return p;
    }

    /**
     * The test cluster's Slurm profile on the two-factor sshd ({@code duo}: the Duo-style one) with the given login
     * method ({@code key} or {@code keyboard-interactive}; both with the test key).
     */
    public static ProfileConfig slurmProfile(String idPrefix, boolean duo, String authMethod) throws ClusterException {
        Properties p = properties();
        return TestCluster.slurmProfile(idPrefix).toBuilder().name((duo ? "Duo-style " : "Two-factor ") + idPrefix)
                .port(Integer.parseInt(p.getProperty(duo ? "duoPort" : "port"))).property("authMethod", authMethod)
                .property("keyFile", p.getProperty("keyFile")).property("knownHosts", p.getProperty("knownHosts")).build();
    }

    /** RFC 4226 HOTP: the {@code digits}-digit code of {@code counter} for {@code key} (HMAC-SHA1, dynamic truncation). */
    public static String hotp(byte[] key, long counter, int digits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int off = h[h.length - 1] & 0x0f;
            int bin = ((h[off] & 0x7f) << 24) | ((h[off + 1] & 0xff) << 16) | ((h[off + 2] & 0xff) << 8) | (h[off + 3] & 0xff);
            int mod = 1;
            for (int i = 0; i < digits; i++) {
                mod *= 10;
            }
            return String.format("%0" + digits + "d", bin % mod);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 6238 TOTP: the code of the time step containing {@code epochMillis} (T0 = 0). */
    public static String totp(byte[] key, long epochMillis, int periodSeconds, int digits) {
        return hotp(key, Math.floorDiv(epochMillis / 1000, periodSeconds), digits);
    }

    /** The shared secret of the two-factor sshds. */
    public static byte[] secret() {
        return HexFormat.of().parseHex(properties().getProperty("secretHex").strip());
    }

    /** A code the servers have not seen: of a time step after every step used before (waits for it to begin). */
    public static synchronized String freshCode() {
        int period = Integer.parseInt(properties().getProperty("periodSeconds", "30"));
        int digits = Integer.parseInt(properties().getProperty("digits", "6"));
        long now = System.currentTimeMillis();
        long step = Math.floorDiv(now / 1000, period);
        // the first code of this JVM: a step that began after this call (earlier JVMs may have used the current one)
        long wanted = lastStep < 0 ? step + 1 : Math.max(step, lastStep + 1);
        long begins = wanted * period * 1000L;
        while (System.currentTimeMillis() < begins) {
            try {
                Thread.sleep(Math.min(1000, begins - System.currentTimeMillis() + 50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for a fresh one-time code", e);
            }
        }
        lastStep = wanted;
        return hotp(secret(), wanted, digits);
    }

    /** The pid of the listening two-factor sshd ({@code duo}: the Duo-style one). */
    public static long listenerPid(boolean duo) {
        Path pidFile = Path.of(properties().getProperty(duo ? "duoPidFile" : "pidFile"));
        try {
            return Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            throw new AssertionError("Cannot read the pid of the two-factor sshd from " + pidFile + ": " + e, e);
        }
    }

    /**
     * Kills (SIGKILL) the per-connection processes of the two-factor sshd — the monitor, the privilege-separated child
     * that holds the connection's socket and what runs under it: the server side of every connection to it, as a crashed
     * login node would end them; the listener stays. Returns how many processes were killed.
     */
    public static int killConnections(boolean duo) {
        long listener = listenerPid(duo);
        List<ProcessHandle> children = ProcessHandle.of(listener).map(h -> h.descendants().toList()).orElse(List.of());
        for (ProcessHandle c : children) {
            c.destroyForcibly();
        }
        for (ProcessHandle c : children) {
            c.onExit().join();
        }
        return children.size();
    }

    /** The lines of the sshd's log (LogLevel VERBOSE: one "Accepted keyboard-interactive/pam" per login). */
    public static List<String> serverLog(boolean duo) {
        Path log = Path.of(TestCluster.properties().getProperty("stateDir"), "logs", (duo ? "sshd-duo" : "sshd-otp") + ".log");
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + log + ": " + e, e);
        }
    }
}
