package org.namdrunner.cluster;

import java.util.Locale;

/**
 * A request with every default applied and checked against the partition: what the job script asks Slurm for.
 *
 * @param partition       partition name (null only when the profile knows no partitions)
 * @param qos             QoS or null
 * @param account         account or null
 * @param cores           total tasks
 * @param nodes           nodes
 * @param memoryMb        memory per node in MB, or null (Slurm default)
 * @param wallTimeMinutes wall time in minutes, or null (partition default)
 * @param gpus            GPUs per node (0: none)
 * @param gpuType         GPU type, or null for any
 */
public record Resources(String partition, String qos, String account, int cores, int nodes, Long memoryMb,
        Integer wallTimeMinutes, int gpus, String gpuType) {

    /** Resources without GPUs. */
    public Resources(String partition, String qos, String account, int cores, int nodes, Long memoryMb,
            Integer wallTimeMinutes) {
        this(partition, qos, account, cores, nodes, memoryMb, wallTimeMinutes, 0, null);
    }

    /** Slurm's {@code --time} form {@code D-HH:MM:SS}, or null. */
    public String slurmTime() {
        return wallTimeMinutes == null ? null : formatMinutes(wallTimeMinutes);
    }

    /** Slurm's {@code --mem} form with a unit: whole gigabytes as {@code 64GB}, else megabytes {@code 1500MB}. */
    public String slurmMemory() {
        if (memoryMb == null) {
            return null;
        }
        return memoryMb % 1024 == 0 && memoryMb > 0 ? (memoryMb / 1024) + "GB" : memoryMb + "MB";
    }

    /** Cores per node (tasks per node), rounded up. */
    public int coresPerNode() {
        return (cores + nodes - 1) / nodes;
    }

    public static String formatMinutes(int minutes) {
        int d = minutes / (24 * 60);
        int h = (minutes / 60) % 24;
        int m = minutes % 60;
        return String.format(Locale.ROOT, "%d-%02d:%02d:00", d, h, m);
    }

    /** Human form for messages: {@code 2 h 30 min}, {@code 3 days 4 h}. */
    public static String humanMinutes(int minutes) {
        int d = minutes / (24 * 60);
        int h = (minutes / 60) % 24;
        int m = minutes % 60;
        StringBuilder sb = new StringBuilder();
        if (d > 0) {
            sb.append(d).append(d == 1 ? " day" : " days");
        }
        if (h > 0) {
            sb.append(sb.isEmpty() ? "" : " ").append(h).append(" h");
        }
        if (m > 0 || sb.isEmpty()) {
            sb.append(sb.isEmpty() ? "" : " ").append(m).append(" min");
        }
        return sb.toString();
    }

    /** Human form of a memory size in MB: {@code 64 GB}, {@code 1500 MB}. */
    public static String humanMemory(long mb) {
        return mb % 1024 == 0 && mb > 0 ? (mb / 1024) + " GB" : mb + " MB";
    }

    /**
     * Parses Slurm time limits: {@code MM}, {@code MM:SS}, {@code HH:MM:SS}, {@code D-HH}, {@code D-HH:MM},
     * {@code D-HH:MM:SS}; {@code UNLIMITED}/{@code INFINITE} give null. Seconds round up to a minute.
     */
    public static Integer parseSlurmTime(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("UNLIMITED") || t.equalsIgnoreCase("INFINITE")
                || t.equalsIgnoreCase("NONE") || t.equalsIgnoreCase("N/A")) {
            return null;
        }
        int days = 0;
        int dash = t.indexOf('-');
        String rest = t;
        boolean hadDays = dash > 0;
        if (hadDays) {
            days = Integer.parseInt(t.substring(0, dash));
            rest = t.substring(dash + 1);
        }
        String[] p = rest.split(":");
        long seconds;
        if (hadDays) {
            int h = Integer.parseInt(p[0]);
            int m = p.length > 1 ? Integer.parseInt(p[1]) : 0;
            int sec = p.length > 2 ? Integer.parseInt(p[2]) : 0;
            seconds = ((days * 24L + h) * 60 + m) * 60 + sec;
        } else if (p.length == 1) {
            seconds = Long.parseLong(p[0]) * 60;
        } else if (p.length == 2) {
            seconds = Long.parseLong(p[0]) * 60 + Long.parseLong(p[1]);
        } else {
            seconds = (Long.parseLong(p[0]) * 60 + Long.parseLong(p[1])) * 60 + Long.parseLong(p[2]);
        }
        return (int) ((seconds + 59) / 60);
    }

    /**
     * Parses a memory size as users write it: {@code 64GB}, {@code 64G}, {@code 500M}, {@code 2T}, a plain
     * number in MB. Returns MB.
     */
    public static long parseMemoryMb(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        long factor = 1;
        if (t.endsWith("K")) {
            return Math.max(1, Long.parseLong(t.substring(0, t.length() - 1)) / 1024);
        } else if (t.endsWith("M")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("G")) {
            factor = 1024;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("T")) {
            factor = 1024L * 1024;
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * factor;
    }
}
