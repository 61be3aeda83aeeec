package com.gstcomms.runtime.work;

import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.gstcomms.runtime.work.NativeSql.rows;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inSessionLater;
import static org.assertj.core.api.Assertions.assertThat;

/** The session helpers as a request's blocking resource method uses them: on a worker thread of a request's context. */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false)
class TransactionsTest {

    @Inject
    Vertx vertx;

    @Test
    void housekeepingLeftRunningHasASessionOfItsOwn() throws Exception {
        // A request runs on a duplicated context; sharing it, the sweep would share (and close) the
        // session of the request's next statements.
        Context request = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        CountDownLatch swept = new CountDownLatch(1);
        List<Object[]> answer = request.executeBlocking(() -> {
            inSessionLater(() -> rows("select 1 from pg_sleep(0.5)").invoke(swept::countDown));
            Thread.sleep(150);   // the sweep's session is open and busy
            return inSession(() -> rows("select cast(?1 as bigint)", 7L).chain(first -> rows("select cast(?1 as bigint)", 7L)));
        }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(answer).singleElement().satisfies(row -> assertThat(row[0]).isEqualTo(7L));
        assertThat(swept.await(10, TimeUnit.SECONDS)).as("the sweep ran").isTrue();
    }
}
