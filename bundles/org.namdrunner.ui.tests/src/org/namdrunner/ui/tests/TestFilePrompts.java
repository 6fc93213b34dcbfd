package org.namdrunner.ui.tests;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import org.eclipse.swt.widgets.Shell;
import org.namdrunner.ui.internal.FilePrompts;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * Answers the workbench's file and folder questions in a UI test (native dialogs cannot be driven): a
 * {@link FilePrompts} service ranked above the product's native dialogs from {@link #register()} until {@link #close()}.
 * A question asked while no answer is set fails instead of opening a native dialog that would hang the test.
 */
public final class TestFilePrompts implements FilePrompts, AutoCloseable {

    private final List<Request> asked = new CopyOnWriteArrayList<>();
    private final ServiceRegistration<FilePrompts> registration;
    private volatile BiFunction<Shell, Request, Path> answer;

    private TestFilePrompts() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        registration = FrameworkUtil.getBundle(FilePrompts.class).getBundleContext()
                .registerService(FilePrompts.class, this, properties);
    }

    /** Registers a new one; the workbench asks it until {@link #close()}. */
    public static TestFilePrompts register() {
        return new TestFilePrompts();
    }

    /** Answers the next questions with {@code answer} (null: cancelled). */
    public TestFilePrompts answer(BiFunction<Shell, Request, Path> answer) {
        this.answer = answer;
        return this;
    }

    /** Answers the next questions with {@code path}. */
    public TestFilePrompts answer(Path path) {
        return answer((shell, request) -> path);
    }

    /** The questions asked so far. */
    public List<Request> asked() {
        return List.copyOf(asked);
    }

    @Override
    public Path ask(Shell shell, Request request) {
        asked.add(request);
        BiFunction<Shell, Request, Path> a = answer;
        if (a == null) {
            throw new AssertionError("A file question the test did not expect: " + request);
        }
        return a.apply(shell, request);
    }

    /** Unregisters it: the native dialogs answer again. */
    @Override
    public void close() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyUnregistered) {
            // closed twice
        }
    }
}
