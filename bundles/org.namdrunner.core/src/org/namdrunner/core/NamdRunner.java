package org.namdrunner.core;

/** Identifiers shared by all NAMDRunner bundles. */
public final class NamdRunner {
    /** Product name shown to users. */
    public static final String PRODUCT_NAME = "NAMDRunner";
    /** Common prefix of bundle, extension point and preference ids. */
    public static final String ID_PREFIX = "org.namdrunner";

    private NamdRunner() {
    }
}
