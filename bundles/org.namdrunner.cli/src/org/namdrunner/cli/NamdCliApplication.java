package org.namdrunner.cli;

import java.util.Arrays;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/** Equinox application {@code org.namdrunner.cli.app}; the exit status of {@link NamdCli#run} becomes the process exit code. */
public class NamdCliApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        Object raw = context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        String[] args = raw instanceof String[] a ? a : new String[0];
        context.applicationRunning();
        quietLogging();
        int status = new NamdCli(System.out, System.err).run(Arrays.asList(args));
        System.out.flush();
        System.err.flush();
        return Integer.valueOf(status);
    }

    /** Xtext logs through log4j 1.2; the command line prints its own findings, so log only fatal problems to stderr. */
    private static void quietLogging() {
        org.apache.log4j.Logger root = org.apache.log4j.Logger.getRootLogger();
        if (!root.getAllAppenders().hasMoreElements()) {
            root.addAppender(new org.apache.log4j.ConsoleAppender(new org.apache.log4j.SimpleLayout(), "System.err"));
        }
        root.setLevel(org.apache.log4j.Level.FATAL);
    }

    @Override
    public void stop() {
        // runs to completion
    }
}
