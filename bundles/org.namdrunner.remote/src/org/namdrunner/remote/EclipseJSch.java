package org.namdrunner.remote;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jsch.core.IJSchService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.Session;

/**
 * Access to {@code org.eclipse.jsch.core}'s {@link IJSchService} when running in OSGi: cancellable connects
 * (the service's socket factory watches the IProgressMonitor) and the workbench's network proxy settings
 * (org.eclipse.core.net). Outside OSGi (benchmark main, plain JUnit) everything falls back to plain JSch.
 */
final class EclipseJSch {
    private EclipseJSch() {
    }

    static IJSchService service() {
        try {
            Bundle b = FrameworkUtil.getBundle(EclipseJSch.class);
            if (b == null) {
                return null;
            }
            BundleContext ctx = b.getBundleContext();
            if (ctx == null) {
                return null;
            }
            // Loading the interface activates the lazily started org.eclipse.jsch.core, which registers it.
            ServiceReference<IJSchService> ref = ctx.getServiceReference(IJSchService.class);
            if (ref == null) {
                Bundle core = FrameworkUtil.getBundle(IJSchService.class);
                if (core != null && (core.getState() & (Bundle.RESOLVED | Bundle.STARTING)) != 0) {
                    core.start(Bundle.START_TRANSIENT);
                    ref = ctx.getServiceReference(IJSchService.class);
                }
            }
            if (ref == null) {
                return null;
            }
            return ctx.getService(ref);
        } catch (LinkageError | RuntimeException | org.osgi.framework.BundleException e) {
            return null;
        }
    }

    /** Connects through the service; false when the service is unavailable (caller connects directly). */
    static boolean connect(Session s, int timeout, IProgressMonitor monitor) throws JSchException {
        IJSchService svc = service();
        if (svc == null) {
            return false;
        }
        svc.connect(s, timeout, monitor);
        return true;
    }

    /** The HTTP/SOCKS proxy configured in the workbench for {@code host}, or null. */
    static Proxy proxyFor(String host) {
        IJSchService svc = service();
        if (svc == null) {
            return null;
        }
        try {
            Proxy p = svc.getProxyForHost(host, "SOCKS");
            if (p == null) {
                p = svc.getProxyForHost(host, "HTTPS");
            }
            return p;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
