package org.namdrunner.cli.tests;

import java.lang.management.ManagementFactory;

/**
 * Stands in for the Equinox launcher jar in {@link StartScriptTest}: prints the JVM options and the arguments the
 * start script gave it, one a line ({@code jvm OPTION} / {@code arg ARG}), and exits 0.
 */
public final class FakeLauncher {
    private FakeLauncher() {
    }

    public static void main(String[] args) {
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(a -> System.out.println("jvm " + a));
        for (String a : args) {
            System.out.println("arg " + a);
        }
    }
}
