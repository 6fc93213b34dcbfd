package org.namdrunner.cluster.local.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The demo "NAMD": a simulator that computes NO molecular dynamics. It reads a NAMD config ({@link SimConfig}), and
 * at a realistic pace writes what NAMD would: a log in NAMD's format (Info lines, ETITLE/ENERGY lines with clearly
 * synthetic values — the potential decays during {@code minimize}, energies and temperature fluctuate around an
 * equilibrium during {@code run} —, TIMING/PERFORMANCE lines, WallClock and "End of program") and the output files
 * ({@code <outputName>.coor/.vel/.xsc} in NAMD's binary format, restart files every {@code restartfreq} steps, a
 * CHARMM-format DCD trajectory with a frame every {@code dcdfreq} steps whose coordinates are the input's, slightly
 * jiggled). Its log starts by saying that it is a simulator, not NAMD. JDK only: it runs in a process of its own,
 * started by the Local profile's runner like a NAMD executable ({@code +pN config}).
 *
 * <p>Pace: {@value #PACE_ENV} steps per second of wall time (environment variable; default
 * {@value #DEFAULT_STEPS_PER_SECOND}).
 */
public final class NamdSimulator {
    public static final String BANNER = "Info: NAMDRunner demo simulator - simulated output, not NAMD";
    public static final String PACE_ENV = "NAMDRUNNER_SIMULATOR_STEPS_PER_SECOND";
    public static final double DEFAULT_STEPS_PER_SECOND = 1000;

    private static final double KB = 0.0019872041; // kcal/mol/K
    private static final String[] COLUMNS = {"BOND", "ANGLE", "DIHED", "IMPRP", "ELECT", "VDW", "BOUNDARY", "MISC",
            "KINETIC", "TOTAL", "TEMP", "POTENTIAL", "TOTAL3", "TEMPAVG", "PRESSURE", "GPRESSURE", "VOLUME", "PRESSAVG",
            "GPRESSAVG"};

    private final SimConfig config;
    private final Path dir;
    private final int cores;
    private final double stepsPerSecond;
    private final PrintStream out;
    private final Random rng = new Random(20240611L);
    private final long t0 = System.nanoTime();
    private double simulatedSeconds;

    private String outputName;
    private int atoms;
    private double[] reference;
    private double[] position;
    private double[] cell; // a_x..c_z, o_x..o_z (12) or null without a periodic cell
    private long step;
    private double temperature;
    private double lastTemp;
    private long minimizeDone;
    private long minimizeTotal;
    private boolean titled;
    private FileChannel dcd;
    private int dcdFrames;

    private NamdSimulator(SimConfig config, Path dir, int cores, double stepsPerSecond, PrintStream out) {
        this.config = config;
        this.dir = dir;
        this.cores = cores;
        this.stepsPerSecond = stepsPerSecond;
        this.out = out;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        int cores = 1;
        String configFile = null;
        for (String a : args) {
            if (a.matches("\\+p[0-9]+")) {
                cores = Integer.parseInt(a.substring(2));
            } else if (!a.startsWith("+")) {
                configFile = a;
            }
        }
        if (configFile == null) {
            out.println(BANNER);
            out.println("FATAL ERROR: No simulation config file specified on command line.");
            System.exit(1);
        }
        double pace = DEFAULT_STEPS_PER_SECOND;
        String env = System.getenv(PACE_ENV);
        if (env != null && !env.isBlank()) {
            pace = Double.parseDouble(env.strip());
        }
        System.exit(run(Path.of(configFile).toAbsolutePath(), cores, pace, out));
    }

    /**
     * Simulates the config; returns the exit code (0, or 1 after a FATAL ERROR line). Files are written next to the
     * config, as NAMD resolves relative names against its directory.
     */
    public static int run(Path configFile, int cores, double stepsPerSecond, PrintStream out) {
        out.println("Charm++: standalone mode (not using charmrun)");
        out.println(BANNER);
        out.println("Info: No molecular dynamics is computed: energies, timings and coordinates are synthetic,");
        out.println("Info: written in NAMD's formats so that NAMDRunner can be tried without a cluster or NAMD.");
        out.println("Info: Running on " + cores + " processors, 1 nodes, 1 physical nodes (simulated).");
        SimConfig config;
        try {
            config = SimConfig.parse(Files.readString(configFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fatal(out, "Unable to open config file " + configFile.getFileName() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return fatal(out, configFile.getFileName() + " " + e.getMessage());
        }
        out.println("Info: Configuration file is " + configFile.getFileName());
        NamdSimulator sim = new NamdSimulator(config, configFile.getParent(), cores, stepsPerSecond, out);
        try {
            return sim.simulate();
        } catch (IllegalStateException e) {
            return fatal(out, e.getMessage());
        } catch (IOException e) {
            return fatal(out, "Writing output failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fatal(out, "interrupted");
        } finally {
            sim.closeDcd();
        }
    }

    private static int fatal(PrintStream out, String message) {
        out.println("FATAL ERROR: " + message);
        out.println("[0] Stack Traceback:");
        out.println("  [0:0] NAMDRunner demo simulator abort");
        return 1;
    }

    private int simulate() throws IOException, InterruptedException {
        outputName = config.param("outputName");
        if (outputName == null || outputName.isBlank()) {
            throw new IllegalStateException("'outputname' is a required configuration option");
        }
        readInputs();
        step = config.longParam("firsttimestep", 0);
        temperature = config.numParam("temperature", config.numParam("langevinTemp", 300));
        lastTemp = temperature;
        for (int i = 0; i < config.actionCount(); i++) {
            if (config.actionKind(i).equals("minimize")) {
                minimizeTotal += config.actionSteps(i);
            }
        }
        startupInfo();
        for (int i = 0; i < config.actionCount(); i++) {
            advance(config.actionKind(i), config.actionSteps(i), i == 0);
        }
        writeSet(outputName, "OUTPUT");
        out.println("====================================================");
        out.println();
        double wall = (System.nanoTime() - t0) / 1e9;
        out.println(String.format(Locale.ROOT, "WallClock: %f  CPUTime: %f  Memory: %f MB", wall, wall * 0.97, memoryMb()));
        out.println("[Partition 0][Node 0] End of program");
        return 0;
    }

    private double memoryMb() {
        return 180 + atoms * 0.004;
    }

    // ------------------------------------------------------------------ inputs

    private Path input(String keyword) {
        String v = config.param(keyword);
        return v == null || v.isBlank() ? null : dir.resolve(v.strip());
    }

    private void requireReadable(Path p, String what) {
        if (p != null && !Files.isReadable(p)) {
            throw new IllegalStateException(what + " " + dir.relativize(p) + ": No such file or directory");
        }
    }

    private void readInputs() throws IOException {
        Path psf = input("structure");
        Path pdb = input("coordinates");
        Path bin = input("bincoordinates");
        requireReadable(psf, "UNABLE TO OPEN PSF FILE");
        requireReadable(pdb, "Unable to open PDB file");
        requireReadable(bin, "Unable to open binary file");
        requireReadable(input("binvelocities"), "Unable to open binary file");
        requireReadable(input("velocities"), "Unable to open PDB file");
        requireReadable(input("extendedSystem"), "Unable to open extended system file");
        for (String f : config.parameterFiles()) {
            requireReadable(dir.resolve(f), "UNABLE TO OPEN CHARMM PARAMETER FILE");
        }
        if (bin != null) {
            reference = readBinaryCoordinates(bin);
        } else if (pdb != null) {
            reference = readPdb(pdb);
        }
        if (reference == null || reference.length == 0) {
            int n = psf == null ? 0 : psfAtoms(psf);
            if (n == 0) {
                throw new IllegalStateException("No atoms: give 'coordinates' (a PDB with ATOM/HETATM records) or 'bincoordinates'");
            }
            reference = new double[3 * n];
            for (int i = 0; i < reference.length; i++) {
                reference[i] = rng.nextDouble() * 10;
            }
        }
        atoms = reference.length / 3;
        position = reference.clone();
        Path xsc = input("extendedSystem");
        if (xsc != null) {
            cell = readXsc(xsc);
        } else if (config.has("cellBasisVector1")) {
            cell = new double[12];
            fill(cell, 0, config.param("cellBasisVector1"));
            fill(cell, 3, config.param("cellBasisVector2"));
            fill(cell, 6, config.param("cellBasisVector3"));
            fill(cell, 9, config.param("cellOrigin"));
        }
    }

    private static void fill(double[] into, int at, String vector) {
        if (vector == null) {
            return;
        }
        String[] t = vector.replace(',', ' ').strip().split("\\s+");
        for (int i = 0; i < 3 && i < t.length; i++) {
            try {
                into[at + i] = Double.parseDouble(t[i]);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("Illegal vector '" + vector + "'");
            }
        }
    }

    /** Coordinates of the ATOM/HETATM records of a PDB file (x, y, z per atom). */
    public static double[] readPdb(Path pdb) throws IOException {
        List<double[]> xyz = new ArrayList<>();
        for (String l : Files.readAllLines(pdb, StandardCharsets.ISO_8859_1)) {
            if ((l.startsWith("ATOM") || l.startsWith("HETATM")) && l.length() >= 54) {
                try {
                    xyz.add(new double[] {Double.parseDouble(l.substring(30, 38).strip()),
                            Double.parseDouble(l.substring(38, 46).strip()), Double.parseDouble(l.substring(46, 54).strip())});
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("Bad coordinates in PDB file " + pdb.getFileName() + ": " + l);
                }
            }
        }
        double[] out = new double[xyz.size() * 3];
        for (int i = 0; i < xyz.size(); i++) {
            System.arraycopy(xyz.get(i), 0, out, 3 * i, 3);
        }
        return out;
    }

    private static int psfAtoms(Path psf) throws IOException {
        for (String l : Files.readAllLines(psf, StandardCharsets.ISO_8859_1)) {
            if (l.contains("!NATOM")) {
                return Integer.parseInt(l.strip().split("\\s+")[0]);
            }
        }
        return 0;
    }

    /** NAMD's binary coordinate/velocity format: int32 atom count, then x y z doubles per atom, little-endian. */
    public static double[] readBinaryCoordinates(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int n = b.remaining() >= 4 ? b.getInt() : -1;
        if (n < 0 || b.remaining() != n * 24L) {
            throw new IllegalStateException("Binary coordinate file " + file.getFileName() + " is not in NAMD's format");
        }
        double[] out = new double[3 * n];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getDouble();
        }
        return out;
    }

    private static double[] readXsc(Path xsc) throws IOException {
        for (String l : Files.readAllLines(xsc, StandardCharsets.ISO_8859_1)) {
            if (!l.startsWith("#") && !l.isBlank()) {
                String[] t = l.strip().split("\\s+");
                double[] c = new double[12];
                for (int i = 0; i < 12 && i + 1 < t.length; i++) {
                    c[i] = Double.parseDouble(t[i + 1]);
                }
                return c;
            }
        }
        throw new IllegalStateException("Extended system file " + xsc.getFileName() + " has no values");
    }

    // ------------------------------------------------------------------ log

    private void startupInfo() {
        out.println("Info: SIMULATION PARAMETERS:");
        out.println("Info: TIMESTEP               " + fmt(timestep()));
        out.println("Info: NUMBER OF STEPS        " + config.longParam("numsteps", 0));
        out.println("Info: STEPS PER CYCLE        " + config.longParam("stepspercycle", 20));
        if (cell != null) {
            out.println("Info: PERIODIC CELL BASIS 1  " + fmt(cell[0]) + " " + fmt(cell[1]) + " " + fmt(cell[2]));
            out.println("Info: PERIODIC CELL BASIS 2  " + fmt(cell[3]) + " " + fmt(cell[4]) + " " + fmt(cell[5]));
            out.println("Info: PERIODIC CELL BASIS 3  " + fmt(cell[6]) + " " + fmt(cell[7]) + " " + fmt(cell[8]));
        }
        out.println("Info: CUTOFF                 " + fmt(config.numParam("cutoff", 12)));
        if (config.longParam("dcdfreq", 0) > 0) {
            out.println("Info: DCD FILENAME           " + dcdName());
            out.println("Info: DCD FREQUENCY          " + config.longParam("dcdfreq", 0));
        }
        out.println("Info: OUTPUT FILENAME        " + outputName);
        if (config.longParam("restartfreq", 0) > 0) {
            out.println("Info: RESTART FILENAME       " + restartName());
            out.println("Info: RESTART FREQUENCY      " + config.longParam("restartfreq", 0));
        } else {
            out.println("Info: NO RESTART FILE");
        }
        if (config.isOn("langevin", false)) {
            out.println("Info: LANGEVIN DYNAMICS ACTIVE");
            out.println("Info: LANGEVIN TEMPERATURE   " + fmt(config.numParam("langevinTemp", temperature)));
        }
        out.println("Info: INITIAL TEMPERATURE    " + fmt(temperature));
        if (config.has("structure")) {
            out.println("Info: STRUCTURE FILE         " + config.param("structure"));
        }
        if (config.has("coordinates")) {
            out.println("Info: COORDINATE PDB         " + config.param("coordinates"));
        }
        out.println("Info: ****************************");
        out.println("Info: STRUCTURE SUMMARY:");
        out.println("Info: " + atoms + " ATOMS");
        out.println("Info: *****************************");
        out.println(String.format(Locale.ROOT, "Info: Finished startup at %.3f s, %.1f MB of memory in use", elapsed(), memoryMb()));
        out.println();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%g", v);
    }

    private double elapsed() {
        return (System.nanoTime() - t0) / 1e9;
    }

    private double timestep() {
        return config.numParam("timestep", 1.0);
    }

    private String dcdName() {
        return config.has("DCDfile") ? config.param("DCDfile") : outputName + ".dcd";
    }

    private String restartName() {
        return config.has("restartname") ? config.param("restartname") : outputName + ".restart";
    }

    private void etitle() {
        StringBuilder s = new StringBuilder("ETITLE:      TS");
        int n = cell != null ? COLUMNS.length : 14;
        for (int i = 0; i < n; i++) {
            if (i == 4 || i == 9 || i == 14) {
                s.append("     ");
            }
            s.append(String.format(Locale.ROOT, "%15s", COLUMNS[i]));
        }
        out.println(s);
        out.println();
    }

    private double noise(double scale) {
        return rng.nextGaussian() * scale;
    }

    private void energy(boolean minimizing) {
        double n = atoms;
        double decay = minimizeTotal == 0 ? 0 : Math.exp(-6.0 * minimizeDone / (double) minimizeTotal);
        double t;
        if (minimizing) {
            t = 0;
        } else {
            double target = config.numParam("langevinTemp", temperature);
            // canonical temperature fluctuation of n atoms
            t = Math.max(0, target + noise(target * Math.sqrt(2.0 / (3.0 * Math.max(n, 1)))));
        }
        double bond = 0.35 * n * (1 + 2 * decay) + noise(0.02 * n);
        double angle = 0.9 * n * (1 + decay) + noise(0.03 * n);
        double dihed = 0.6 * n + noise(0.01 * n);
        double imprp = 0.04 * n * (1 + decay) + Math.abs(noise(0.002 * n));
        double vdw = 0.5 * n * (1 + 3 * decay) + noise(0.02 * n);
        double kinetic = 1.5 * KB * n * t;
        double potential = -9.5 * n + 6.0 * n * decay + (minimizing ? 0 : 0.5 * kinetic) + noise(minimizing ? 0.005 * n : 0.05 * n);
        double elect = potential - (bond + angle + dihed + imprp + vdw);
        double total = potential + kinetic;
        double tempavg = (t + lastTemp) / 2;
        lastTemp = t;
        List<Double> v = new ArrayList<>(List.of(bond, angle, dihed, imprp, elect, vdw, 0.0, 0.0, kinetic, total, t, potential,
                total + noise(0.001 * n), tempavg));
        if (cell != null) {
            double p = minimizing ? -300 + noise(80) : noise(150);
            double volume = Math.abs(cell[0] * cell[4] * cell[8]);
            v.addAll(List.of(p, p + noise(20), volume * (1 + noise(0.0005)), p / 2, p / 2 + noise(10)));
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "ENERGY: %7d", step));
        for (int i = 0; i < v.size(); i++) {
            if (i == 4 || i == 9 || i == 14) {
                s.append("     ");
            }
            s.append(String.format(Locale.ROOT, "%15.4f", v.get(i)));
        }
        out.println(s);
    }

    // ------------------------------------------------------------------ stepping

    private void advance(String kind, long n, boolean first) throws IOException, InterruptedException {
        boolean minimizing = kind.equals("minimize");
        out.println("TCL: " + (minimizing ? "Minimizing" : "Running") + " for " + n + " steps");
        if (minimizing) {
            out.println("MINIMIZER STARTING");
        }
        if (!titled) {
            etitle();
            titled = true;
        }
        long start = step;
        long end = step + n;
        long oe = Math.max(1, config.longParam("outputEnergies", 1));
        long dcdFreq = config.longParam("dcdfreq", 0);
        long restartFreq = config.longParam("restartfreq", 0);
        long timing = config.has("outputTiming") ? config.longParam("outputTiming", 0) : 10 * oe;
        if (first) {
            energy(minimizing); // NAMD reports the first step of the first run
        }
        long nextEnergy = (start / oe + 1) * oe;
        double secondsPerStep = 1.0 / stepsPerSecond;
        long runStartNanos = System.nanoTime();
        while (step < end) {
            long s = Math.min(end, nextEnergy);
            for (long f : new long[] {dcdFreq, restartFreq, timing}) {
                if (f > 0) {
                    s = Math.min(s, (step / f + 1) * f);
                }
            }
            long steps = s - step;
            pace(steps * secondsPerStep);
            if (minimizing) {
                minimizeDone += steps;
            }
            step = s;
            if (step == nextEnergy) {
                energy(minimizing);
                nextEnergy = (step / oe + 1) * oe;
            }
            if (dcdFreq > 0 && step % dcdFreq == 0) {
                jiggle(minimizing);
                dcdFrame();
            }
            if (restartFreq > 0 && step % restartFreq == 0) {
                writeRestart();
            }
            if (timing > 0 && step % timing == 0) {
                timing(step - start, end - step, (System.nanoTime() - runStartNanos) / 1e9);
            }
        }
        if (minimizing) {
            out.println(String.format(Locale.ROOT, "LINE MINIMIZER REDUCING GRADIENT FROM %.4f TO %.4f", 40.0 * atoms, 0.02 * atoms));
            out.println("MINIMIZER DONE (simulated)");
        }
        double wall = (System.nanoTime() - runStartNanos) / 1e9;
        double perStep = n == 0 ? 0 : wall / n;
        out.println(String.format(Locale.ROOT, "Info: Benchmark time: %d CPUs %.6g s/step %.6g days/ns %.1f MB memory", cores,
                perStep, perStep / 86400.0 * 1e6 / timestep(), memoryMb()));
    }

    /** Sleeps so that the simulated steps take their share of wall time (no drift over many short sleeps). */
    private void pace(double seconds) throws InterruptedException {
        simulatedSeconds += seconds;
        long dueNanos = t0 + (long) (simulatedSeconds * 1e9);
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private void timing(long done, long remaining, double wall) {
        double perStep = done == 0 ? 0 : wall / done;
        double nsPerDay = perStep == 0 ? 0 : timestep() * 1e-6 / perStep * 86400;
        out.println(String.format(Locale.ROOT,
                "TIMING: %d  CPU: %.4f, %.6g/step  Wall: %.4f, %.6g/step, %.6g hours remaining, %.6f MB of memory in use.",
                step, wall * 0.97, perStep * 0.97, wall, perStep, remaining * perStep / 3600, memoryMb()));
        out.println(String.format(Locale.ROOT, "PERFORMANCE: %d  averaging %.4f ns/day, %.6g sec/step with current CPU load",
                step, nsPerDay, perStep));
    }

    private void jiggle(boolean minimizing) {
        double amplitude = minimizing ? 0.02 : 0.15;
        for (int i = 0; i < position.length; i++) {
            // a random walk held near the input structure
            position[i] += noise(amplitude) - 0.2 * (position[i] - reference[i]);
        }
    }

    // ------------------------------------------------------------------ files

    private void writeRestart() throws IOException {
        String base = restartName();
        writeCoordinates(dir.resolve(base + ".coor"), position);
        out.println("WRITING COORDINATES TO RESTART FILE AT STEP " + step);
        out.println("FINISHED WRITING RESTART COORDINATES");
        writeCoordinates(dir.resolve(base + ".vel"), velocities());
        out.println("WRITING VELOCITIES TO RESTART FILE AT STEP " + step);
        out.println("FINISHED WRITING RESTART VELOCITIES");
        writeXsc(dir.resolve(base + ".xsc"));
    }

    private void writeSet(String base, String label) throws IOException {
        out.println("WRITING EXTENDED SYSTEM TO " + label + " FILE AT STEP " + step);
        writeXsc(dir.resolve(base + ".xsc"));
        out.println("WRITING COORDINATES TO " + label + " FILE AT STEP " + step);
        writeCoordinates(dir.resolve(base + ".coor"), position);
        out.println("WRITING VELOCITIES TO " + label + " FILE AT STEP " + step);
        writeCoordinates(dir.resolve(base + ".vel"), velocities());
    }

    private double[] velocities() {
        double[] v = new double[position.length];
        double sd = Math.sqrt(KB * Math.max(lastTemp, 0) / 12.0); // as if every atom were a carbon, NAMD's units
        for (int i = 0; i < v.length; i++) {
            v[i] = noise(sd);
        }
        return v;
    }

    /** Writes NAMD's binary coordinate format (or a PDB when {@code binaryOutput} is off). */
    private void writeCoordinates(Path file, double[] xyz) throws IOException {
        if (!config.isOn("binaryOutput", true)) {
            StringBuilder s = new StringBuilder("REMARK NAMDRUNNER DEMO SIMULATOR OUTPUT (SIMULATED, NOT NAMD)\n");
            for (int i = 0; i < xyz.length / 3; i++) {
                s.append(String.format(Locale.ROOT, "ATOM  %5d  X   SIM X   1    %8.3f%8.3f%8.3f  1.00  0.00%n", (i + 1) % 100000,
                        xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]));
            }
            s.append("END\n");
            Files.writeString(file, s, StandardCharsets.US_ASCII);
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * xyz.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(xyz.length / 3);
        for (double d : xyz) {
            b.putDouble(d);
        }
        Files.write(file, b.array());
    }

    private void writeXsc(Path file) throws IOException {
        double[] c = cell == null ? new double[12] : cell;
        StringBuilder s = new StringBuilder("# NAMD extended system configuration output file\n");
        s.append("#$LABELS step a_x a_y a_z b_x b_y b_z c_x c_y c_z o_x o_y o_z s_x s_y s_z s_u s_v s_w\n");
        s.append(step);
        for (double v : c) {
            s.append(' ').append(fmt(v));
        }
        s.append(" 0 0 0 0 0 0\n");
        Files.writeString(file, s, StandardCharsets.US_ASCII);
    }

    /**
     * Appends a frame to the CHARMM/NAMD DCD file (opened with its header at the first frame): Fortran records,
     * little-endian; a unit-cell record first when the system is periodic; x, y, z as float32. The header's frame
     * count and last step are updated after each frame, as NAMD does.
     */
    private void dcdFrame() throws IOException {
        if (dcd == null) {
            dcd = FileChannel.open(dir.resolve(dcdName()), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            write(dcd, dcdHeader(atoms, step, config.longParam("dcdfreq", 1), timestep(), cell != null, dcdName()));
            out.println("OPENING COORDINATE DCD FILE");
        }
        ByteBuffer f = ByteBuffer.allocate((cell != null ? 56 : 0) + 3 * (8 + 4 * atoms)).order(ByteOrder.LITTLE_ENDIAN);
        if (cell != null) {
            f.putInt(48).putDouble(Math.abs(cell[0])).putDouble(0).putDouble(Math.abs(cell[4])).putDouble(0).putDouble(0)
                    .putDouble(Math.abs(cell[8])).putInt(48);
        }
        for (int axis = 0; axis < 3; axis++) {
            f.putInt(4 * atoms);
            for (int i = 0; i < atoms; i++) {
                f.putFloat((float) position[3 * i + axis]);
            }
            f.putInt(4 * atoms);
        }
        f.flip();
        dcd.position(dcd.size());
        write(dcd, f);
        dcdFrames++;
        ByteBuffer count = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(dcdFrames).flip();
        dcd.write(count, 8);
        ByteBuffer last = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) step).flip();
        dcd.write(last, 20);
        out.println("WRITING COORDINATES TO DCD FILE " + dcdName() + " AT STEP " + step);
    }

    private static void write(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** The DCD header (CHARMM 24 flavour, as NAMD writes it) with no frames yet. */
    public static ByteBuffer dcdHeader(int atoms, long firstStep, long interval, double timestepFs, boolean unitCell, String name) {
        ByteBuffer h = ByteBuffer.allocate(92 + 172 + 12).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(84).put("CORD".getBytes(StandardCharsets.US_ASCII));
        h.putInt(0); // NSET: frames, updated per frame
        h.putInt((int) firstStep); // ISTART
        h.putInt((int) interval); // NSAVC
        h.putInt((int) firstStep); // NSTEP: last step, updated per frame
        for (int i = 0; i < 5; i++) {
            h.putInt(0);
        }
        h.putFloat((float) (timestepFs / 48.88821)); // DELTA in AKMA time units
        h.putInt(unitCell ? 1 : 0);
        for (int i = 0; i < 8; i++) {
            h.putInt(0);
        }
        h.putInt(24).putInt(84);
        h.putInt(164).putInt(2);
        h.put(title("REMARKS FILENAME=" + name + " CREATED BY NAMDRUNNER DEMO SIMULATOR (SIMULATED, NOT NAMD)"));
        h.put(title("REMARKS SYNTHETIC COORDINATES: THE INPUT STRUCTURE WITH RANDOM DISPLACEMENTS"));
        h.putInt(164);
        h.putInt(4).putInt(atoms).putInt(4);
        return h.flip();
    }

    private static byte[] title(String text) {
        byte[] b = new byte[80];
        java.util.Arrays.fill(b, (byte) ' ');
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, 0, Math.min(80, t.length));
        return b;
    }

    private void closeDcd() {
        if (dcd != null) {
            try {
                dcd.close();
            } catch (IOException e) {
                // the frames are written; nothing to add
            }
        }
    }
}
