package org.namdrunner.ui.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.namdrunner.core.model.Job;

/** How the Jobs view and the job editor print job fields. */
public final class JobFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private JobFormat() {
    }

    public static String time(Instant t) {
        return t == null ? "" : TIME.format(t.atZone(ZoneId.systemDefault()));
    }

    /** Wall time as H:MM (hours may exceed 24, as Slurm accepts). */
    public static String wallTime(Integer minutes) {
        if (minutes == null) {
            return "";
        }
        return String.format("%d:%02d", minutes / 60, minutes % 60);
    }

    /** Run time so far (running) or in total (ended); empty before the job started. */
    public static String elapsed(Job j, Instant now) {
        Duration d = elapsedDuration(j, now);
        return d == null ? "" : duration(d);
    }

    public static Duration elapsedDuration(Job j, Instant now) {
        if (j.startedAt() == null) {
            return null;
        }
        Instant end = j.endedAt() != null ? j.endedAt() : (j.state().isTerminal() ? null : now);
        if (end == null || end.isBefore(j.startedAt())) {
            return null;
        }
        return Duration.between(j.startedAt(), end);
    }

    /** [d ]HH:MM:SS */
    public static String duration(Duration d) {
        long s = d.getSeconds();
        long days = s / 86_400;
        String hms = String.format("%02d:%02d:%02d", (s / 3600) % 24, (s / 60) % 60, s % 60);
        return days > 0 ? days + "d " + hms : hms;
    }

    public static String orEmpty(Object o) {
        return o == null ? "" : o.toString();
    }

    /** "1 job", "2 jobs", "1,000 jobs": a count with its noun, singular for one (nouns taking an "s"). */
    public static String count(long n, String noun) {
        return String.format(java.util.Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun + "s");
    }
}
