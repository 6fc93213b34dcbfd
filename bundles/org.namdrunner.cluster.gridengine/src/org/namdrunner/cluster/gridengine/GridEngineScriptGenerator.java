package org.namdrunner.cluster.gridengine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.Names;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.Resources;
import org.namdrunner.cluster.Sh;

/**
 * Generates the Grid Engine job script of a job ({@code qsub} reads the {@code #$} lines). The directives carry only
 * validated tokens, numbers and generated paths; every user-provided string in the body is quoted with
 * {@link Sh#quote(String)}.
 *
 * <p>Directives: {@code -S /bin/bash}, {@code -N} (a file-system safe form of the job name), {@code -q} (the
 * partition is the queue), {@code -pe <pe> <cores>}, {@code -l h_rt=HH:MM:SS}, {@code -l <memoryResource>=...} (only
 * when the profile names a memory resource), {@code -A} (account), {@code -wd}, {@code -o/-e} to {@code logs/slurm-$JOB_ID.out/.err} (the names the application reads),
 * {@code -hold_jid} for dependencies.
 *
 * <p><b>Dependencies.</b> {@code -hold_jid} only waits until the predecessor has left the system, whatever its exit
 * status (also after {@code qdel}). The script therefore keeps "after success" itself: every job writes its exit code
 * to {@code <marker dir>/<JOB_ID>.exit} when it ends, and a job that depends on {@code afterok:<ids>} first checks
 * each predecessor's marker; when one is missing (killed, deleted) or not {@code 0}, it writes
 * {@code <JOB_ID>.blocked} with the reason and exits without starting NAMD. The status query reports such a job as
 * CANCELLED with a dependency reason, exactly as Slurm does with {@code --kill-on-invalid-dep}, so the workflow
 * marks it BLOCKED. {@code afternotok} runs only when a predecessor did not succeed; {@code afterany}/{@code after}
 * only wait.
 *
 * <p><b>Exit codes.</b> Grid Engine puts a job whose script exits with 100 into the error state (Eqw) and
 * reschedules one that exits with 99; NAMD's own exit code is recorded in the job's {@code namd.exitcode} and the
 * marker, and the script exits with 1 instead of these two.
 */
