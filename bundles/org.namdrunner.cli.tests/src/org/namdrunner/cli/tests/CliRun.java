package org.namdrunner.cli.tests;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.namdrunner.cli.NamdCli;

/** Runs the real command line in this process (extension registry of the OSGi runtime) and keeps what it printed. */
final class CliRun {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** The exit status of {@code namdrunner ARGS}; standard output and error of this run only. */
    int run(List<String> args) {
        out.reset();
        err.reset();
        return new NamdCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
