package com.gstcomms.runtime.work;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Runs reactive database work from a blocking caller (a Lambda handler's thread, a test). The Lambda
 * thread has no Vert.x context, so {@code Panache.withTransaction} cannot run there directly
 * (docs/TRAPS.md "Hibernate Reactive on the Lambda thread"); this gives it one.
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
     *
     * <p>On a new duplicated context, never the caller's: Panache keeps the current session in the context,
     * so work left running on a request's context would share (and close) the session of the request's
     * next {@link #inSession}/{@link #inTransaction} ("Session/EntityManager is closed" under load).
     */
    public static <T> void inSessionLater(Supplier<Uni<T>> work) {
        Context current = Vertx.currentContext();
        if (current == null) {
            // No context on this thread (a Lambda handler): subscribe makes a fresh one.
            VertxContextSupport.<T>subscribe(() -> Panache.withSession(work).toMulti(),
                    subscribe -> subscribe.with(ok -> { }, failure -> { }));
            return;
        }
        Context fresh = VertxContext.createNewDuplicatedContext(current);
        VertxContextSafetyToggle.setContextSafe(fresh, true);
        fresh.runOnContext(ignored -> Panache.withSession(work).subscribe().with(ok -> { }, failure -> { }));
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