public final class GridEngineScriptGenerator {
    /** Exit code of a job that did not start NAMD because a dependency did not succeed. */
    public static final int BLOCKED_EXIT = 86;
    /**
     * Name prefix of the job's standard output and error in {@code logs/}: the application looks for
     * {@code slurm-<id>.out/.err} whatever the scheduler, so Grid Engine's {@code -o/-e} go there too.
     */
    public static final String STDOUT_PREFIX = "slurm-";
    /** The default parallel environment (profile property {@value GridEngineProfileType#PROP_PE}). */
    public static final String DEFAULT_PE = "smp";

    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9_./+\\-]*");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-]+");
    private static final Pattern ID = Pattern.compile("[0-9]+");

    private GridEngineScriptGenerator() {
    }

    /**
     * What the script is generated from besides the spec: profile settings (the site environment's lines run after
     * {@code /etc/profile}) and the session's marker directory.
     */
    public record Options(LauncherMode launcher, String parallelEnvironment, String memoryResource, String markerDir,
            java.util.List<String> siteEnvironment) {
        public Options {
            siteEnvironment = siteEnvironment == null ? java.util.List.of() : java.util.List.copyOf(siteEnvironment);
        }

        /** Options without a site environment. */
        public Options(LauncherMode launcher, String parallelEnvironment, String memoryResource, String markerDir) {
            this(launcher, parallelEnvironment, memoryResource, markerDir, java.util.List.of());
        }
    }

    /** The script for {@code spec}. */
    public static String generate(JobScriptSpec spec, Options o) throws ClusterException {
        Names.requireJobName(spec.jobName());
        Names.requireFileName(spec.configFile());
        Resources r = spec.resources();
        if (r.partition() != null) {
            Names.requireToken("queue", r.partition());
        }
        if (r.qos() != null) {
            throw new ClusterException(ClusterException.Kind.INVALID_QOS,
                    "Grid Engine has no QoS: remove the QoS '" + Names.printable(r.qos()) + "' from the job or the profile");
        }
        if (r.account() != null) {
            Names.requireToken("account", r.account());
        }
        if (r.gpus() > 0) {
            // GPU requests are site-specific consumables in Grid Engine (no common name): not supported by this plugin
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Grid Engine profiles cannot request GPUs: "
                    + "this plugin does not support them (" + r.gpus() + " requested); use 0 GPUs or a Slurm profile");
        }
        String pe = Names.requireToken("parallel environment", o.parallelEnvironment() == null || o.parallelEnvironment().isBlank()
                ? DEFAULT_PE : o.parallelEnvironment());
        String memRes = o.memoryResource() == null || o.memoryResource().isBlank() ? null
                : Names.requireToken("memory resource", o.memoryResource());
        if (r.nodes() > 1) {
            throw new ClusterException(ClusterException.Kind.RESOURCES, "The Grid Engine profile runs a job on one host "
                    + "(parallel environment '" + pe + "'): request " + r.cores() + " cores on 1 node");
        }
        String project = requireSafePath("job directory", spec.projectDir());
        String scratch = spec.scratchDir() == null || spec.scratchDir().isBlank() ? null
                : requireSafePath("scratch directory", spec.scratchDir());
        String markers = requireSafePath("marker directory", o.markerDir());
        if (!TOKEN.matcher(spec.jobId()).matches()) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Job id must be letters, digits, '_' or '-'");
        }
        Dependency dep = Dependency.parse(spec.dependency());
        List<String> modules = spec.checkedModules();
        NamdModule namd = spec.module();

        String logs = project + "/" + JobScriptSpec.LOG_DIR;
        StringBuilder s = new StringBuilder(3072);
        s.append("#!/bin/bash\n");
        s.append("#$ -S /bin/bash\n");
        s.append("#$ -N ").append(jobNameToken(spec.jobName())).append('\n');
        if (r.partition() != null) {
            s.append("#$ -q ").append(r.partition()).append('\n');
        }
        s.append("#$ -pe ").append(pe).append(' ').append(r.cores()).append('\n');
        if (r.wallTimeMinutes() != null) {
            s.append("#$ -l h_rt=").append(hrt(r.wallTimeMinutes())).append('\n');
        }
        if (memRes != null && r.memoryMb() != null) {
            // Grid Engine's memory resources are per slot
            long perSlot = (r.memoryMb() + r.cores() - 1) / r.cores();
            s.append("#$ -l ").append(memRes).append('=').append(perSlot).append("M\n");
        }
        if (r.account() != null) {
            s.append("#$ -A ").append(r.account()).append('\n');
        }
        s.append("#$ -wd ").append(project).append('\n');
        // the application reads a job's scheduler output as logs/slurm-<id>.out/.err (automation's JobDocuments)
        s.append("#$ -o ").append(logs).append("/").append(STDOUT_PREFIX).append("$JOB_ID.out\n");
        s.append("#$ -e ").append(logs).append("/").append(STDOUT_PREFIX).append("$JOB_ID.err\n");
        if (dep != null) {
            s.append("#$ -hold_jid ").append(String.join(",", dep.ids())).append('\n');
        }
        s.append("#\n# Generated by NAMDRunner for job ").append(spec.jobId())
                .append(". NAMDRunner regenerates this file on every submit.\n\n");
        s.append("NAMDRUNNER_PATH=$PATH\n");
        s.append("source /etc/profile >/dev/null 2>&1 || true\n");
        if (!o.siteEnvironment().isEmpty()) {
            s.append("# the profile's site environment\n");
            for (String line : o.siteEnvironment()) {
                s.append(line).append('\n');
            }
        }
        s.append("PATH=$PATH:$NAMDRUNNER_PATH\n");
        s.append("NAMDRUNNER_JOB_ID=").append(Sh.quote(spec.jobId())).append('\n');
        s.append("NAMDRUNNER_JOB_NAME=").append(Sh.quote(spec.jobName())).append('\n');
        s.append("export NAMDRUNNER_JOB_ID NAMDRUNNER_JOB_NAME\n");
        s.append("PROJECT_DIR=").append(Sh.quote(project)).append('\n');
        s.append("WORK_DIR=").append(Sh.quote(scratch != null ? scratch : project + "/" + JobScriptSpec.WORK_DIR)).append('\n');
        s.append("MARKER_DIR=").append(Sh.quote(markers)).append('\n');
        s.append("CONFIG=").append(Sh.quote(spec.configFile())).append('\n');
        s.append("NTASKS=").append(r.cores()).append('\n');
        s.append("mkdir -p -- \"$PROJECT_DIR/").append(JobScriptSpec.LOG_DIR).append("\" \"$PROJECT_DIR/")
                .append(JobScriptSpec.OUTPUT_DIR).append("\" \"$WORK_DIR\" \"$MARKER_DIR\"\n");
        s.append("LOG=\"$PROJECT_DIR/").append(JobScriptSpec.LOG_DIR).append('/').append(JobScriptSpec.NAMD_LOG).append("\"\n");
        s.append("EXIT_FILE=\"$PROJECT_DIR/").append(JobScriptSpec.LOG_DIR).append('/').append(JobScriptSpec.EXIT_CODE_FILE)
                .append("\"\n\n");
        s.append("# finish CODE: records the exit code for NAMDRunner and for dependent jobs, then exits\n");
        s.append("# (99 and 100 have special meanings for Grid Engine: reschedule / error state; they leave as 1)\n");
        s.append("finish() {\n");
        s.append("  echo \"$1\" > \"$EXIT_FILE\"\n");
        s.append("  echo \"$1\" > \"$MARKER_DIR/$JOB_ID.exit.tmp\" && mv -f -- \"$MARKER_DIR/$JOB_ID.exit.tmp\" \"$MARKER_DIR/$JOB_ID.exit\"\n");
        s.append("  case \"$1\" in 99|100) exit 1;; *) exit \"$1\";; esac\n");
        s.append("}\n");
        if (dep != null) {
            appendDependencyCheck(s, dep);
        }
        for (String m : modules) {
            s.append("module load ").append(Sh.quote(m)).append(" || { echo ").append(Sh.quote("NAMDRunner: module load failed: " + m))
                    .append(" >&2; finish 3; }\n");
        }
        for (Map.Entry<String, String> e : spec.environment().entrySet()) {
            s.append("export ").append(e.getKey()).append('=').append(Sh.quote(e.getValue())).append('\n');
        }
        String declared = namd == null ? null : namd.executableOrGuess();
        s.append("\nNAMD_BIN=").append(Sh.quote(declared == null ? "namd3" : declared)).append('\n');
        s.append("if ! command -v \"$NAMD_BIN\" >/dev/null 2>&1; then\n");
        s.append("  for c in namd3 namd2; do if command -v \"$c\" >/dev/null 2>&1; then NAMD_BIN=$c; break; fi; done\n");
        s.append("fi\n");
        s.append("if ! command -v \"$NAMD_BIN\" >/dev/null 2>&1; then\n");
        s.append("  echo \"NAMDRunner: no NAMD executable (namd3 or namd2) found on PATH\" >&2; finish 127\n");
        s.append("fi\n\n");
        s.append("copied=0\n");
        s.append("copy_back() {\n");
        s.append("  [ \"$copied\" = 1 ] && return; copied=1\n");
        s.append("  cp -pR -- \"$WORK_DIR/.\" \"$PROJECT_DIR/").append(JobScriptSpec.OUTPUT_DIR)
                .append("/\" || echo \"NAMDRunner: copying results back failed\" >&2\n");
        s.append("}\n");
        s.append("NAMD_PID=\n");
        s.append("on_signal() {\n");
        s.append("  echo \"NAMDRunner: job stopped by a signal (time limit or qdel)\" >&2\n");
        s.append("  [ -n \"$NAMD_PID\" ] && kill -TERM \"$NAMD_PID\" 2>/dev/null && wait \"$NAMD_PID\"\n");
        s.append("  copy_back; finish 143\n");
        s.append("}\n");
        s.append("trap on_signal TERM INT\n\n");
        s.append("cp -pR -- \"$PROJECT_DIR/").append(JobScriptSpec.INPUT_DIR)
                .append("/.\" \"$WORK_DIR/\" || { echo \"NAMDRunner: copying inputs to $WORK_DIR failed\" >&2; finish 2; }\n");
        s.append("cd -- \"$WORK_DIR\" || finish 2\n");
        s.append("echo \"NAMDRunner: running $NAMD_BIN on $(hostname) in $WORK_DIR (Grid Engine job $JOB_ID, $NSLOTS slots)\" >&2\n");
        switch (o.launcher() == null ? LauncherMode.PLUS_P : o.launcher()) {
            case MPIRUN -> s.append("mpirun -np \"${NSLOTS:-$NTASKS}\" \"$NAMD_BIN\" \"./$CONFIG\" > \"$LOG\" 2>&1 &\n");
            case SRUN -> throw new ClusterException(ClusterException.Kind.CONFIGURATION,
                    "The srun launcher is Slurm's: use mpirun or +p in a Grid Engine profile");
            case PLUS_P -> s.append("\"$NAMD_BIN\" +p\"${NSLOTS:-$NTASKS}\" \"./$CONFIG\" > \"$LOG\" 2>&1 &\n");
            case CHARMRUN -> s.append("charmrun +p\"${NSLOTS:-$NTASKS}\" \"$(command -v \"$NAMD_BIN\")\" \"./$CONFIG\" > \"$LOG\" 2>&1 &\n");
        }
        s.append("NAMD_PID=$!\n");
        s.append("wait \"$NAMD_PID\"\n");
        s.append("rc=$?\n");
        s.append("NAMD_PID=\n");
        s.append("copy_back\n");
        s.append("finish \"$rc\"\n");
        return s.toString();
    }

    private static void appendDependencyCheck(StringBuilder s, Dependency dep) {
        s.append("\n# -hold_jid only waits until the predecessors have left Grid Engine, whatever their exit status:\n");
        s.append("# the ").append(dep.type()).append(" condition is checked here, from the predecessors' exit markers.\n");
        s.append("for pred in ").append(String.join(" ", dep.ids())).append("; do\n");
        s.append("  pexit=$(cat -- \"$MARKER_DIR/$pred.exit\" 2>/dev/null)\n");
        switch (dep.type()) {
            case "afterok" -> {
                s.append("  if [ \"$pexit\" != 0 ]; then\n");
                s.append("    if [ -n \"$pexit\" ]; then why=\"exit code $pexit\"; else why=\"no exit code: killed, deleted or never started\"; fi\n");
                s.append("    why=\"dependency $pred did not succeed ($why)\"\n");
                s.append("    echo \"DependencyNeverSatisfied: $why\" > \"$MARKER_DIR/$JOB_ID.blocked\"\n");
                s.append("    echo \"NAMDRunner: not starting NAMD: $why\" >&2\n");
                s.append("    finish ").append(BLOCKED_EXIT).append('\n');
                s.append("  fi\n");
            }
            case "afternotok" -> {
                s.append("  if [ \"$pexit\" = 0 ]; then\n");
                s.append("    why=\"dependency $pred succeeded (this job runs only after a failure)\"\n");
                s.append("    echo \"DependencyNeverSatisfied: $why\" > \"$MARKER_DIR/$JOB_ID.blocked\"\n");
                s.append("    echo \"NAMDRunner: not starting NAMD: $why\" >&2\n");
                s.append("    finish ").append(BLOCKED_EXIT).append('\n');
                s.append("  fi\n");
            }
            default -> s.append("  : # ").append(dep.type()).append(": any end is fine\n");
        }
        s.append("done\n");
    }

    /** {@code -l h_rt} form {@code HH:MM:SS} (hours may exceed 24). */
    public static String hrt(int minutes) {
        return String.format(Locale.ROOT, "%02d:%02d:00", minutes / 60, minutes % 60);
    }

    /** A job name Grid Engine accepts in {@code -N}: the file-system safe slug, never starting with a digit. */
    public static String jobNameToken(String jobName) {
        String slug = Names.slug(jobName);
        return Character.isDigit(slug.charAt(0)) ? "j" + slug : slug;
    }

    /** A parsed {@link JobScriptSpec#dependency()}: type and Grid Engine job ids. */
    public record Dependency(String type, List<String> ids) {
        static Dependency parse(String spec) throws ClusterException {
            if (spec == null || spec.isBlank()) {
                return null;
            }
            if (!JobScriptSpec.DEPENDENCY.matcher(spec).matches()) {
                throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Job dependency must look like "
                        + "afterok:<id>[:<id>...] (got '" + Names.printable(spec) + "')");
            }
            String[] p = spec.split(":");
            List<String> ids = new ArrayList<>();
            for (int i = 1; i < p.length; i++) {
                if (!ID.matcher(p[i]).matches()) {
                    throw new ClusterException(ClusterException.Kind.INVALID_REQUEST,
                            "Grid Engine job ids are numbers; array tasks cannot be dependencies (got '" + Names.printable(p[i]) + "')");
                }
                ids.add(p[i]);
            }
            return new Dependency(p[0], List.copyOf(ids));
        }
    }

    static String requireSafePath(String what, String path) throws ClusterException {
        if (path == null || !SAFE_PATH.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "The " + what
                    + " must be an absolute path of letters, digits and '_ . / + -' (got '" + Names.printable(path) + "')");
        }
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * The constant submit script. Arguments: {@code $1} job directory, {@code $2} marker directory, {@code $3} submit
     * token (may be empty); the job script comes on stdin. Writes it to {@code $1/job.sge} and submits it with
     * {@code qsub -terse -w e} (rejected at once when no queue can ever run it) from the job directory, in one round trip. Idempotent: the id is recorded in
     * {@code $2/submit-<token>}, and a retry with the same token prints the recorded id instead of submitting again.
     */
    public static final String SUBMIT_SCRIPT = String.join("\n",
            "mkdir -p -- \"$1/" + JobScriptSpec.LOG_DIR + "\" \"$2\" || exit 1",
            "if [ -n \"$3\" ] && [ -s \"$2/submit-$3\" ]; then cat -- \"$2/submit-$3\"; exit 0; fi",
            "cat > \"$1/" + GridEngineSession.SCRIPT_FILE + ".tmp\" && mv -f -- \"$1/" + GridEngineSession.SCRIPT_FILE + ".tmp\" \"$1/"
                    + GridEngineSession.SCRIPT_FILE + "\" || exit 1",
            "cd -- \"$1\" || exit 1",
            "id=$(qsub -terse -w e \"$1/" + GridEngineSession.SCRIPT_FILE + "\") || exit $?",
            "id=${id%%.*}",
            "if [ -n \"$3\" ]; then printf '%s\\n' \"$id\" > \"$2/submit-$3.tmp\" && mv -f -- \"$2/submit-$3.tmp\" \"$2/submit-$3\"; fi",
            "printf '%s\\n' \"$id\"");
}
