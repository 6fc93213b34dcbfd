// How parse + validate grows with the size of a config (docs/BENCHMARKS.md, "Template language"): the benchmark's
// text (a CHARMM-GUI equilibration config, then Tcl blocks) at 500 to 20,000 lines; per size the node model's
// composite and leaf nodes, thread CPU time (minimum and median) and bytes allocated by the thread, of the parse
// alone and of parse + validate, and the wall-clock median of parse + validate (what the targets are about). Runs on a flat classpath of the built product's plugins; see run-growth.sh.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.namdrunner.template.NamdLanguage;

public class GrowthBenchmark {

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args.length > 0 ? args[0] : "testdata/namd/corpus");
        int[] sizes = Arrays.stream((args.length > 1 ? args[1] : "500,1000,2000,5000,10000,20000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        List<String> head = new ArrayList<>(Files.readAllLines(corpus.resolve("kailainysantos__namd-chimera_tlr4-ic__namd_step4_equilibration.inp")));
        head.removeIf(l -> l.trim().startsWith("minimize") || l.trim().startsWith("run") || l.trim().startsWith("numsteps"));
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.println("| lines | composite nodes | leaf nodes | parse CPU min / median | parse allocates | parse + validate CPU min / median | allocates | min per 1,000 lines | parse + validate wall median |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int target : sizes) {
            String text = config(head, target);
            ICompositeNode root = NamdLanguage.parse(text, "g.namd").getParseResult().getRootNode();
            int composite = 0;
            int leaf = 0;
            for (INode n : root.getAsTreeIterable()) {
                if (n instanceof ICompositeNode) {
                    composite++;
                } else {
                    leaf++;
                }
            }
            int runs = target >= 10000 ? 20 : 60;
            double[] parse = new double[runs];
            double[] validate = new double[runs];
            double[] wall = new double[runs];
            long parseBytes = 0;
            long validateBytes = 0;
            for (int i = 0; i < Math.max(5, 200_000 / target); i++) { // about 200,000 lines parsed + validated first
                NamdLanguage.validate(text, "g.namd");
            }
            for (int i = 0; i < runs; i++) {
                long cpu = mx.getCurrentThreadCpuTime();
                long bytes = mx.getCurrentThreadAllocatedBytes();
                NamdLanguage.parse(text, "g.namd");
                parse[i] = (mx.getCurrentThreadCpuTime() - cpu) / 1e6;
                parseBytes = mx.getCurrentThreadAllocatedBytes() - bytes;
                cpu = mx.getCurrentThreadCpuTime();
                bytes = mx.getCurrentThreadAllocatedBytes();
                long t = System.nanoTime();
                if (NamdLanguage.validate(text, "g.namd").stream().anyMatch(NamdLanguage.Finding::error)) {
                    throw new IllegalStateException("the benchmark text has errors");
                }
                wall[i] = (System.nanoTime() - t) / 1e6;
                validate[i] = (mx.getCurrentThreadCpuTime() - cpu) / 1e6;
                validateBytes = mx.getCurrentThreadAllocatedBytes() - bytes;
            }
            Arrays.sort(parse);
            Arrays.sort(validate);
            Arrays.sort(wall);
            System.out.printf("| %,d | %,d | %,d | %.1f / %.1f ms | %.1f MB | %.1f / %.1f ms | %.1f MB | %.2f ms | %.1f ms |%n", target,
                    composite, leaf, parse[0], parse[runs / 2], parseBytes / 1e6, validate[0], validate[runs / 2],
                    validateBytes / 1e6, validate[0] * 1000 / target, wall[runs / 2]);
        }
        System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cpus, load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    /** The head, then blocks of the benchmark's kind up to {@code lines} lines, ending with a run. */
    static String config(List<String> head, int lines) {
        List<String> out = new ArrayList<>(head);
        int j = 0;
        while (out.size() < lines - 1) {
            out.add("if {[info exists stage] && $stage == " + j + "} {");
            out.add("    langevinTemp [expr {$temp + " + j % 50 + "}]");
            out.add("    parameters toppar/extra_" + j + ".prm ;# trailing comment");
            out.add("}");
            out.add("set out_" + j + " ${outputname}_" + j);
            j++;
        }
        out.add("run 125000");
        return String.join("\n", out) + "\n";
    }
}
