package com.gstcomms.runtime.work;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import java.util.function.Supplier;

/**
 * Runs reactive database work from a blocking caller (a Lambda handler's thread, a test). The Lambda
 * thread has no Vert.x context, so {@code Panache.withTransaction} cannot run there directly
 * (STACK.md); this gives it one.
 */
public final class Transactions {
    private Transactions() {
    }

    /** Runs {@code work} in one transaction and waits for it; rethrows its failure unchanged. */
    public static <T> T inTransaction(Supplier<Uni<T>> work) {
        return await(() -> Panache.withTransaction(work));
    }

    /** Runs {@code work} in a session without an explicit transaction and waits for it. */
    public static <T> T inSession(Supplier<Uni<T>> work) {
        return await(() -> Panache.withSession(work));
    }

    /**
     * Starts {@code work} in a session of its own and returns at once, dropping its outcome: housekeeping
     * (sweeping old rows) that must not add to a request's latency nor fail it.
     */
    public static <T> void inSessionLater(Supplier<Uni<T>> work) {
        VertxContextSupport.<T>subscribe(() -> Panache.withSession(work).toMulti(),
                subscribe -> subscribe.with(ok -> { }, failure -> { }));
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
