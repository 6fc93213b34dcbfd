package org.namdrunner.remote;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import com.jcraft.jsch.SftpProgressMonitor;
import com.jcraft.jsch.SftpStatVFS;

/**
 * File and directory transfers over the connection's session.
 * <ul>
 * <li><b>Files</b> go into {@code <name>.nrpart}: uploads as one stream through {@code cat} on an exec channel
 * (SFTP writes in JSch wait for each request's status), downloads over a dedicated SFTP channel with pipelined
 * requests (JSch bulk requests), which measured faster than a {@code cat} stream; after a dropped connection the transfer reconnects (with backoff) and continues from
 * the size already on the other side (remote size for uploads, local size for downloads), not from zero. At
 * the end the sha256 of both sides is compared (remote {@code sha256sum}, local {@link MessageDigest}; computed
 * while streaming when no resume happened) and only then is the part file renamed to its final name.</li>
 * <li><b>Directories</b>: {@link Strategy#SFTP} sends file by file; {@link Strategy#TAR} streams one tar through
 * an exec channel ({@code tar -xf -} / {@code tar -cf -} on the server), which avoids a round trip per file
 * and is much faster for many small files. Either way the whole tree is verified with one
 * {@code find | sha256sum} on the server.</li>
 * </ul>
 * Progress and cancellation go through {@link IProgressMonitor}; a cancelled file transfer leaves its part
 * file so that the next attempt resumes.
 */
public final class Transfers {
    /** Suffix of partially transferred files. */
    public static final String PART_SUFFIX = ".nrpart";
    /** How often a single transfer reconnects and resumes before giving up. */
    public static final int MAX_RESUMES = 5;

    /** How a directory is transferred. */
    public enum Strategy {
        /** One SFTP write/read per file. */
        SFTP,
        /** One tar stream over an exec channel. */
        TAR,
        /** TAR when the tree has more than {@link Transfers#TAR_THRESHOLD} files, else SFTP. */
        AUTO
    }

    /**
     * {@link Strategy#AUTO} streams a folder as one tar when it has more files than this, else over one SFTP
     * channel file by file. Measured, not guessed ({@code benchmarks/remote/run --only threshold}: verified
     * transfers of 1 to 32 files of 10 KiB, docs/BENCHMARKS.md): the tar upload was as fast or faster at every
     * count, the download tied with per-file SFTP up to 16 files and was ahead from 32 on (2.3x at 2,000). One
     * {@link #upload}/{@link #download} call per file is slower than either from 2 files on.
     */
    public static final int TAR_THRESHOLD = 16;

    /**
     * What a transfer did.
     *
     * @param bytes       payload bytes of the transferred file(s)
     * @param files       number of files
     * @param duration    wall time including verification
     * @param resumes     how often the transfer reconnected and resumed
     * @param resumedFrom byte offset of the last resume (-1 if none)
     * @param sha256      sha256 of the file (single-file transfers; null for directories)
     * @param verified    whether checksums were compared
     */
    public record Result(long bytes, int files, Duration duration, int resumes, long resumedFrom, String sha256,
            boolean verified) {
    }

    private final RemoteConnection connection;
    private final RemoteFiles files;
    private boolean verify = true;

    public Transfers(RemoteConnection connection) {
        this(connection, new RemoteFiles(connection));
    }

    public Transfers(RemoteConnection connection, RemoteFiles files) {
        this.connection = connection;
        this.files = files;
    }

    /** Whether transfers are verified by sha256 (default true; the benchmark measures both). */
    public Transfers setVerify(boolean value) {
        this.verify = value;
        return this;
    }

    // ---------------------------------------------------------------------------------------------------
    // Single files

    /** Uploads a local file to {@code remote} (inside the job roots). */
    public Result upload(Path local, String remote, IProgressMonitor monitor) throws RemoteException {
        String dst = files.policy().requireConfined(remote);
        String part = dst + PART_SUFFIX;
        String name = local.getFileName().toString();
        long size = localSize(local);
        SubMonitor sub = SubMonitor.convert(monitor, "Uploading " + name, 100);
        Progress progress = new Progress(sub.split(100), size, sub);
        long start = System.nanoTime();
        int resumes = 0;
        long resumedFrom = -1;
        String[] digests = null;
        while (true) {
            checkCancelled(sub, "Upload of " + name);
            ChannelSftp sftp = connection.openSftpChannel(cancelOnly(sub));
            long offset = 0;
            try {
                offset = remoteSizeOrZero(sftp, part);
                if (offset > size) {
                    offset = 0;
                }
                if (offset > 0) {
                    resumedFrom = offset;
                    connection.getCommandLog().event(connection.getDisplayName(), CommandLogEntry.Kind.TRANSFER,
                            "resuming upload of " + dst + " at byte " + offset + " of " + size);
                }
                progress.reset(offset);
                digests = streamUpload(local, part, offset, size, progress, sub);
                checkCancelled(sub, "Upload of " + name + " (the part on the server is kept and resumed next time)");
                long now = sftp.stat(part).getSize();
                if (now != size) {
                    throw new IOException("remote size " + now + " after upload, expected " + size);
                }
                break;
            } catch (SftpException | IOException e) {
                if (sub.isCanceled()) {
                    throw cancelled("Upload of " + name + " (the part on the server is kept and resumed next time)");
                }
                if (isConnectionFailure(sftp, e) && resumes < MAX_RESUMES) {
                    resumes++;
                    connection.getCommandLog().event(connection.getDisplayName(), CommandLogEntry.Kind.TRANSFER,
                            "connection lost while uploading " + dst + " (" + progress.done + " of " + size
                                    + " bytes sent); reconnecting to resume");
                    continue;
                }
                throw transferFailure(e, sftp, "Uploading " + name + " to " + dst, RemotePaths.parent(dst), size);
            } catch (RemoteException e) {
                if (sub.isCanceled()) {
                    throw cancelled("Upload of " + name + " (the part on the server is kept and resumed next time)");
                }
                if (e.getKind() == RemoteErrorKind.CONNECTION_LOST && resumes < MAX_RESUMES) {
                    resumes++;
                    connection.getCommandLog().event(connection.getDisplayName(), CommandLogEntry.Kind.TRANSFER,
                            "connection lost while uploading " + dst + " (" + progress.done + " of " + size
                                    + " bytes sent); reconnecting to resume");
                    continue;
                }
                throw e;
            } finally {
                sftp.disconnect();
            }
        }
        String sha = null;
        if (verify) {
            String local256 = digests[0];
            String remote256 = digests[1];
            if (!local256.equals(remote256)) {
                removeQuietly(part);
                throw new RemoteException(RemoteErrorKind.CHECKSUM_MISMATCH, "Upload of " + name + " to " + dst
                        + " is corrupt: sha256 " + remote256 + " on the server, " + local256
                        + " locally. The partial file was removed; upload again.");
            }
            sha = local256;
        }
        renameRemote(part, dst);
        Duration d = Duration.ofNanos(System.nanoTime() - start);
        connection.getCommandLog().add(connection.getDisplayName(), CommandLogEntry.Kind.TRANSFER,
                "upload " + local + " -> " + dst, 0, d,
                size + " bytes" + (sha != null ? ", sha256 " + sha : "") + (resumes > 0 ? ", resumed " + resumes + "x" : ""));
        sub.done();
        return new Result(size, 1, d, resumes, resumedFrom, sha, verify);
    }

