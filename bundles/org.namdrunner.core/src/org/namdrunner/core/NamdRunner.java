package org.namdrunner.core;

/** Identifiers shared by all NAMDRunner bundles. */
public final class NamdRunner {
    /** Product name shown to users. */
    public static final String PRODUCT_NAME = "NAMDRunner";
    /** Common prefix of bundle, extension point and preference ids. */
    public static final String ID_PREFIX = "org.namdrunner";

    private NamdRunner() {
    }

    /**
     * The user's home directory as the user guide means it: {@code $HOME} when it is set to an absolute path (what a
     * shell's {@code ~} is), else Java's {@code user.home} (read from the password database, which can differ, e.g.
     * under sudo or in containers).
     */
    public static java.nio.file.Path userHome() {
        return userHome(System.getenv("HOME"), System.getProperty("user.home", "."));
    }

    /** The rule of {@link #userHome()} as a pure function (tests). */
    public static java.nio.file.Path userHome(String homeVariable, String userHomeProperty) {
        if (homeVariable != null && !homeVariable.isBlank()) {
            java.nio.file.Path h = java.nio.file.Path.of(homeVariable);
            if (h.isAbsolute()) {
                return h;
            }
        }
        return java.nio.file.Path.of(userHomeProperty);
    }

    /** Where results are downloaded by default: {@code ~/NAMDRunner/results}. */
    public static java.nio.file.Path defaultResultsRoot() {
        return userHome().resolve(PRODUCT_NAME).resolve("results");
    }
}
