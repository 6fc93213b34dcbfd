package org.namdrunner.packaging;

import java.util.Set;

/**
 * Main class of the native launcher that scripts/package-linux builds with jpackage ({@code bin/namdrunner}).
 * jpackage has no start script in which to choose between the workbench and the command line, so this class
 * applies the rule the start scripts of the archives use: the workbench starts when there are no arguments or
 * the first one is an Eclipse option of {@link #GUI_OPTIONS}; anything else ({@code validate x.namd},
 * {@code --help}, ...) runs the headless application {@code org.namdrunner.cli.app} without a workspace, splash
 * screen or display. Either way the Equinox launcher runs in this JVM and exits with the application's status.
 * Compiled by scripts/package-linux against the product's Equinox launcher jar (not part of the Maven build).
 */
public final class PackagedLauncher {

    /**
     * First arguments that mean "start the workbench" (the same list as the start scripts), lower case: Eclipse reads
     * its options in any case ({@code -nosplash}, {@code -noSplash}), so they are compared in lower case.
     */
    static final Set<String> GUI_OPTIONS = Set.of("-data", "-clearpersistedstate", "-clean", "-consolelog", "-debug",
            "-console", "-nl", "-vmargs", "-vm", "-nosplash", "-showlocation", "-application", "-perspective", "-product");

    static final String[] CLI_PREFIX = { "-data", "@none", "-nosplash", "-application", "org.namdrunner.cli.app" };

    private PackagedLauncher() {
    }

    public static void main(String[] args) {
        String[] eclipseArgs = args;
        if (args.length > 0 && !GUI_OPTIONS.contains(args[0].toLowerCase(java.util.Locale.ROOT))) {
            System.setProperty("java.awt.headless", "true");
            eclipseArgs = new String[CLI_PREFIX.length + args.length];
            System.arraycopy(CLI_PREFIX, 0, eclipseArgs, 0, CLI_PREFIX.length);
            System.arraycopy(args, 0, eclipseArgs, CLI_PREFIX.length, args.length);
        }
        org.eclipse.equinox.launcher.Main.main(eclipseArgs);
    }
}
