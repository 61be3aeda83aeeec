package com.gstcomms.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * One lazily started server, shared by every test class of the JVM, closed by a JVM shutdown hook.
 *
 * <p>A failed start is not cached: the next caller tries again and gets the real cause, rather than
 * the {@code NoClassDefFoundError} that a failed static initialiser would leave behind.
 */
final class OnePerJvm<T extends AutoCloseable> {

    private static final Deque<AutoCloseable> STARTED = new ArrayDeque<>();
    private static boolean hookInstalled;

    private final String name;
    private final Supplier<T> starter;
    private volatile T server;

    OnePerJvm(String name, Supplier<T> starter) {
        this.name = name;
        this.starter = starter;
    }

    T get() {
        T current = server;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (server == null) {
                long began = System.nanoTime();
                T started = starter.get();
                registerForShutdown(started);
                server = started;
                StartupLog.started(name, System.nanoTime() - began);
            }
            return server;
        }
    }

    boolean isStarted() {
        return server != null;
    }

    private static synchronized void registerForShutdown(AutoCloseable closeable) {
        STARTED.push(closeable);
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(OnePerJvm::closeAll, "local-servers-shutdown"));
        }
    }

    /** Closes in reverse start order; one server failing to stop must not keep the others running. */
    private static void closeAll() {
        Deque<AutoCloseable> toClose;
        synchronized (OnePerJvm.class) {
            toClose = new ArrayDeque<>(STARTED);
            STARTED.clear();
        }
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Throwable e) {
                System.err.println("[local-servers] could not stop " + closeable + ": " + e);
            }
        }
    }
}
