package org.namdrunner.cluster;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a job script is generated from.
 *
 * @param jobId       NAMDRunner job id (UUID)
 * @param jobName     user-visible job name (validated; quoted wherever it reaches a shell)
 * @param submitToken random token put into {@code --comment} to find the job again after an interrupted submit
 * @param resources   resolved resources ({@link ResourceValidator#resolve})
 * @param module      NAMD module to load, or null for NAMD on PATH
 * @param configFile  NAMD config file name inside the job's input directory
 * @param projectDir  absolute job directory under the project root
 * @param scratchDir  absolute working directory under the scratch root, or null to run in {@code projectDir/work}
 * @param environment extra environment variables exported before NAMD starts (names validated, values quoted)
 * @param extraModules modules loaded before the NAMD module
 * @param dependency  scheduler dependency ({@code afterok:123:456}), or null; only scheduler ids and the types
 *                    afterok/afterany/afternotok/after are accepted (see {@link #DEPENDENCY})
 */
public record JobScriptSpec(String jobId, String jobName, String submitToken, Resources resources, NamdModule module,
        String configFile, String projectDir, String scratchDir, Map<String, String> environment,
        List<String> extraModules, String dependency) {

    /** Accepted form of {@link #dependency()}: one type and one or more numeric scheduler ids. */
    public static final java.util.regex.Pattern DEPENDENCY =
            java.util.regex.Pattern.compile("(afterok|afterany|afternotok|after)(:[0-9]+(_[0-9]+)?)+");

    /** A spec without a scheduler dependency. */
    public JobScriptSpec(String jobId, String jobName, String submitToken, Resources resources, NamdModule module,
            String configFile, String projectDir, String scratchDir, Map<String, String> environment,
            List<String> extraModules) {
        this(jobId, jobName, submitToken, resources, module, configFile, projectDir, scratchDir, environment, extraModules, null);
    }

    /** This spec with a scheduler dependency (null or blank: none). */
    public JobScriptSpec withDependency(String dep) {
        return new JobScriptSpec(jobId, jobName, submitToken, resources, module, configFile, projectDir, scratchDir,
                environment, extraModules, dep == null || dep.isBlank() ? null : dep);
    }

    public JobScriptSpec {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(resources, "resources");
        environment = environment == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        extraModules = extraModules == null ? List.of() : List.copyOf(extraModules);
    }

    /** Sub-directory names of a job directory. */
    public static final String INPUT_DIR = "input";
    public static final String OUTPUT_DIR = "output";
    public static final String LOG_DIR = "logs";
    public static final String WORK_DIR = "work";
    public static final String SCRIPT_FILE = "job.sbatch";
    public static final String NAMD_LOG = "namd.log";
    /** Written by the job script with NAMD's exit code. */
    public static final String EXIT_CODE_FILE = "namd.exitcode";

    /**
     * The modules a job script loads, in order (extra modules, then the NAMD module's prerequisites in their load
     * order, then NAMD's; a module named twice is loaded once, at its first place), each checked as a module name;
     * the environment's names and values are checked too. Every scheduler's script generator starts from this.
     */
    public List<String> checkedModules() throws ClusterException {
        List<String> modules = loadOrder(extraModules(), module());
        for (Map.Entry<String, String> e : environment().entrySet()) {
            Names.requireEnvName(e.getKey());
            Names.requireValue("Value of " + e.getKey(), e.getValue());
        }
        return modules;
    }

    /**
     * The modules a job loads, in order: the profile's extra modules, the NAMD module's prerequisites (an Lmod
     * hierarchy's compiler and MPI), then the NAMD module; each checked by {@link Names#requireModuleName}.
     */
    public static List<String> loadOrder(List<String> extraModules, NamdModule module) throws ClusterException {
        List<String> modules = new java.util.ArrayList<>();
        for (String m : extraModules) {
            modules.add(Names.requireModuleName(m));
        }
        if (module != null) {
            for (String m : module.prerequisites()) {
                if (!modules.contains(m)) {
                    modules.add(Names.requireModuleName(m));
                }
            }
            if (!module.module().isEmpty()) {
                modules.add(Names.requireModuleName(module.module()));
            }
        }
        return modules;
    }
}