    /**
     * Downloads {@code remote} to a local file (written as {@code <local>.nrpart}, then moved). The file comes as
     * one stream over an exec channel; with verification on, the server hashes exactly the bytes it reads for the
     * stream (a {@code tee} into the hasher, digest sent on stderr after the data) and the receiving side hashes
     * what it writes, so no second pass over the data is needed on either side.
     */
    public Result download(String remote, Path local, IProgressMonitor monitor) throws RemoteException {
        String src = RemotePaths.normalize(remote);
        String name = src.substring(src.lastIndexOf('/') + 1);
        Path part = local.resolveSibling(local.getFileName() + PART_SUFFIX);
        SubMonitor sub = SubMonitor.convert(monitor, "Downloading " + name, 100);
        long start = System.nanoTime();
        int resumes = 0;
        long resumedFrom = -1;
        long size = -1;
        String local256 = null;
        String remote256 = null;
        Progress progress = null;
        try {
            Files.createDirectories(local.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw localFailure(e, "Creating the folder for " + local);
        }
        while (true) {
            checkCancelled(sub, "Download of " + name);
            ChannelSftp sftp = connection.openSftpChannel(cancelOnly(sub));
            try {
                SftpATTRS a = sftp.stat(src);
                if (a.isDir()) {
                    throw new RemoteException(RemoteErrorKind.UNKNOWN, src + " is a directory; download it as a folder.");
                }
                size = a.getSize();
                if (progress == null) {
                    progress = new Progress(sub.split(100), size, sub);
                }
                long offset = Files.exists(part) ? Files.size(part) : 0;
                if (offset > size) {
                    Files.delete(part);
                    offset = 0;
                }
                if (offset > 0) {
                    resumedFrom = offset;
                    connection.getCommandLog().event(connection.getDisplayName(), CommandLogEntry.Kind.TRANSFER,
                            "resuming download of " + src + " at byte " + offset + " of " + size);
                }
                progress.reset(offset);
                MessageDigest digest = null;
                if (verify) {
                    digest = sha256Digest();
                    if (offset > 0) {
                        digestPrefix(part, offset, digest, sub);
                    }
                }
                Streamed r;
                try (FileSink sink = new FileSink(part, offset > 0, digest, transitHook, src)) {
                    CommandLine cmd = verify ? CommandLine.shellScript(DOWNLOAD_VERIFIED, src,
                            Long.toString(offset), size >= PYTHON_FROM_BYTES ? DOWNLOAD_PY : "",
                            size >= PYTHON_FROM_BYTES ? "" : "small")
                            : CommandLine.shellScript(DOWNLOAD_PLAIN, src, Long.toString(offset));
                    Progress pr = progress;
                    long base = offset;
                    r = runStreaming(cmd, "Downloading " + src, sub, null, null, sink,
                            () -> pr.reset(base + sink.count()));
                    sink.finish();
                }
                checkCancelled(sub, "Download of " + name + " (the part file is kept and resumed next time)");
                if (Files.size(part) != size) {
                    throw new IOException("local size " + Files.size(part) + " after download, expected " + size);
                }
                if (verify) {
                    local256 = HexFormat.of().formatHex(digest.digest());
                    remote256 = digestIn(r.stderr(), "Downloading " + src);
                }
                break;
            } catch (SftpException | IOException e) {
                if (sub.isCanceled()) {
                    throw cancelled("Download of " + name + " (the part file is kept and resumed next time)");
                }
                if (isConnectionFailure(sftp, e) && resumes < MAX_RESUMES) {
                    resumes++;
                    connection.getCommandLog().event(connection.getDisplayName(), CommandLogEntry.Kind.TRANSFER,
                            "connection lost while downloading " + src + "; reconnecting to resume");
                    continue;
                }
                if (e instanceof IOException io && !(e instanceof InterruptedIOException)) {
                    throw localFailure(io, "Writing " + part);
                }
                throw transferFailure(e, sftp, "Downloading " + src, null, 0);
            } catch (RemoteException e) {
                if (sub.isCanceled()) {
                    throw cancelled("Download of " + name + " (the part file is kept and resumed next time)");
                }
                if (e.getKind() == RemoteErrorKind.CONNECTION_LOST && resumes < MAX_RESUMES) {
                    resumes++;
                    connection.getCommandLog().event(connection.getDisplayName(), CommandLogEntry.Kind.TRANSFER,
                            "connection lost while downloading " + src + "; reconnecting to resume");
                    continue;
                }
                throw e;
            } finally {
                sftp.disconnect();
            }
        }
        String sha = null;
        if (verify) {
            if (!local256.equals(remote256)) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException e) {
                    // keep going to the error
                }
                throw new RemoteException(RemoteErrorKind.CHECKSUM_MISMATCH, "Download of " + src
                        + " is corrupt: sha256 " + remote256 + " on the server, " + local256
                        + " locally. The partial file was removed; download again.");
            }
            sha = local256;
        }
        try {
            Files.move(part, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw localFailure(e, "Moving " + part + " to " + local);
        }
        Duration d = Duration.ofNanos(System.nanoTime() - start);
        connection.getCommandLog().add(connection.getDisplayName(), CommandLogEntry.Kind.TRANSFER,
                "download " + src + " -> " + local, 0, d,
                size + " bytes" + (sha != null ? ", sha256 " + sha : "") + (resumes > 0 ? ", resumed " + resumes + "x" : ""));
        sub.done();
        return new Result(size, 1, d, resumes, resumedFrom, sha, verify);
    }

