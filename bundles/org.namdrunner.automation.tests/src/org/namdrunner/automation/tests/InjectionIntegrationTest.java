package org.namdrunner.automation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.namdrunner.cluster.ClusterException;
import org.namdrunner.cluster.ClusterSession;
import org.namdrunner.cluster.JobScriptSpec;
import org.namdrunner.cluster.JobStatus;
import org.namdrunner.cluster.LauncherMode;
import org.namdrunner.cluster.NamdModule;
import org.namdrunner.cluster.Names;
import org.namdrunner.cluster.RemotePaths;
import org.namdrunner.cluster.RemoteShell;
import org.namdrunner.cluster.Resources;
import org.namdrunner.cluster.ShellResult;
import org.namdrunner.cluster.slurm.SlurmScriptGenerator;
import org.namdrunner.cluster.slurm.SlurmSession;

/**
 * 10,000 generated hostile strings (2,500 each of job names, file names, template values, module names) go
 * through script generation and real bash/sbatch on the test cluster; payloads try to create a sentinel file.
 * <ol>
 * <li>all 2,500 generated scripts (each carrying one value of every kind) pass {@code bash -n} on the cluster;</li>
 * <li>the exact value-bearing lines of all 2,500 scripts run in real bash on the cluster (module stubbed) and every
 * value arrives byte for byte;</li>
 * <li>60 of the module-load lines run against the real Lmod;</li>
 * <li>12 complete jobs go through real sbatch (hostile job name on sbatch's command line, hostile config file name,
 * value and, for 4 of them, module name) and run the stand-in NAMD; sacct shows the exact job names;</li>
 * <li>the sentinel never appears.</li>
 * </ol>
 */
@Tag("cluster")
class InjectionIntegrationTest {
    static final IProgressMonitor M = new NullProgressMonitor();
    static final int PER_KIND = 2500;

    static List<String> fragments(String abs, String rel) {
        return List.of("$(touch " + abs + ")", "`touch " + abs + "`", "'; touch " + abs + "; '", "\"; touch " + abs + "; \"",
                "&& touch " + abs, "|| touch " + abs, "| touch " + abs, "; touch " + abs + " #", "$(touch " + rel + ")",
                "`touch " + rel + "`", ";touch " + rel, "$((1+2))", "${HOME}", "$PATH", "*", "?", "[a-z]", "{a,b}", "~", "!", "!!",
                "\\", "\\'", "'", "\"", "<", ">", ">>", "2>&1", "&", ";", "#", "%", "^", "ü", "日本語", " ", "-", "--", "-rf",
                "$'\\x41'", "\\$(touch " + abs + ")", "$IFS", "${IFS}", "\t", "\n", "$(<" + abs + ")", "<(touch " + abs + ")",
                "$@", "$*", "$0", "$1", "=", "a=b", "(", ")", "{", "}", "[[", "]]", "\u00a0", "%s%n");
    }

    record Values(List<String> jobNames, List<String> fileNames, List<String> templateValues, List<String> modules) {
    }

    static Values generate(String abs, String rel) throws ClusterException {
        List<String> frags = fragments(abs, rel);
        Random rnd = new Random(20261123);
        Set<String> job = new LinkedHashSet<>();
        Set<String> file = new LinkedHashSet<>();
        Set<String> value = new LinkedHashSet<>();
        Set<String> module = new LinkedHashSet<>();
        int n = 0;
        while (job.size() < PER_KIND || file.size() < PER_KIND || value.size() < PER_KIND || module.size() < PER_KIND) {
            StringBuilder sb = new StringBuilder();
            int parts = 1 + rnd.nextInt(4);
            for (int i = 0; i < parts; i++) {
                sb.append(frags.get(rnd.nextInt(frags.size())));
            }
            String raw = sb.append(n++).toString();
            String noControl = raw.replaceAll("[\\x00-\\x1f\\x7f]", "?");
            if (job.size() < PER_KIND) {
                job.add(Names.requireJobName(noControl.length() > 200 ? noControl.substring(0, 200) : noControl));
            }
            if (file.size() < PER_KIND) {
                String f = noControl.replace('/', '_').replace('\\', '_');
                file.add(Names.requireFileName(f.length() > 120 ? f.substring(0, 120) : f));
            }
            if (value.size() < PER_KIND) {
                value.add(raw);
            }
            if (module.size() < PER_KIND) {
                module.add(Names.requireModuleName(noControl.replaceAll("\\s", "\\${IFS}")));
            }
        }
        return new Values(new ArrayList<>(job), new ArrayList<>(file), new ArrayList<>(value), new ArrayList<>(module));
    }

