package org.namdrunner.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;

/**
 * Host key policy over a known_hosts file (JSch's own parser/writer as delegate): a known key passes; an
 * unknown key is shown to the user ({@link UserInteraction#confirmHostKey}) and, if trusted, appended to the
 * file; a changed key is refused. The last problem is remembered so the connection can explain it (host and
 * SHA256 fingerprint).
 */
final class KnownHostsVerifier implements HostKeyRepository {

    /** What went wrong in the last check. */
    record Problem(boolean changed, String host, String keyType, String fingerprint) {
    }

    private final HostKeyRepository delegate;
    private final Path file;
    private final UserInteraction interaction;
    private volatile Problem lastProblem;

    KnownHostsVerifier(HostKeyRepository delegate, Path file, UserInteraction interaction) {
        this.delegate = delegate;
        this.file = file;
        this.interaction = interaction;
    }

    Problem lastProblem() {
        return lastProblem;
    }

    Path file() {
        return file;
    }

    @Override
    public int check(String host, byte[] key) {
        int r = delegate.check(host, key);
        if (r == OK) {
            return OK;
        }
        String type = Fingerprints.keyType(key);
        String fp = Fingerprints.sha256(key);
        if (r == CHANGED) {
            lastProblem = new Problem(true, host, type, fp);
            return CHANGED;
        }
        boolean trust;
        try {
            trust = interaction.confirmHostKey(host, type, fp);
        } catch (RuntimeException e) {
            trust = false;
        }
        if (!trust) {
            lastProblem = new Problem(false, host, type, fp);
            return NOT_INCLUDED;
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            delegate.add(new HostKey(host, key), null);
        } catch (IOException | JSchException e) {
            // Trusted for this session even if the file cannot be written; the user is asked again next time.
        }
        lastProblem = null;
        return OK;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        delegate.add(hostkey, ui);
    }

    @Override
    public void remove(String host, String type) {
        delegate.remove(host, type);
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        delegate.remove(host, type, key);
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return delegate.getKnownHostsRepositoryID();
    }

    @Override
    public HostKey[] getHostKey() {
        return delegate.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return delegate.getHostKey(host, type);
    }
}