    /**
     * Shell function {@code h}: sha256 of stdin as {@code <hex> ...}. {@code openssl dgst} where installed (its
     * assembly with SHA extensions hashed 1 GiB in 1.0 s on the test cluster, coreutils {@code sha256sum} in
     * 2.6 s), else {@code sha256sum}. Only used where Python is missing (see {@link #UPLOAD_PY}).
     */
    static final String HASH_FN = "h() { if [ -z \"$4\" ] && command -v openssl >/dev/null 2>&1; then "
            + "openssl dgst -sha256 -r; else sha256sum; fi; }; ";
    /**
     * Files below this size are hashed on the server by the {@code tee} pipeline with {@code sha256sum}: starting
     * a process costs 30-50 ms on the test cluster, {@code python3} 120-160 ms, {@code openssl} 70 ms, while
     * {@code tee}'s small reads cost about 4 ms per MiB, so Python pays off from about 16-32 MiB.
     */
    static final long PYTHON_FROM_BYTES = 16L << 20;
    /**
     * Upload with the digest computed on the server in the same pass, by one process: reads stdin in up to
     * 1 MiB reads (the pipe from sshd enlarged to 1 MiB), writes the part ({@code argv[1]}; after its first
     * {@code argv[2]} bytes, which are hashed first, when resuming) and hashes with {@code hashlib} (OpenSSL,
     * SHA extensions); prints the digest of the whole part on stdout. Measured on the test cluster: a
     * {@code tee} pipeline took 2.0 s per 512 MiB for {@code tee} alone (8 KiB reads, each system call is
     * expensive in this VM), 4.8 s with the hasher; see docs/BENCHMARKS.md. Errors (a full disk) end it with
     * a traceback naming the cause on stderr and exit status 1.
     */
    static final String UPLOAD_PY = String.join("\n",
            "import sys,os,hashlib",
            "p,o=sys.argv[1],int(sys.argv[2])",
            "try:",
            " h=hashlib.sha256();b=bytearray(1<<20);m=memoryview(b)",
            " try:",
            "  import fcntl;fcntl.fcntl(0,1031,1<<20)",
            " except Exception:pass",
            " fd=os.open(p,os.O_RDWR|os.O_CREAT|(0 if o>0 else os.O_TRUNC),0o666)",
            " n=o",
            " while n>0:",
            "  k=os.readv(fd,[m[:min(n,len(b))]])",
            "  if k==0:break",
            "  h.update(m[:k]);n-=k",
            " os.ftruncate(fd,o-n);os.lseek(fd,o-n,0)",
            " while True:",
            "  k=os.readv(0,[m])",
            "  if k==0:break",
            "  v=m[:k];h.update(v)",
            "  while v:",
            "   w=os.write(fd,v);v=v[w:]",
            " os.close(fd)",
            " sys.stdout.write(h.hexdigest()+'  -\\n')",
            "except OSError as e:",
            " sys.stderr.write('%s: %s\\n' % (p, e.strerror));sys.exit(1)",
            "");
    /**
     * Download with the digest computed on the server in the same pass: one process reads the file
     * ({@code argv[1]}) once, hashes every byte and writes the bytes from {@code argv[2]} on to stdout; the digest
     * of the whole file follows on stderr.
     */
    static final String DOWNLOAD_PY = String.join("\n",
            "import sys,os,hashlib",
            "p,o=sys.argv[1],int(sys.argv[2])",
            "try:",
            " h=hashlib.sha256();b=bytearray(1<<20);m=memoryview(b)",
            " try:",
            "  import fcntl;fcntl.fcntl(1,1031,1<<20)",
            " except Exception:pass",
            " fd=os.open(p,os.O_RDONLY)",
            " n=o",
            " while n>0:",
            "  k=os.readv(fd,[m[:min(n,len(b))]])",
            "  if k==0:break",
            "  h.update(m[:k]);n-=k",
            " while True:",
            "  k=os.readv(fd,[m])",
            "  if k==0:break",
            "  v=m[:k];h.update(v)",
            "  while v:",
            "   w=os.write(1,v);v=v[w:]",
            " sys.stderr.write(h.hexdigest()+'  -\\n')",
            "except OSError as e:",
            " sys.stderr.write('%s: %s\\n' % (p, e.strerror));sys.exit(1)",
            "");
    /** Runs the Python program {@code $3} on {@code $1 $2} where {@code python3} exists, else the fallback. */
    private static final String PY_OR = "if [ -n \"$3\" ] && command -v python3 >/dev/null 2>&1; then "
            + "exec python3 -c \"$3\" \"$1\" \"$2\"; fi; ";
    /**
     * Upload into {@code $1}, truncating ({@code $2} = 0) or appending after the part's {@code $2} bytes, without
     * Python: stdin goes through {@code tee} into the file and into the hasher, which prints the digest of the
     * whole part on stdout (on a resume the part's existing bytes are fed to the hasher first); the exit status
     * is that of {@code tee} (a full disk fails the command), passed out of the pipeline through fd 3.
     */
    static final String UPLOAD_VERIFIED = PY_OR + HASH_FN + "exec 4>&1; r=$( { { if [ \"$2\" -gt 0 ]; then cat -- \"$1\" && "
            + "tee -a -- \"$1\"; else tee -- \"$1\"; fi; echo $? >&3; } | h >&4; } 3>&1 ); exit \"${r:-1}\"";
    /**
     * Download of {@code $1} from byte {@code $2} without Python: the file is read once; bytes before the offset
     * go only to the hasher ({@code head -c} reads exactly that many from the shared descriptor), the rest through
     * {@code tee} to stdout and to the hasher (fd 3, the pipe into it); the digest of the whole file follows on
     * stderr.
     */
    static final String DOWNLOAD_VERIFIED = PY_OR + HASH_FN + "exec 4>&1; { if [ \"$2\" -gt 0 ]; then head -c \"$2\" >&3 || exit 1; fi; "
            + "tee -- /dev/fd/3 >&4; } <\"$1\" 3>&1 | h >&2";
    /** Download of {@code $1} from byte {@code $2} without verification. */
    static final String DOWNLOAD_PLAIN = "if [ \"$2\" -gt 0 ]; then exec tail -c +\"$(($2 + 1))\" -- \"$1\"; "
            + "else exec cat -- \"$1\"; fi";

    private static final java.util.regex.Pattern HEX64 = java.util.regex.Pattern.compile("(?m)^\\\\?([0-9a-f]{64})[ \t]");

    /** The last digest line ({@code <64 hex> <name>}) in a command's output. */
    static String digestIn(byte[] out, String what) throws RemoteException {
        java.util.regex.Matcher m = HEX64.matcher(new String(out, StandardCharsets.UTF_8));
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        if (last == null) {
            throw new RemoteException(RemoteErrorKind.UNKNOWN, what + ": the server sent no checksum ("
                    + new String(out, StandardCharsets.UTF_8).strip() + ").");
        }
        return last;
    }