    static JobScriptSpec spec(ClusterSession s, int i, Values v, String module, boolean realModule) {
        String dir = RemotePaths.join(s.projectRoot(), "injection-" + i + "-" + UUID.randomUUID().toString().substring(0, 8));
        return new JobScriptSpec("inj-" + i, v.jobNames().get(i), "inj" + i + "x" + UUID.randomUUID().toString().replace("-", ""),
                new Resources("debug", null, null, 1, 1, null, 2), new NamdModule(module, "3.0", realModule ? "namd3" : null),
                v.fileNames().get(i), dir, RemotePaths.join(s.scratchRoot(), "injection-" + i), Map.of("NR_VALUE", v.templateValues().get(i)),
                List.of());
    }

    static List<String> nulSplit(String base64) {
        String s = new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(List.of(s.split("\0", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    @Test
    void tenThousandHostileValuesNeverInjectAnything() throws Exception {
        String tag = "nr-sentinel-" + UUID.randomUUID().toString().substring(0, 8);
        String abs = "/tmp/" + tag;
        try (ClusterSession session = TestClusterHarness.connect(TestClusterHarness.profile())) {
            RemoteShell sh = ((SlurmSession) session).shell();
            Values v = generate(abs, tag);
            assertEquals(PER_KIND * 4, v.jobNames().size() + v.fileNames().size() + v.templateValues().size() + v.modules().size());

            // 1 + 2: generate every script; bash -n on all of them, then run their value-bearing lines.
            StringBuilder syntax = new StringBuilder();
            StringBuilder exercise = new StringBuilder("module() { printf '%s\\0' \"$2\" >> mods; }\nmkdir() { :; }\n: > vals; : > mods\n");
            for (int i = 0; i < PER_KIND; i++) {
                String script = SlurmScriptGenerator.generate(spec(session, i, v, v.modules().get(i), false), LauncherMode.SRUN);
                syntax.append("f_").append(i).append("() {\n").append(script).append("\n}\n");
                // The exact generated text from the first user value to the module/export block's end (multi-line
                // values included), run with mkdir and module stubbed.
                exercise.append(script, script.indexOf("NAMDRUNNER_JOB_NAME="), script.indexOf("\nNAMD_BIN=")).append('\n');
                exercise.append("printf '%s\\0%s\\0%s\\0' \"$NAMDRUNNER_JOB_NAME\" \"$CONFIG\" \"$NR_VALUE\" >> vals\n");
            }
            byte[] syntaxBytes = syntax.toString().getBytes(StandardCharsets.UTF_8);
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
            java.nio.file.Files.write(java.nio.file.Path.of("target", "injection-syntax.sh"), syntaxBytes);
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(syntaxBytes));
            ShellResult sum = sh.run("f=$(mktemp) && cat > \"$f\" && sha256sum < \"$f\" | cut -d' ' -f1 && wc -c < \"$f\"; rm -f \"$f\"", syntaxBytes, M);
            assertEquals(sha + "\n" + syntaxBytes.length, sum.stdout().strip().replaceAll("\\s+", "\n"),
                    "the scripts reached the cluster intact on stdin");
            ShellResult n = sh.run("bash -n", syntaxBytes, M);
            assertEquals(0, n.exitCode(), "bash -n: " + n.stderr());
            ShellResult ex = sh.run("d=$(mktemp -d) && cd \"$d\" && bash -s >/dev/null 2>err; rc=$?; echo \"$rc\"; base64 -w0 vals; echo; "
                    + "base64 -w0 mods; echo; head -c 2000 err; cd / && rm -rf \"$d\"", exercise.toString().getBytes(StandardCharsets.UTF_8), M);
            String[] parts = ex.stdout().split("\n", 4);
            assertEquals("0", parts[0], "exercise script failed: " + ex.stdout() + ex.stderr());
            List<String> vals = nulSplit(parts[1]);
            List<String> mods = nulSplit(parts[2]);
            assertEquals(PER_KIND * 3, vals.size());
            for (int i = 0; i < PER_KIND; i++) {
                assertEquals(v.jobNames().get(i), vals.get(3 * i), "job name " + i);
                assertEquals(v.fileNames().get(i), vals.get(3 * i + 1), "file name " + i);
                assertEquals(v.templateValues().get(i), vals.get(3 * i + 2), "template value " + i);
            }
            assertEquals(v.modules(), mods, "module names reach `module load` verbatim");

            // 3: a sample of module-load lines against the real Lmod.
            StringBuilder lmod = new StringBuilder("source /etc/profile >/dev/null 2>&1\n");
            for (int i = 0; i < 60; i++) {
                String script = SlurmScriptGenerator.generate(spec(session, i, v, v.modules().get(i), false), LauncherMode.SRUN);
                for (String line : script.split("\n")) {
                    if (line.startsWith("module load ")) {
                        lmod.append(line.replace("exit 3;", "true;")).append('\n');
                    }
                }
            }
            lmod.append("echo LMOD-DONE\n");
            ShellResult lm = sh.run("cd /tmp && bash -s 2>&1 | tail -n 3", lmod.toString().getBytes(StandardCharsets.UTF_8), M);
            assertTrue(lm.stdout().contains("LMOD-DONE"), lm.stdout());

            // 4: real sbatch: 8 jobs with a working module, 4 with hostile module names.
            List<String> ids = new ArrayList<>();
            Map<String, Integer> index = new HashMap<>();
            List<JobScriptSpec> specs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                boolean real = i < 8;
                JobScriptSpec s = spec(session, i, v, real ? "namd/3.0" : v.modules().get(i), real);
                session.files().mkdirs(M, RemotePaths.join(s.projectDir(), JobScriptSpec.INPUT_DIR));
                session.files().write(RemotePaths.join(RemotePaths.join(s.projectDir(), JobScriptSpec.INPUT_DIR), s.configFile()),
                        "outputName out\nrun 2\n".getBytes(StandardCharsets.UTF_8), M);
                String id = session.submit(s, M);
                ids.add(id);
                index.put(id, i);
                specs.add(s);
            }
            Map<String, JobStatus> last = Map.of();
            long deadline = System.currentTimeMillis() + 150_000;
            while (System.currentTimeMillis() < deadline) {
                last = session.status(ids, true, M).statuses();
                if (last.size() == ids.size() && last.values().stream().allMatch(s -> s.state().isTerminal())) {
                    break;
                }
                Thread.sleep(1000);
            }
            // slurmctld's view (squeue keeps finished jobs for MinJobAge); sacct stores '"' as '`', so it is only a fallback.
            ShellResult names = sh.run("squeue -h -t all -j \"$1\" -o '%i|%j'", List.of(String.join(",", ids)), null, M);
            Map<String, String> nameById = new HashMap<>();
            for (String line : names.stdout().split("\n")) {
                int bar = line.indexOf('|');
                if (bar > 0) {
                    nameById.put(line.substring(0, bar), line.substring(bar + 1));
                }
            }
            for (String id : ids) {
                int i = index.get(id);
                JobStatus s = last.get(id);
                assertTrue(s != null && s.state().isTerminal(), "job " + id + " finished: " + s);
                if (i < 8) {
                    assertEquals(org.namdrunner.core.JobState.COMPLETED, s.state(), "job " + i + " with hostile names ran: " + s);
                    String log = new String(session.files().read(RemotePaths.join(specs.get(i).projectDir(), "logs/namd.log"), M),
                            StandardCharsets.UTF_8);
                    assertTrue(log.contains("WallClock:"), "stand-in ran config " + specs.get(i).configFile());
                } else {
                    assertEquals(org.namdrunner.core.JobState.FAILED, s.state(), "hostile module name fails cleanly: " + s);
                    assertEquals(3, s.exitCode());
                }
                if (!v.jobNames().get(i).contains("|")) {
                    assertEquals(v.jobNames().get(i), nameById.get(id), "sbatch got the exact job name");
                }
            }

            // 5: the sentinel never appeared, anywhere the payloads could have created it.
            ShellResult found = sh.run("ls -d /tmp/\"$3\"* 2>/dev/null; find \"$HOME\" \"$1\" \"$2\" /tmp -name \"$3*\" 2>/dev/null; true",
                    List.of(session.projectRoot(), session.scratchRoot(), tag), null, M);
            assertEquals("", found.stdout().strip(), "an injection created the sentinel");
            for (JobScriptSpec s : specs) {
                session.files().deleteTree(s.projectDir(), M);
                if (session.files().exists(s.scratchDir(), M)) {
                    session.files().deleteTree(s.scratchDir(), M);
                }
            }
        }
    }
}
