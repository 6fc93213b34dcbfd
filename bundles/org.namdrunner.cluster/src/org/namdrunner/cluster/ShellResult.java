package org.namdrunner.cluster;

/** Outcome of one remote (or local) shell command. */
public record ShellResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    /** The first non-empty line of stderr (else stdout), at most 300 characters, for messages. */
    public String firstErrorLine() {
        String src = stderr == null || stderr.isBlank() ? (stdout == null ? "" : stdout) : stderr;
        for (String l : src.split("\n")) {
            if (!l.isBlank()) {
                String t = l.strip();
                return t.length() > 300 ? t.substring(0, 300) + "..." : t;
            }
        }
        return "";
    }
}
