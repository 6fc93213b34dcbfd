package org.namdrunner.cluster.slurm;

import java.util.ArrayList;
import java.util.List;
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
 * Generates the batch script of a job. The script is bash ({@code #!/bin/bash}); {@code #SBATCH} lines carry
 * only validated tokens, numbers and generated paths (sbatch parses them with its own rules, not the shell's),
 * the user's job name goes to sbatch's command line (quoted) and into the body as a quoted variable. In the
 * body every user-provided string (job name, file names, module names, environment values, directories) is
 * quoted with {@link Sh#quote(String)}.
 *
 * <p>The script loads the modules, picks {@code namd3}/{@code namd2} (the module's declared executable if it is on
 * PATH, else whichever exists), copies the inputs to the scratch directory, runs NAMD there with the profile's
 * launcher, and copies everything back to {@code output/} of the job directory at the end, also after a time
 * limit or cancellation (SIGTERM).
 *
 * <p>GPUs: a job with GPUs asks for them per node with {@code --gres=gpu:N} (or {@code gpu:TYPE:N}), and NAMD gets
 * {@code +devices 0,...,k-1}, where k is the number of devices Slurm made visible in {@code CUDA_VISIBLE_DEVICES}
 * (the CUDA runtime numbers the visible devices from 0), or N when it is not set. The multicore launcher ({@code +p},
 * one node: NAMD 3's GPU-resident mode) adds {@code +setcpuaffinity}, as NAMD's notes advise for GPU runs.
 */
public final class SlurmScriptGenerator {
    /** {@code --comment} prefix that marks NAMDRunner jobs; followed by the submit token. */
    public static final String COMMENT_PREFIX = "namdrunner:";

    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9_./+\\-]*");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-]+");

    private SlurmScriptGenerator() {
    }

    /** The script for {@code spec} started with {@code launcher}, without a site environment. */
    public static String generate(JobScriptSpec spec, LauncherMode launcher) throws ClusterException {
        return generate(spec, launcher, List.of());
    }

    /**
     * The script for {@code spec}: NAMD started with its module's launcher ({@link NamdModule#launcher()}, found by
     * discovery) or else {@code launcher}; the profile's {@code siteEnvironment} lines run verbatim after
     * {@code /etc/profile} (so a job finds {@code srun} on a site that provides Slurm through a module), before the
     * module's prerequisites, the extra modules and the NAMD module are loaded in that order.
     */
    public static String generate(JobScriptSpec spec, LauncherMode launcher, List<String> siteEnvironment) throws ClusterException {
        Names.requireJobName(spec.jobName());
        Names.requireFileName(spec.configFile());
        Resources r = spec.resources();
        if (r.partition() != null) {
            Names.requireToken("partition", r.partition());
        }
        if (r.qos() != null) {
            Names.requireToken("QoS", r.qos());
        }
        if (r.account() != null) {
            Names.requireToken("account", r.account());
        }
        if (r.gpuType() != null) {
            Names.requireToken("GPU type", r.gpuType());
        }
        if (r.gpus() < 0) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "GPUs must not be negative, not " + r.gpus());
        }
        String project = requireSafePath("job directory", spec.projectDir());
        String scratch = spec.scratchDir() == null || spec.scratchDir().isBlank() ? null
                : requireSafePath("scratch directory", spec.scratchDir());
        if (spec.submitToken() != null && !TOKEN.matcher(spec.submitToken()).matches()) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Submit token must be letters, digits, '_' or '-'");
        }
        if (!TOKEN.matcher(spec.jobId()).matches()) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Job id must be letters, digits, '_' or '-'");
        }
        List<String> modules = spec.checkedModules();
        NamdModule namd = spec.module();

        String logs = project + "/" + JobScriptSpec.LOG_DIR;
        StringBuilder s = new StringBuilder(2048);
        s.append("#!/bin/bash\n");
        s.append("#SBATCH --job-name=").append(Names.slug(spec.jobName())).append('\n');
        if (r.partition() != null) {
            s.append("#SBATCH --partition=").append(r.partition()).append('\n');
        }
        if (r.qos() != null) {
            s.append("#SBATCH --qos=").append(r.qos()).append('\n');
        }
        if (r.account() != null) {
            s.append("#SBATCH --account=").append(r.account()).append('\n');
        }
        if (r.wallTimeMinutes() != null) {
            s.append("#SBATCH --time=").append(r.slurmTime()).append('\n');
        }
        s.append("#SBATCH --nodes=").append(r.nodes()).append('\n');
        s.append("#SBATCH --ntasks=").append(r.cores()).append('\n');
        if (r.memoryMb() != null) {
            s.append("#SBATCH --mem=").append(r.slurmMemory()).append('\n');
        }
        if (r.gpus() > 0) {
            s.append("#SBATCH --gres=gpu:").append(r.gpuType() == null ? "" : r.gpuType() + ":").append(r.gpus()).append('\n');
        }
        s.append("#SBATCH --output=").append(logs).append("/slurm-%j.out\n");
        s.append("#SBATCH --error=").append(logs).append("/slurm-%j.err\n");
        if (spec.dependency() != null) {
            if (!JobScriptSpec.DEPENDENCY.matcher(spec.dependency()).matches()) {
                throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "Job dependency must look like "
                        + "afterok:<id>[:<id>...] (got '" + Names.printable(spec.dependency()) + "')");
            }
            s.append("#SBATCH --dependency=").append(spec.dependency()).append('\n');
            // a dependant of a failed job ends instead of pending forever (NAMDRunner marks it BLOCKED)
            s.append("#SBATCH --kill-on-invalid-dep=yes\n");
        }
        if (spec.submitToken() != null) {
            s.append("#SBATCH --comment=").append(COMMENT_PREFIX).append(spec.submitToken()).append('\n');
        }
        s.append("#\n# Generated by NAMDRunner for job ").append(spec.jobId())
                .append(". NAMDRunner regenerates this file on every submit.\n\n");
        s.append("export SLURM_EXPORT_ENV=ALL\n");
        s.append("NAMDRUNNER_PATH=$PATH\n");
        s.append("source /etc/profile >/dev/null 2>&1 || true\n");
        if (!siteEnvironment.isEmpty()) {
            s.append("# the profile's site environment\n");
            for (String line : siteEnvironment) {
                s.append(line).append('\n');
            }
        }
        s.append("PATH=$PATH:$NAMDRUNNER_PATH\n");
        s.append("NAMDRUNNER_JOB_ID=").append(Sh.quote(spec.jobId())).append('\n');
        s.append("NAMDRUNNER_JOB_NAME=").append(Sh.quote(spec.jobName())).append('\n');
        s.append("export NAMDRUNNER_JOB_ID NAMDRUNNER_JOB_NAME\n");
        s.append("PROJECT_DIR=").append(Sh.quote(project)).append('\n');
        s.append("WORK_DIR=").append(Sh.quote(scratch != null ? scratch : project + "/" + JobScriptSpec.WORK_DIR)).append('\n');
        s.append("CONFIG=").append(Sh.quote(spec.configFile())).append('\n');
        s.append("NTASKS=").append(r.cores()).append('\n');
        if (r.gpus() > 0) {
            s.append("GPUS=").append(r.gpus()).append('\n');
        }
        s.append("mkdir -p -- \"$PROJECT_DIR/").append(JobScriptSpec.LOG_DIR).append("\" \"$PROJECT_DIR/")
                .append(JobScriptSpec.OUTPUT_DIR).append("\" \"$WORK_DIR\"\n");
        s.append("LOG=\"$PROJECT_DIR/").append(JobScriptSpec.LOG_DIR).append('/').append(JobScriptSpec.NAMD_LOG).append("\"\n");
        s.append("EXIT_FILE=\"$PROJECT_DIR/").append(JobScriptSpec.LOG_DIR).append('/').append(JobScriptSpec.EXIT_CODE_FILE)
                .append("\"\n\n");
        for (String m : modules) {
            s.append("module load ").append(Sh.quote(m)).append(" || { echo ").append(Sh.quote("NAMDRunner: module load failed: " + m))
                    .append(" >&2; echo 3 > \"$EXIT_FILE\"; exit 3; }\n");
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
        s.append("  echo \"NAMDRunner: no NAMD executable (namd3 or namd2) found on PATH\" >&2; echo 127 > \"$EXIT_FILE\"; exit 127\n");
        s.append("fi\n\n");
        s.append("copied=0\n");
        s.append("copy_back() {\n");
        s.append("  [ \"$copied\" = 1 ] && return; copied=1\n");
        s.append("  cp -pR -- \"$WORK_DIR/.\" \"$PROJECT_DIR/").append(JobScriptSpec.OUTPUT_DIR).append("/\" || echo \"NAMDRunner: copying results back failed\" >&2\n");
        s.append("}\n");
        s.append("NAMD_PID=\n");
        s.append("on_signal() {\n");
        s.append("  echo \"NAMDRunner: job stopped by a signal (time limit or cancel)\" >&2\n");
        s.append("  [ -n \"$NAMD_PID\" ] && kill -TERM \"$NAMD_PID\" 2>/dev/null && wait \"$NAMD_PID\"\n");
        s.append("  copy_back; echo 143 > \"$EXIT_FILE\"; exit 143\n");
        s.append("}\n");
        s.append("trap on_signal TERM INT\n\n");
        s.append("cp -pR -- \"$PROJECT_DIR/").append(JobScriptSpec.INPUT_DIR).append("/.\" \"$WORK_DIR/\" || { echo \"NAMDRunner: copying inputs to $WORK_DIR failed\" >&2; echo 2 > \"$EXIT_FILE\"; exit 2; }\n");
        s.append("cd -- \"$WORK_DIR\" || exit 2\n");
        s.append("echo \"NAMDRunner: running $NAMD_BIN on $(hostname) in $WORK_DIR\" >&2\n");
        LauncherMode launchWith = namd == null ? launcher : namd.launcherOr(launcher);
        String gpuArgs = "";
        if (r.gpus() > 0) {
            // the CUDA runtime numbers the devices Slurm made visible from 0: NAMD's +devices lists 0..k-1
            s.append("NGPU=$GPUS\n");
            s.append("if [ -n \"${CUDA_VISIBLE_DEVICES:-}\" ]; then NGPU=$(printf '%s\\n' \"$CUDA_VISIBLE_DEVICES\" | tr ',' '\\n' | grep -c .); fi\n");
            s.append("NAMD_DEVICES=$(seq -s, 0 $((NGPU - 1)))\n");
            s.append("echo \"NAMDRunner: GPUs: CUDA_VISIBLE_DEVICES=${CUDA_VISIBLE_DEVICES:-(not set)}, NAMD +devices $NAMD_DEVICES\" >&2\n");
            gpuArgs = launchWith == LauncherMode.PLUS_P ? " +setcpuaffinity +devices \"$NAMD_DEVICES\"" : " +devices \"$NAMD_DEVICES\"";
        }
        switch (launchWith) {
            case MPIRUN -> s.append("mpirun -np \"${SLURM_NTASKS:-$NTASKS}\" \"$NAMD_BIN\"" + gpuArgs + " \"./$CONFIG\" > \"$LOG\" 2>&1 &\n");
            case SRUN -> s.append("srun \"$NAMD_BIN\"" + gpuArgs + " \"./$CONFIG\" > \"$LOG\" 2>&1 &\n");
            case PLUS_P -> s.append("\"$NAMD_BIN\" +p\"${SLURM_NTASKS:-$NTASKS}\"" + gpuArgs + " \"./$CONFIG\" > \"$LOG\" 2>&1 &\n");
            case CHARMRUN -> s.append("charmrun ++mpiexec ++remote-shell srun +p\"${SLURM_NTASKS:-$NTASKS}\" \"$(command -v \"$NAMD_BIN\")\"" + gpuArgs + " \"./$CONFIG\" > \"$LOG\" 2>&1 &\n");
        }
        s.append("NAMD_PID=$!\n");
        s.append("wait \"$NAMD_PID\"\n");
        s.append("rc=$?\n");
        s.append("NAMD_PID=\n");
        s.append("copy_back\n");
        s.append("echo \"$rc\" > \"$EXIT_FILE\"\n");
        s.append("exit \"$rc\"\n");
        return s.toString();
    }

    private static String requireSafePath(String what, String path) throws ClusterException {
        if (path == null || !SAFE_PATH.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")) {
            throw new ClusterException(ClusterException.Kind.INVALID_REQUEST, "The " + what
                    + " must be an absolute path of letters, digits and '_ . / + -' (got '" + Names.printable(path) + "')");
        }
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * The constant submit script: writes the job script from stdin into {@code $1/job.sbatch} and submits it from
     * the job directory {@code $1} with {@code --parsable} and the user's real job name {@code $2} (the script's
     * own {@code --job-name} line carries only a file-system safe form). One round trip.
     */
    public static final String SUBMIT_SCRIPT = "mkdir -p -- \"$1/" + JobScriptSpec.LOG_DIR + "\" && cat > \"$1/"
            + JobScriptSpec.SCRIPT_FILE + ".tmp\" && mv -f -- \"$1/" + JobScriptSpec.SCRIPT_FILE + ".tmp\" \"$1/"
            + JobScriptSpec.SCRIPT_FILE + "\" && cd -- \"$1\" && sbatch --parsable --job-name=\"$2\" -- \"$1/"
            + JobScriptSpec.SCRIPT_FILE + "\"";
}
