package org.namdrunner.automation.namdlog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses NAMD logs (NAMD 2.x and 3.x, and the test cluster's stand-in): {@code ETITLE:} gives the columns,
 * each {@code ENERGY:} line a row (a row with fewer numbers than columns is kept as far as it goes; a malformed
 * number ends the row), {@code WallClock: X  CPUTime: Y  Memory: Z MB} the end-of-run figures. Streams, so a
 * log of any size parses in one pass. UI-free.
 */
public final class NamdLogParser {
    private static final Pattern WALLCLOCK = Pattern.compile(
            "WallClock:\\s*([0-9.eE+\\-]+)(?:\\s+CPUTime:\\s*([0-9.eE+\\-]+))?(?:\\s+Memory:\\s*([0-9.eE+\\-]+)\\s*MB)?");

    private NamdLogParser() {
    }

    /** {@code TIMING: 500  CPU: 26.06, 0.052/step  Wall: 26.42, 0.0523/step, 0.0073 hours remaining, 269 MB …}. */
    private static final java.util.regex.Pattern TIMING = java.util.regex.Pattern.compile(
            "^TIMING:\\s*([0-9]+)\\s+CPU:.*?Wall:\\s*[0-9.eE+\\-]+,\\s*([0-9.eE+\\-]+)/step(?:,\\s*([0-9.eE+\\-]+)\\s+hours remaining)?");
    /** {@code Info: Benchmark time: 2 CPUs 0.0520557 s/step 0.301248 days/ns 269.418 MB memory}. */
    private static final java.util.regex.Pattern BENCHMARK = java.util.regex.Pattern.compile(
            "Benchmark time:.*?([0-9.eE+\\-]+)\\s+s/step\\s+([0-9.eE+\\-]+)\\s+days/ns");
    /** {@code Info: TIMESTEP               2}. */
    private static final java.util.regex.Pattern TIMESTEP = java.util.regex.Pattern.compile("^Info: TIMESTEP\\s+([0-9.eE+\\-]+)");

    public static NamdLog parse(String text) {
        return parse(new StringReader(text));
    }

    public static NamdLog parse(Reader reader) {
        List<String> columns = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        List<String> fatal = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Double wall = null;
        Double cpu = null;
        Double mem = null;
        Double timestep = null;
        Double benchStep = null;
        Double benchDaysPerNs = null;
        Long timingStep = null;
        Double wallPerStep = null;
        Double hoursLeft = null;
        try (BufferedReader r = new BufferedReader(reader)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("ETITLE:")) {
                    columns.clear();
                    for (String t : line.substring(7).trim().split("\\s+")) {
                        if (!t.isEmpty()) {
                            columns.add(t);
                        }
                    }
                } else if (line.startsWith("ENERGY:")) {
                    String[] t = line.substring(7).trim().split("\\s+");
                    double[] row = new double[t.length];
                    int n = 0;
                    for (String v : t) {
                        try {
                            row[n++] = Double.parseDouble(v);
                        } catch (NumberFormatException e) {
                            n--;
                            break;
                        }
                    }
                    if (n > 0) {
                        rows.add(n == row.length ? row : java.util.Arrays.copyOf(row, n));
                    }
                } else if (line.startsWith("TIMING:")) {
                    Matcher m = TIMING.matcher(line);
                    if (m.find()) {
                        timingStep = Long.valueOf(m.group(1));
                        wallPerStep = Double.valueOf(m.group(2));
                        hoursLeft = m.group(3) == null ? null : Double.valueOf(m.group(3));
                    }
                } else if (line.startsWith("Info: Benchmark time:")) {
                    Matcher m = BENCHMARK.matcher(line);
                    if (m.find()) {
                        benchStep = Double.valueOf(m.group(1));
                        benchDaysPerNs = Double.valueOf(m.group(2));
                    }
                } else if (line.startsWith("Info: TIMESTEP")) {
                    Matcher m = TIMESTEP.matcher(line);
                    if (m.find()) {
                        timestep = Double.valueOf(m.group(1));
                    }
                } else if (line.contains("WallClock:")) {
                    Matcher m = WALLCLOCK.matcher(line);
                    if (m.find()) {
                        wall = Double.valueOf(m.group(1));
                        cpu = m.group(2) == null ? null : Double.valueOf(m.group(2));
                        mem = m.group(3) == null ? null : Double.valueOf(m.group(3));
                    }
                } else if (line.startsWith("FATAL ERROR:") || line.contains("] FATAL ERROR:")) {
                    fatal.add(line.substring(line.indexOf("FATAL ERROR:") + 12).trim());
                } else if (line.startsWith("Warning:") || line.startsWith("WARNING:")) {
                    warnings.add(line.substring(8).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NamdLog(columns, rows, wall, cpu, mem, fatal, warnings,
                new NamdLog.Speed(timestep, benchStep, benchDaysPerNs, timingStep, wallPerStep, hoursLeft));
    }
}