    /** Feeds the first {@code length} bytes of a local file to a digest (the part already transferred). */
    private static void digestPrefix(Path file, long length, MessageDigest digest, IProgressMonitor monitor)
            throws IOException, RemoteException {
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException(file + " is shorter than " + length + " bytes");
                }
                digest.update(buf, 0, n);
                left -= n;
                checkCancelled(monitor, "Checksum of " + file);
            }
        }
    }

    /** Test hook: sees (and may change) every buffer of a single-file transfer between the two digests. */
    @FunctionalInterface
    interface TransitHook {
        void onData(boolean upload, String remote, byte[] buf, int off, int len);
    }

    private volatile TransitHook transitHook;

    /** Tests only: corrupts data "in transit", after the sending side's digest and before the receiving side's. */
    Transfers transitHookForTests(TransitHook hook) {
        this.transitHook = hook;
        return this;
    }

    /**
     * Receives a download stream: JSch's session thread (which also decrypts) only copies each packet into a
     * 1 MiB chunk; a second thread hashes and writes the chunks, so decryption and hashing run on two cores at
     * once (on the session thread alone the client's digest made verified downloads ~1.4x slower than plain
     * ones). An I/O error is kept and thrown by {@link #finish()}.
     */
    private static final class FileSink extends OutputStream {
        private static final int CHUNK = 1 << 20;
        private static final byte[] END = new byte[0];
        private final OutputStream out;
        private final MessageDigest digest;
        private final TransitHook hook;
        private final String remote;
        private final java.util.concurrent.BlockingQueue<byte[]> queue = new java.util.concurrent.ArrayBlockingQueue<>(16);
        private final Thread worker;
        private byte[] chunk = new byte[CHUNK];
        private int fill;
        private volatile long count;
        private volatile IOException failure;
        private boolean ended;

        FileSink(Path part, boolean append, MessageDigest digest, TransitHook hook, String remote) throws IOException {
            this.out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            this.digest = digest;
            this.hook = hook;
            this.remote = remote;
            this.worker = new Thread(this::drain, "namdrunner-download-writer");
            worker.setDaemon(true);
            worker.start();
        }

        private void drain() {
            try {
                while (true) {
                    byte[] c = queue.take();
                    if (c == END) {
                        return;
                    }
                    int len = c.length;
                    if (failure == null) {
                        try {
                            if (digest != null) {
                                digest.update(c, 0, len);
                            }
                            out.write(c, 0, len);
                            count += len;
                        } catch (IOException e) {
                            failure = e;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Bytes written to the part file so far. */
        long count() {
            return count;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (ended) {
                return;
            }
            if (hook != null) {
                hook.onData(false, remote, b, off, len);
            }
            while (len > 0) {
                int n = Math.min(len, CHUNK - fill);
                System.arraycopy(b, off, chunk, fill, n);
                fill += n;
                off += n;
                len -= n;
                if (fill == CHUNK) {
                    hand(chunk);
                    chunk = new byte[CHUNK];
                    fill = 0;
                }
            }
        }

        private void hand(byte[] c) {
            try {
                queue.put(c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private synchronized void end() {
            if (!ended) {
                ended = true;
                if (fill > 0) {
                    hand(java.util.Arrays.copyOf(chunk, fill));
                }
                hand(END);
            }
        }

        /** Waits until every received byte is hashed and written; throws a write error. */
        void finish() throws IOException {
            end();
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing the download");
            }
            if (failure != null) {
                throw failure;
            }
            out.flush();
        }

        @Override
        public void close() throws IOException {
            end();
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Directories

    /** Uploads the contents of {@code localDir} into {@code remoteDir} (created; inside the job roots). */
    public Result uploadDirectory(Path localDir, String remoteDir, Strategy strategy, IProgressMonitor monitor)
            throws RemoteException {
        String dst = files.policy().requireConfined(remoteDir);
        List<Tar.Entry> entries;
        try {
            entries = Tar.scan(localDir);
        } catch (IOException e) {
            throw localFailure(e, "Reading the folder " + localDir);
        }
        long bytes = entries.stream().filter(e -> !e.directory()).mapToLong(Tar.Entry::size).sum();
        int count = (int) entries.stream().filter(e -> !e.directory()).count();
        Strategy s = strategy == Strategy.AUTO ? (count > TAR_THRESHOLD ? Strategy.TAR : Strategy.SFTP) : strategy;
        SubMonitor sub = SubMonitor.convert(monitor, "Uploading " + localDir.getFileName() + " (" + count + " files)",
                100);
        long start = System.nanoTime();
        files.mkdirs(dst, sub.split(1));
        int[] resumed = { 0, -1 };
        if (s == Strategy.TAR && verify) {
            resumed = uploadTarVerified(entries, dst, bytes, sub.split(99));
        } else if (s == Strategy.TAR) {
            uploadTar(entries, dst, bytes, sub.split(99));
        } else {
            uploadSftp(entries, dst, bytes, sub.split(verify ? 80 : 99));
            if (verify) {
                sub.setTaskName("Verifying " + count + " files");
                verifyTree(localDir, entries, dst, sub.split(19));
            }
        }
        Duration d = Duration.ofNanos(System.nanoTime() - start);
        connection.getCommandLog().add(connection.getDisplayName(), CommandLogEntry.Kind.TRANSFER,
                "upload folder " + localDir + " -> " + dst + " (" + s + ")", 0, d, count + " files, " + bytes + " bytes"
                        + (resumed[0] > 0 ? ", resumed " + resumed[0] + "x" : ""));
        sub.done();
        return new Result(bytes, count, d, resumed[0], resumed[1], null, verify);
    }

    /**
     * Downloads the contents of {@code remoteDir} into {@code localDir} (created). With {@link Strategy#TAR} and
     * verification on, the server first lists every file with its sha256 (the sending side's digests), then
     * sends the files as one tar stream; each file is hashed while it is written, kept under its name only if
     * it matches, and after a cut the transfer reconnects and asks for the files not yet verified (also files
     * already here from an earlier attempt with the right digest are not fetched again).
     */
    public Result downloadDirectory(String remoteDir, Path localDir, Strategy strategy, IProgressMonitor monitor)
            throws RemoteException {
        String src = RemotePaths.normalize(remoteDir);
        SubMonitor sub = SubMonitor.convert(monitor, "Downloading " + src, 100);
        long start = System.nanoTime();
        Manifest manifest = null;
        Strategy s = strategy;
        if (verify || s == Strategy.AUTO) {
            manifest = remoteManifest(src, sub.split(10));
            if (s == Strategy.AUTO) {
                s = manifest.files().size() > TAR_THRESHOLD ? Strategy.TAR : Strategy.SFTP;
            }
        }
        long[] counts;
        try {
            Files.createDirectories(localDir);
        } catch (IOException e) {
            throw localFailure(e, "Creating " + localDir);
        }
        if (s == Strategy.TAR && verify) {
            counts = downloadTarVerified(src, localDir, manifest, sub.split(90));
        } else if (s == Strategy.TAR) {
            counts = downloadTar(src, localDir, sub.split(90));
        } else {
            counts = downloadSftp(src, localDir, sub.split(verify ? 75 : 90));
            if (verify) {
                sub.setTaskName("Verifying");
                Map<String, String> local = new HashMap<>();
                try {
                    for (Tar.Entry e : Tar.scan(localDir)) {
                        if (!e.directory() && !e.relative().endsWith(PART_SUFFIX)) {
                            String sha = sha256Local(e.file(), null);
                            String want = manifest.files().get(e.relative());
                            if (want != null && !want.equals(sha)) {
                                Files.deleteIfExists(e.file()); // corrupt content never stays under its final name
                            }
                            local.put(e.relative(), sha);
                        }
                    }
                } catch (IOException e) {
                    throw localFailure(e, "Reading " + localDir);
                }
                compareTrees(manifest.files(), local, src);
            }
        }
        Duration d = Duration.ofNanos(System.nanoTime() - start);
        int resumes = counts.length > 2 ? (int) counts[2] : 0;
        connection.getCommandLog().add(connection.getDisplayName(), CommandLogEntry.Kind.TRANSFER,
                "download folder " + src + " -> " + localDir + " (" + s + ")", 0, d,
                counts[0] + " files, " + counts[1] + " bytes" + (resumes > 0 ? ", resumed " + resumes + "x" : ""));
        sub.done();
        return new Result(counts[1], (int) counts[0], d, resumes, counts.length > 3 ? counts[3] : -1, null, verify);
    }

    /** The sending side's view of a folder: sub-folders and {@code relative path -> sha256} of every file. */
    record Manifest(List<String> directories, Map<String, String> files) {
    }

    /**
     * Lists a remote folder with the sha256 of every regular file, in one command (symlinks and special files
     * are not transferred). GNU {@code find -printf} and {@code sha256sum -z} (no escaping of names).
     */
    static final String MANIFEST_SCRIPT = "cd -- \"$1\" || exit 1; find . ! -path . -type d -printf 'D %p\\0' && "
            + "find . -type f -exec sha256sum -z -- {} +";

    Manifest remoteManifest(String dir, IProgressMonitor monitor) throws RemoteException {
        CommandResult r = connection.exec(CommandLine.shellScript(MANIFEST_SCRIPT, dir),
                ExecOptions.DEFAULT.withTimeout(Duration.ofHours(1)).withCaptureLimit(256 * 1024 * 1024), monitor)
                .requireSuccess("Computing checksums in " + dir);
        List<String> dirs = new ArrayList<>();
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String rec : r.stdout().split("\0")) {
            if (rec.startsWith("D ./")) {
                dirs.add(rec.substring(4));
            } else if (rec.length() >= 67 && rec.charAt(64) == ' ') {
                String rel = rec.substring(66);
                if (rel.startsWith("./")) {
                    rel = rel.substring(2);
                }
                out.put(rel, rec.substring(0, 64));
            }
        }
        return new Manifest(dirs, out);
    }

    /**
     * Sends the files named on stdin (NUL-separated, {@code ./}-relative, so no name is read as an option) as
     * one tar stream (GNU format: no pax record per file).
     */
    static final String TAR_SEND_SCRIPT = "cd -- \"$1\" || exit 1; exec tar --format=gnu --null --no-recursion -T - -cf -";

    /** @return files, bytes, resumes, files already verified at the last resume (-1 if none) */
    private long[] downloadTarVerified(String src, Path localDir, Manifest manifest, SubMonitor monitor)
            throws RemoteException {
        Progress progress = new Progress(monitor, 0, monitor);
        Set<String> done = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Map<String, String> failed = new java.util.concurrent.ConcurrentHashMap<>();
        long[] counts = { 0, 0, 0, -1 };
        try {
            for (String dir : manifest.directories()) {
                Files.createDirectories(confinedLocal(localDir, dir));
            }
            // files already here with the sending side's digest (an earlier, cut attempt) are not fetched again
            for (Map.Entry<String, String> e : manifest.files().entrySet()) {
                Path f = confinedLocal(localDir, e.getKey());
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && sha256Local(f, monitor).equals(e.getValue())) {
                    done.add(e.getKey());
                }
            }
        } catch (IOException e) {
            throw localFailure(e, "Creating the folders of " + src + " in " + localDir);
        }
        int before = done.size();
        TransitHook hook = transitHook;
        Tar.Verifier verifier = new Tar.Verifier() {
            @Override
            public String expected(String relative) {
                return manifest.files().get(relative);
            }

            @Override
            public void verified(String relative) {
                done.add(relative);
            }

            @Override
            public void failed(String relative, String why) {
                failed.put(relative, why);
            }
        };
        while (true) {
            List<String> todo = new ArrayList<>();
            for (String f : manifest.files().keySet()) {
                if (!done.contains(f) && !failed.containsKey(f)) {
                    todo.add(f);
                }
            }
            if (todo.isEmpty()) {
                break;
            }
            try {
                runStreaming(CommandLine.shellScript(TAR_SEND_SCRIPT, src), "Downloading " + src, monitor, ch -> {
                    try (OutputStream out = new BufferedOutputStream(ch.getOutputStream(), 64 * 1024)) {
                        for (String f : todo) {
                            out.write(("./" + f).getBytes(StandardCharsets.UTF_8));
                            out.write(0);
                        }
                    }
                    return null;
                }, in -> Tar.extract(hook == null ? in : new java.io.FilterInputStream(in) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) {
                            hook.onData(false, src, b, off, n);
                        }
                        return n;
                    }
                }, localDir, progress::add, monitor::isCanceled, verifier), null, null);
                break;
            } catch (RemoteException e) {
                if (monitor.isCanceled()) {
                    throw cancelled("Download of " + src + " (verified files are kept; the next attempt fetches the rest)");
                }
                if (e.getKind() == RemoteErrorKind.CONNECTION_LOST && counts[2] < MAX_RESUMES) {
                    counts[2]++;
                    counts[3] = done.size();
                    connection.getCommandLog().event(connection.getDisplayName(), CommandLogEntry.Kind.TRANSFER,
                            "connection lost while downloading folder " + src + " (" + done.size() + " of "
                                    + manifest.files().size() + " files verified); reconnecting to resume");
                    continue;
                }
                throw e;
            }
        }
        checkFolder(failed, manifest.files().size() - done.size() - failed.size(), "Download of " + src);
        counts[0] = done.size() - before;
        for (String f : done) {
            try {
                counts[1] += Files.size(localDir.resolve(f));
            } catch (IOException e) {
                throw localFailure(e, "Reading " + f);
            }
        }
        counts[0] = done.size();
        return counts;
    }

    private static void checkFolder(Map<String, String> failed, long missing, String what) throws RemoteException {
        if (failed.isEmpty() && missing <= 0) {
            return;
        }
        List<String> names = new ArrayList<>(failed.keySet());
        names.sort(null);
        List<String> shown = new ArrayList<>();
        for (String n : names.subList(0, Math.min(5, names.size()))) {
            shown.add(n + " (" + failed.get(n) + ")");
        }
        throw new RemoteException(RemoteErrorKind.CHECKSUM_MISMATCH, what + " did not verify: " + failed.size()
                + " file(s) differ" + (missing > 0 ? ", " + missing + " missing" : "")
                + (shown.isEmpty() ? "" : ", e.g. " + String.join(", ", shown))
                + ". Files that differ were not kept; transfer again.");
    }

    /** A relative path from the other side, resolved strictly inside {@code root}. */
    private static Path confinedLocal(Path root, String relative) throws IOException {
        Path r = root.toAbsolutePath().normalize();
        Path p = r.resolve(relative).normalize();
        if (relative.startsWith("/") || !p.startsWith(r) || p.equals(r)) {
            throw new IOException("Refusing '" + relative + "': it points outside " + root);
        }
        return p;
    }

    /**
     * Receives a tar stream into {@code $1} and checks every file against the manifest {@code $2} the sending
     * side appended as the stream's last member (digests computed while the files were read for the stream);
     * prints the files that do not match ({@code sha256sum -c --quiet}), removes the manifest. Manifests of
     * earlier, cut attempts are removed first.
     */
    static final String TAR_RECEIVE_SCRIPT = "cd -- \"$1\" || exit 1; rm -f -- .nrverify-*.sha256; "
            + "tar -xf - || exit $?; sha256sum -c --quiet -- \"$2\"; rm -f -- \"$2\"; exit 0";

    /** @return {resumes, files already verified at the last resume (-1 if none)} */
    private int[] uploadTarVerified(List<Tar.Entry> entries, String dst, long bytes, SubMonitor monitor)
            throws RemoteException {
        Progress progress = new Progress(monitor, bytes, monitor);
        Map<String, String> digests = new java.util.concurrent.ConcurrentHashMap<>();
        List<Tar.Entry> todo = entries;
        int[] resumed = { 0, -1 };
        Map<String, String> failed = new java.util.TreeMap<>();
        TransitHook hook = transitHook;
        while (true) {
            String manifest = ".nrverify-" + java.util.UUID.randomUUID() + ".sha256";
            List<Tar.Entry> sending = todo;
            try {
                Streamed r = runStreaming(CommandLine.shellScript(TAR_RECEIVE_SCRIPT, dst, manifest),
                        "Uploading into " + dst, monitor, ch -> {
                            OutputStream raw = ch.getOutputStream();
                            if (hook != null) {
                                raw = new java.io.FilterOutputStream(raw) {
                                    @Override
                                    public void write(byte[] b, int off, int len) throws IOException {
                                        hook.onData(true, dst, b, off, len);
                                        out.write(b, off, len);
                                    }
                                };
                            }
                            try (OutputStream out = new BufferedOutputStream(raw, 256 * 1024)) {
                                Tar.write(sending, out, progress::add, monitor::isCanceled, digests, manifest);
                            }
                            return null;
                        }, null, null, null);
                for (String line : new String(r.stdout(), StandardCharsets.UTF_8).split("\n")) {
                    int i = line.lastIndexOf(": FAILED");
                    if (i > 0) {
                        String name = line.substring(0, i);
                        name = name.startsWith("\\") ? Tar.unescapeName(name.substring(1)) : name;
                        failed.put(name, line.substring(i + 2));
                    }
                }
                break;
            } catch (RemoteException e) {
                if (monitor.isCanceled()) {
                    throw cancelled("Upload into " + dst);
                }
                if (e.getKind() == RemoteErrorKind.CONNECTION_LOST && resumed[0] < MAX_RESUMES) {
                    resumed[0]++;
                    // which files arrived intact: the server's digests against the ones computed while sending
                    Map<String, String> there = remoteTreeHashes(dst, cancelOnly(monitor));
                    List<Tar.Entry> rest = new ArrayList<>();
                    int ok = 0;
                    for (Tar.Entry x : entries) {
                        String sent = digests.get(x.relative());
                        if (!x.directory() && sent != null && sent.equals(there.get(x.relative()))) {
                            ok++;
                        } else {
                            rest.add(x);
                        }
                    }
                    resumed[1] = ok;
                    todo = rest;
                    connection.getCommandLog().event(connection.getDisplayName(), CommandLogEntry.Kind.TRANSFER,
                            "connection lost while uploading into " + dst + " (" + ok + " files verified there); "
                                    + "reconnecting to resume");
                    continue;
                }
                throw e;
            }
        }
        if (!failed.isEmpty()) {
            // nothing corrupt stays under a final name
            CommandLine rm = CommandLine.of("rm").arg("-f").endOfOptions();
            for (String f : failed.keySet()) {
                String p = RemotePaths.normalize(dst + "/" + f);
                if (RemotePaths.isUnder(p, dst) && !p.equals(dst)) {
                    rm = rm.arg(p);
                }
            }
            try {
                connection.exec(rm, ExecOptions.DEFAULT.withCoalesce(false), cancelOnly(monitor));
            } catch (RemoteException e) {
                // reported below anyway
            }
            checkFolder(failed, 0, "Upload into " + dst);
        }
        return resumed;
    }

    private void uploadSftp(List<Tar.Entry> entries, String dst, long bytes, SubMonitor monitor)
            throws RemoteException {
        Progress progress = new Progress(monitor, bytes, monitor);
        ChannelSftp sftp = connection.openSftpChannel(cancelOnly(monitor));
        try {
            for (Tar.Entry e : entries) {
                checkCancelled(monitor, "Upload");
                String target = dst + "/" + e.relative();
                if (e.directory()) {
                    try {
                        sftp.mkdir(target);
                    } catch (SftpException ex) {
                        SftpATTRS a = statOrNull(sftp, target);
                        if (a == null || !a.isDir()) {
                            throw ex;
                        }
                    }
                } else {
                    try (InputStream in = Files.newInputStream(e.file())) {
                        sftp.put(in, target, progress, ChannelSftp.OVERWRITE);
                    }
                }
            }
        } catch (SftpException | IOException ex) {
            throw transferFailure(ex, sftp, "Uploading into " + dst, dst, bytes);
        } finally {
            sftp.disconnect();
        }
    }

    private void uploadTar(List<Tar.Entry> entries, String dst, long bytes, SubMonitor monitor)
            throws RemoteException {
        Progress progress = new Progress(monitor, bytes, monitor);
        CommandLine cmd = CommandLine.of("tar").arg("-C").arg(dst).arg("-xf").arg("-");
        runStreaming(cmd, "Uploading into " + dst, monitor, ch -> {
            try (OutputStream out = new BufferedOutputStream(ch.getOutputStream(), 256 * 1024)) {
                Tar.write(entries, out, progress::add, monitor::isCanceled);
            }
            return null;
        }, null, null, null);
    }

    private long[] downloadTar(String src, Path localDir, SubMonitor monitor) throws RemoteException {
        Progress progress = new Progress(monitor, 0, monitor);
        CommandLine cmd = CommandLine.of("tar").arg("--format=pax").arg("-C").arg(src).arg("-cf").arg("-").arg(".");
        AtomicReference<Tar.Extracted> result = new AtomicReference<>();
        runStreaming(cmd, "Downloading " + src, monitor, null, in -> {
            result.set(Tar.extract(in, localDir, progress::add, monitor::isCanceled));
        }, null, null);
        Tar.Extracted x = result.get();
        return new long[] { x.files(), x.bytes() };
    }

    private long[] downloadSftp(String src, Path localDir, SubMonitor monitor) throws RemoteException {
        Progress progress = new Progress(monitor, 0, monitor);
        ChannelSftp sftp = connection.openSftpChannel(cancelOnly(monitor));
        long[] counts = new long[2];
        try {
            downloadSftpDir(sftp, src, localDir, progress, counts, monitor);
        } catch (SftpException | IOException ex) {
            throw transferFailure(ex, sftp, "Downloading " + src, null, 0);
        } finally {
            sftp.disconnect();
        }
        return counts;
    }

    private void downloadSftpDir(ChannelSftp sftp, String dir, Path local, Progress progress, long[] counts,
            SubMonitor monitor) throws SftpException, IOException, RemoteException {
        Files.createDirectories(local);
        for (Object o : sftp.ls(dir)) {
            checkCancelled(monitor, "Download");
            ChannelSftp.LsEntry e = (ChannelSftp.LsEntry) o;
            String n = e.getFilename();
            if (n.equals(".") || n.equals("..") || n.contains("/")) {
                continue;
            }
            Path target = local.resolve(n);
            if (e.getAttrs().isDir()) {
                downloadSftpDir(sftp, dir + "/" + n, target, progress, counts, monitor);
            } else if (e.getAttrs().isReg()) {
                // into <name>.nrpart, renamed once complete: a cut connection never leaves part of a file under its
                // final name (found by the fault trials, issue 18: cut log downloads left partial logs)
                Path part = target.resolveSibling(n + PART_SUFFIX);
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 256 * 1024)) {
                    sftp.get(dir + "/" + n, out, progress);
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                counts[0]++;
                counts[1] += e.getAttrs().getSize();
            }
        }
    }

    /**
     * Streams {@code local} from {@code offset} into {@code part} through an exec channel of the session: no
     * per-request acknowledgements as with SFTP writes (JSch waits for each SFTP status), so a large file moves at
     * the channel's window speed (see docs/BENCHMARKS.md). Appends when resuming; a cancelled or broken stream
     * leaves a prefix of the file in {@code part}, which the next attempt resumes from its size. With verification
     * on, both digests are computed in this one pass: locally while reading (the part's prefix is re-read on a
     * resume), on the server by a {@code tee} into the hasher ({@link #UPLOAD_VERIFIED}). The path is a
     * positional argument of a constant script (quoted by {@link CommandLine}).
     *
     * @return {local sha256, server sha256} with verification on, else null
     */
    private String[] streamUpload(Path local, String part, long offset, long size, Progress progress,
            SubMonitor monitor)
            throws RemoteException {
        MessageDigest digest = verify ? sha256Digest() : null;
        CommandLine cmd = verify ? CommandLine.shellScript(UPLOAD_VERIFIED, part, Long.toString(offset),
                size >= PYTHON_FROM_BYTES ? UPLOAD_PY : "", size >= PYTHON_FROM_BYTES ? "" : "small")
                : CommandLine.shellScript(offset == 0 ? "exec cat > \"$1\"" : "exec cat >> \"$1\"", part);
        TransitHook hook = transitHook;
        Streamed r = runStreaming(cmd, "Uploading " + local.getFileName() + " to " + part, monitor, ch -> {
            try (InputStream in = Files.newInputStream(local); OutputStream out = ch.getOutputStream()) {
                byte[] buf = new byte[STREAM_CHUNK];
                if (digest != null) {
                    long left = offset;
                    while (left > 0) {
                        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                        if (n < 0) {
                            throw new IOException(local + " shrank below " + offset + " bytes");
                        }
                        digest.update(buf, 0, n);
                        left -= n;
                    }
                } else {
                    in.skipNBytes(offset);
                }
                int n;
                while (!monitor.isCanceled() && (n = in.read(buf)) > 0) {
                    if (digest != null) {
                        digest.update(buf, 0, n);
                    }
                    if (hook != null) {
                        hook.onData(true, part, buf, 0, n);
                    }
                    out.write(buf, 0, n);
                    progress.add(n);
                }
            }
            return null;
        }, null, null, null);
        if (digest == null || monitor.isCanceled()) {
            return null;
        }
        return new String[] { HexFormat.of().formatHex(digest.digest()),
                digestIn(r.stdout(), "Uploading " + local.getFileName()) };
    }

    /** A failure of the TCP connection itself (not of one channel). */
    private static boolean socketFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.SocketException || c instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Cancellation only: connecting (JSch's provider) calls beginTask/done on the monitor it gets, which on a
     * {@link SubMonitor} would consume the transfer's progress share (and a reconnect would jump the bar).
     */
    private static IProgressMonitor cancelOnly(IProgressMonitor m) {
        return new NullProgressMonitor() {
            @Override
            public boolean isCanceled() {
                return m.isCanceled();
            }

            @Override
            public void setCanceled(boolean value) {
                m.setCanceled(value);
            }
        };
    }

    private static com.jcraft.jsch.Session sessionOf(ChannelExec ch) {
        try {
            return ch.getSession();
        } catch (JSchException e) {
            return null;
        }
    }

    @FunctionalInterface
    private interface StdinWriter {
        Void write(ChannelExec ch) throws IOException;
    }

    @FunctionalInterface
    private interface StdoutReader {
        void read(InputStream in) throws IOException;
    }

    /** Captured output of a streaming command (stdout only when it was neither read nor sunk). */
    private record Streamed(byte[] stdout, byte[] stderr) {
    }

    /**
     * Runs a streaming command on an exec channel of the session, feeding stdin ({@code writer}) and/or taking
     * stdout through a pipe ({@code reader}) or directly on JSch's session thread ({@code sink}); {@code tick}
     * runs every few ms while the channel is open (progress from the sink's counter).
     */
    private Streamed runStreaming(CommandLine cmd, String what, SubMonitor monitor, StdinWriter writer,
            StdoutReader reader, OutputStream sink, Runnable tick) throws RemoteException {
        String text = cmd.toCommandString();
        long start = System.nanoTime();
        return connection.getRateLimiter().call(null, cancelled -> {
            ChannelExec ch = connection.openExecChannel(cancelOnly(monitor));
            RemoteConnection.CaptureStream err = new RemoteConnection.CaptureStream(64 * 1024);
            try {
                ch.setCommand(text.getBytes(StandardCharsets.UTF_8));
                ch.setExtOutputStream(err);
                PipedInputStream pipeIn = null;
                RemoteConnection.CaptureStream out = null;
                if (reader != null) {
                    pipeIn = new PipedInputStream(4 * 1024 * 1024);
                    ch.setOutputStream(new PipedOutputStream(pipeIn));
                } else if (sink != null) {
                    ch.setOutputStream(sink, true);
                } else {
                    out = new RemoteConnection.CaptureStream(64 * 1024);
                    ch.setOutputStream(out);
                }
                OutputStream stdin = writer != null ? ch.getOutputStream() : null;
                ch.connect((int) connection.getSettings().getConnectTimeout().toMillis());
                CompletableFuture<Void> feeding = null;
                if (writer != null && reader != null) {
                    // both directions: feed stdin on another thread so that a full stdout pipe cannot stall it
                    feeding = CompletableFuture.runAsync(() -> {
                        try {
                            writer.write(ch);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                } else if (writer != null) {
                    writer.write(ch);
                } else {
                    ch.getOutputStream().close();
                }
                if (reader != null) {
                    try (InputStream in = pipeIn) {
                        reader.read(in);
                    }
                }
                if (feeding != null) {
                    try {
                        feeding.join();
                    } catch (java.util.concurrent.CompletionException e) {
                        if (e.getCause() instanceof java.io.UncheckedIOException u) {
                            throw u.getCause();
                        }
                        throw e;
                    }
                }
                long graceUntil = 0;
                while (!ch.isClosed()) {
                    if (monitor.isCanceled()) {
                        if (writer == null) {
                            throw cancelled(what);
                        }
                        // stdin is closed: let the remote side store what it was sent (a consistent part to
                        // resume from) before the channel is torn down, but not for long
                        if (graceUntil == 0) {
                            graceUntil = System.nanoTime() + CANCEL_GRACE.toNanos();
                        } else if (System.nanoTime() > graceUntil) {
                            throw cancelled(what);
                        }
                    }
                    if (!ch.getSession().isConnected()) {
                        break;
                    }
                    if (tick != null) {
                        tick.run();
                    }
                    Thread.sleep(2);
                }
                if (monitor.isCanceled()) {
                    throw cancelled(what);
                }
                int exit = ch.getExitStatus();
                if (exit < 0) {
                    // no exit status: when the connection died, JSch closes the session's channels before it
                    // reports the session disconnected; give it a moment so a cut is seen as one
                    long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                    while (ch.getSession().isConnected() && System.nanoTime() < until) {
                        Thread.sleep(10);
                    }
                }
                if (exit < 0 && !ch.getSession().isConnected()) {
                    // the session died under the stream: no exit status, and the data may not all have arrived
                    connection.markBroken(ch.getSession());
                    connection.getCommandLog().add(connection.getDisplayName(), CommandLogEntry.Kind.COMMAND_ERROR, text,
                            null, Duration.ofNanos(System.nanoTime() - start), "connection lost");
                    throw new RemoteException(RemoteErrorKind.CONNECTION_LOST, what + " failed: the connection to "
                            + connection.getDisplayName() + " was lost.", null);
                }
                Duration d = Duration.ofNanos(System.nanoTime() - start);
                connection.getCommandLog().command(connection.getDisplayName(), text, exit, d, err.size() > 0
                        ? new String(err.bytes(), StandardCharsets.UTF_8) : "");
                if (exit != 0) {
                    new CommandResult(text, exit, new byte[0], err.bytes(), d, false, false).requireSuccess(what);
                }
                if (stdin != null) {
                    stdin.close();
                }
                if (tick != null) {
                    tick.run();
                }
                return new Streamed(out != null ? out.bytes() : new byte[0], err.bytes());
            } catch (JSchException | IOException e) {
                if (monitor.isCanceled()) {
                    throw cancelled(what);
                }
                connection.sessionLost(e);
                connection.getCommandLog().add(connection.getDisplayName(), CommandLogEntry.Kind.COMMAND_ERROR, text,
                        null, Duration.ofNanos(System.nanoTime() - start), String.valueOf(e.getMessage()));
                RemoteErrorKind k = CommandResult.classifyStderr(new String(err.bytes(), StandardCharsets.UTF_8));
                com.jcraft.jsch.Session session = sessionOf(ch);
                if (k == RemoteErrorKind.COMMAND_FAILED && session != null && session.isConnected()) {
                    // the command may have ended first (e.g. disk full): give its stderr a moment to arrive
                    long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                    while (!ch.isClosed() && System.nanoTime() < until && session.isConnected()) {
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException ie) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                    k = CommandResult.classifyStderr(new String(err.bytes(), StandardCharsets.UTF_8));
                }
                if (k == RemoteErrorKind.COMMAND_FAILED) {
                    boolean down = session == null || !session.isConnected() || socketFailure(e);
                    if (down && session != null) {
                        connection.markBroken(session); // JSch may not have noticed yet; the next use reconnects
                    }
                    k = down ? RemoteErrorKind.CONNECTION_LOST : RemoteErrorKind.UNKNOWN;
                }
                throw new RemoteException(k, what + " failed: " + e.getMessage()
                        + (err.size() > 0 ? " (" + new String(err.bytes(), StandardCharsets.UTF_8).strip() + ")" : ""),
                        null);
            } finally {
                ch.disconnect();
            }
        }, monitor);
    }

    private void verifyTree(Path localDir, List<Tar.Entry> entries, String dst, IProgressMonitor monitor)
            throws RemoteException {
        CompletableFuture<Map<String, String>> remote = CompletableFuture.supplyAsync(() -> {
            try {
                return remoteTreeHashes(dst, new NullProgressMonitor());
            } catch (RemoteException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        Map<String, String> local = new HashMap<>();
        for (Tar.Entry e : entries) {
            if (!e.directory()) {
                local.put(e.relative(), sha256Local(e.file(), null));
            }
        }
        Map<String, String> r;
        try {
            r = remote.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RemoteException re) {
                throw re;
            }
            throw e;
        }
        // only the files we sent must match (the target folder may hold others)
        Map<String, String> sent = new HashMap<>();
        for (String k : local.keySet()) {
            if (r.containsKey(k)) {
                sent.put(k, r.get(k));
            }
        }
        compareTrees(local, sent, dst);
    }

    /** {@code relative path -> sha256} of every regular file under {@code dir} on the server (one command). */
    Map<String, String> remoteTreeHashes(String dir, IProgressMonitor monitor) throws RemoteException {
        CommandLine cmd = CommandLine.of("cd").endOfOptions().arg(dir)
                .and(CommandLine.of("find").arg(".").arg("-type").arg("f").arg("-exec").arg("sha256sum").arg("-z")
                        .arg("{}").arg("+"));
        CommandResult r = connection.exec(cmd, ExecOptions.DEFAULT.withTimeout(Duration.ofHours(1))
                .withCaptureLimit(256 * 1024 * 1024), monitor).requireSuccess("Computing checksums in " + dir);
        Map<String, String> out = new HashMap<>();
        for (String rec : r.stdout().split("\0")) {
            if (rec.length() < 67) {
                continue;
            }
            String rel = rec.substring(66);
            if (rel.startsWith("./")) {
                rel = rel.substring(2);
            }
            out.put(rel, rec.substring(0, 64));
        }
        return out;
    }

    private static void compareTrees(Map<String, String> expected, Map<String, String> actual, String where)
            throws RemoteException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String other = actual.get(e.getKey());
            if (other == null) {
                problems.add(e.getKey() + " (missing)");
            } else if (!other.equals(e.getValue())) {
                problems.add(e.getKey() + " (different content)");
            }
        }
        for (String k : actual.keySet()) {
            if (!expected.containsKey(k)) {
                problems.add(k + " (unexpected)");
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(null);
            throw new RemoteException(RemoteErrorKind.CHECKSUM_MISMATCH, "Folder transfer of " + where + " did not "
                    + "verify: " + problems.size() + " file(s) differ, e.g. "
                    + String.join(", ", problems.subList(0, Math.min(5, problems.size()))) + ".");
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // helpers

    /** Bytes handed to a streaming channel per write (JSch splits them into packets of the channel's size). */
    private static final int STREAM_CHUNK = 256 * 1024;
    /** How long a cancelled upload stream waits for the server to store what it was already sent. */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(10);

    private static long remoteSizeOrZero(ChannelSftp sftp, String path) throws SftpException {
        SftpATTRS a = statOrNull(sftp, path);
        return a == null ? 0 : a.getSize();
    }

    private static SftpATTRS statOrNull(ChannelSftp sftp, String path) throws SftpException {
        try {
            return sftp.stat(path);
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return null;
            }
            throw e;
        }
    }

    private boolean isConnectionFailure(ChannelSftp sftp, Exception e) {
        boolean network = (e instanceof SftpException se && (se.id == ChannelSftp.SSH_FX_CONNECTION_LOST
                || se.id == ChannelSftp.SSH_FX_NO_CONNECTION)) || RemoteConnection.isNetworkFailure(e)
                || !sftp.isConnected() || sftp.isClosed();
        if (network) {
            connection.channelBroken(sftp);
            return true;
        }
        return connection.sessionLost(e);
    }

    private RemoteException transferFailure(Exception e, ChannelSftp sftp, String what, String remoteDirForSpace,
            long needed) {
        if (e instanceof SftpException se) {
            if (se.id == ChannelSftp.SSH_FX_FAILURE && remoteDirForSpace != null && sftp.isConnected()) {
                // SFTP v3 reports ENOSPC as a generic failure: ask the server how much space is left
                try {
                    SftpStatVFS vfs = sftp.statVFS(remoteDirForSpace);
                    if (vfs.getAvailForNonRoot() * 1024 < Math.max(needed, 1)) {
                        return new RemoteException(RemoteErrorKind.DISK_FULL, what + " failed: the file system on "
                                + connection.getDisplayName() + " is full (" + vfs.getAvailForNonRoot()
                                + " KiB free).", null);
                    }
                } catch (SftpException ignored) {
                    // no statvfs extension
                }
            }
            return connection.classifySftp(se, what);
        }
        if (!sftp.isConnected()) {
            return new RemoteException(RemoteErrorKind.CONNECTION_LOST, what + " failed: the connection to "
                    + connection.getDisplayName() + " was lost (tried " + MAX_RESUMES + " times to resume).", null);
        }
        return new RemoteException(RemoteErrorKind.UNKNOWN, what + " failed: " + e.getMessage(), null);
    }

    private static RemoteException localFailure(IOException e, String what) {
        RemoteErrorKind k = e instanceof NoSuchFileException ? RemoteErrorKind.NOT_FOUND
                : e instanceof java.nio.file.AccessDeniedException ? RemoteErrorKind.PERMISSION_DENIED
                        : String.valueOf(e.getMessage()).contains("No space left") ? RemoteErrorKind.DISK_FULL
                                : RemoteErrorKind.UNKNOWN;
        return new RemoteException(k, what + " failed on this computer: " + e.getMessage(), e);
    }

    private static long localSize(Path p) throws RemoteException {
        try {
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toString(), null, "not a regular file");
            }
            return Files.size(p);
        } catch (IOException e) {
            throw localFailure(e, "Reading " + p);
        }
    }

    private void renameRemote(String from, String to) throws RemoteException {
        connection.withSftp("Renaming " + from, sftp -> {
            try {
                sftp.rename(from, to);
            } catch (SftpException e) {
                if (statOrNull(sftp, to) == null) {
                    throw e;
                }
                sftp.rm(to);
                sftp.rename(from, to);
            }
            return null;
        }, null);
    }

    private void removeQuietly(String remote) {
        try {
            connection.withSftp("Removing " + remote, sftp -> {
                sftp.rm(remote);
                return null;
            }, null);
        } catch (RemoteException e) {
            // best effort
        }
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** sha256 of a local file, lower-case hex. */
    public static String sha256Local(Path file, IProgressMonitor monitor) throws RemoteException {
        MessageDigest md = sha256Digest();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                if (monitor != null && monitor.isCanceled()) {
                    throw cancelled("Checksum of " + file);
                }
            }
        } catch (IOException e) {
            throw localFailure(e, "Reading " + file);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void checkCancelled(IProgressMonitor m, String what) throws RemoteException {
        if (m != null && m.isCanceled()) {
            throw cancelled(what);
        }
    }

    private static RemoteException cancelled(String what) {
        return new RemoteException(RemoteErrorKind.CANCELLED, what + " was cancelled.");
    }

    /** Bridges JSch's progress callbacks to an IProgressMonitor (in KiB ticks) and cancellation. */
    private static final class Progress implements SftpProgressMonitor {
        private final IProgressMonitor monitor;
        private final IProgressMonitor cancel;
        private final long total;
        volatile long done;
        private long reportedKb;

        Progress(IProgressMonitor monitor, long total, IProgressMonitor cancel) {
            this.monitor = monitor;
            this.cancel = cancel;
            this.total = total;
            if (total > 0) {
                SubMonitor.convert(monitor, (int) Math.min(Integer.MAX_VALUE, total / 1024 + 1));
            }
        }

        void reset(long offset) {
            done = offset;
            report();
        }

        void add(long n) {
            done += n;
            report();
        }

        private void report() {
            long kb = done / 1024;
            if (kb > reportedKb && total > 0) {
                monitor.worked((int) (kb - reportedKb));
                reportedKb = kb;
            }
        }

        @Override
        public void init(int op, String src, String dest, long max) {
        }

        @Override
        public boolean count(long count) {
            add(count);
            return !cancel.isCanceled();
        }

        @Override
        public void end() {
        }
    }
}
