// Benchmark of the NAMD template language (docs/BENCHMARKS.md): parse + validate a 500-line config warm,
// and completion latency. Runs on a flat classpath of the built product's plugins; see run.sh.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.namdrunner.template.NamdLanguage;
import org.namdrunner.template.ide.NamdIdeServices;
import org.namdrunner.template.render.BuiltInTemplates;

public class TemplateBenchmark {

    interface Op {
        void run() throws Exception;
    }

    /** CPU time of the measuring thread in the last {@link #measure} (sorted, ms): less disturbed by other processes. */
    static double[] lastCpu;

    static double[] measure(Op op, int warmup, int runs) throws Exception {
        for (int i = 0; i < warmup; i++) {
            op.run();
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c = mx.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            op.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        lastCpu = cpu;
        return ms;
    }

    /** Wall-clock statistics, then the median thread CPU time of the same runs. */
    static String statsWithCpu(double[] ms) {
        return stats(ms) + String.format("; thread CPU median %.2f ms", lastCpu[lastCpu.length / 2]);
    }

    static String stats(double[] ms) {
        return String.format("median %.2f ms, p95 %.2f ms, max %.2f ms (n=%d)", ms[ms.length / 2],
                ms[(int) (ms.length * 0.95)], ms[ms.length - 1], ms.length);
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "testdata/namd/corpus");
        // a 500-line realistic config: CHARMM-GUI equilibration (148 lines) + real keyword lines + Tcl blocks
        List<String> lines = new ArrayList<>(Files.readAllLines(corpus.resolve("kailainysantos__namd-chimera_tlr4-ic__namd_step4_equilibration.inp")));
        lines.removeIf(l -> l.trim().startsWith("minimize") || l.trim().startsWith("run") || l.trim().startsWith("numsteps"));
        int i = 0;
        while (lines.size() < 490) {
            lines.add("# block " + i);
            lines.add("if {[info exists stage] && $stage == " + i + "} {");
            lines.add("    langevinTemp [expr {$temp + " + i + "}]");
            lines.add("    parameters toppar/extra_" + i + ".prm ;# trailing comment");
            lines.add("}");
            lines.add("set out_" + i + " ${outputname}_" + i);
            i++;
        }
        while (lines.size() < 499) {
            lines.add("# padding");
        }
        lines.add("run 125000");
        String config = String.join("\n", lines) + "\n";
        System.out.println("config lines: " + config.lines().count());

        long t0 = System.nanoTime();
        NamdIdeServices ide = NamdIdeServices.get();
        System.out.printf("first use (injector creation + catalog load): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        t0 = System.nanoTime();
        int findings = NamdLanguage.validate(config, "bench.namd").size();
        System.out.printf("first parse+validate (cold): %.0f ms, %d findings%n", (System.nanoTime() - t0) / 1e6, findings);

        System.out.println("parse+validate 500 lines (warm): " + statsWithCpu(measure(() -> NamdLanguage.validate(config, "bench.namd"), 100, 300)));

        // growth with the size of the text: GrowthBenchmark.java (run.sh runs it after this)

        int kwOffset = config.indexOf("langevinDamping");
        String typed = config.substring(0, kwOffset) + "langevinT\n" + config.substring(kwOffset);
        int at = kwOffset + "langevinT".length();
        System.out.println("completion, keyword prefix, 500 lines: " + stats(measure(() -> ide.complete(typed, at), 50, 200)));

        String template = BuiltInTemplates.text(BuiltInTemplates.EXPLICIT_SOLVENT_NPT_V1);
        StringBuilder big = new StringBuilder(template);
        while (big.toString().lines().count() < 500) {
            big.append("# filler line to reach 500 lines\n");
        }
        int m = big.indexOf("<<margin>>") + 2;
        String bigText = big.toString();
        System.out.println("completion after '<<', 500-line template: " + stats(measure(() -> ide.complete(bigText, m), 50, 200)));
        System.out.println("hover, 500 lines: " + stats(measure(() -> ide.hover(config, kwOffset + 2), 50, 200)));
        // what the editor does while its last parse is current: no parse per call
        var analyzed = NamdLanguage.analyze(NamdLanguage.parse(config, "bench.namd"));
        System.out.println("hover on the editor's parse, 500 lines: " + stats(measure(() -> ide.hover(analyzed, kwOffset + 2), 50, 200)));
        var parsed = NamdLanguage.parse(typed, "bench.namd");
        System.out.println("completion on the editor's parse, 500 lines: " + stats(measure(() -> ide.complete(parsed, typed, at), 50, 200)));
        System.out.println("highlighting, 500 lines: " + stats(measure(() -> ide.highlight(config), 50, 200)));
        System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cpus");
    }
}
