package com.gstcomms.runtime.work;

import com.gstcomms.runtime.data.BulkOperation;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false)
class BulkProgressTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    @Inject
    BulkProgress progress;

    private long shopId;
    private long opId;

    @BeforeEach
    void operationOfThreeThousandRows() {
        Shop shop = new Shop();
        shop.shopDomain = "bulk-" + UUID.randomUUID() + ".myshopify.com";
        inTransaction(shop::persist);
        shopId = shop.id;
        BulkOperation op = new BulkOperation();
        op.shopId = shopId;
        op.type = "IMPORT_CUSTOMERS";
        op.total = 3000;
        inTransaction(op::persist);
        opId = op.id;
    }

    private BulkOperation op() {
        return inTransaction(() -> BulkOperation.<BulkOperation>findById(opId));
    }

    @Test
    void aUnitDeliveredTwiceMovesTheCountersOnce() {
        assertThat(inTransaction(() -> progress.claim(shopId, opId, 1, LEASE))).isTrue();
        assertThat(inTransaction(() -> progress.complete(shopId, opId, 1, 990, 10))).contains("RUNNING");

        assertThat(inTransaction(() -> progress.claim(shopId, opId, 1, LEASE))).isFalse();
        assertThat(inTransaction(() -> progress.complete(shopId, opId, 1, 990, 10))).isEmpty();

        BulkOperation op = op();
        assertThat(op.processed).isEqualTo(1000);
        assertThat(op.succeeded).isEqualTo(990);
        assertThat(op.failed).isEqualTo(10);
        assertThat(op.status).isEqualTo(BulkOperation.Status.RUNNING);
        assertThat(op.percent()).isEqualTo(33);
    }

    @Test
    void aUnitHeldByALiveWorkerCannotBeClaimedByAnother() {
        assertThat(inTransaction(() -> progress.claim(shopId, opId, 2, LEASE))).isTrue();
        assertThat(inTransaction(() -> progress.claim(shopId, opId, 2, LEASE))).isFalse();
    }

    @Test
    void aReleasedUnitCanBeClaimedAgain() {
        inTransaction(() -> progress.claim(shopId, opId, 3, LEASE));
        assertThat(inTransaction(() -> progress.release(shopId, opId, 3))).isTrue();
        assertThat(inTransaction(() -> progress.claim(shopId, opId, 3, LEASE))).isTrue();
    }

    @Test
    void theLastUnitFinishesTheOperation() {
        for (int unit = 1; unit <= 3; unit++) {
            final int u = unit;
            inTransaction(() -> progress.claim(shopId, opId, u, LEASE));
            var status = inTransaction(() -> progress.complete(shopId, opId, u, u == 2 ? 999 : 1000, u == 2 ? 1 : 0));
            assertThat(status).contains(u < 3 ? "RUNNING" : "COMPLETED_WITH_ERRORS");
        }
        BulkOperation op = op();
        assertThat(op.processed).isEqualTo(3000);
        assertThat(op.percent()).isEqualTo(100);
        assertThat(op.finishedAt).isNotNull();
    }

    @Test
    void anOperationInWhichNothingSucceededEndsFailedAndOneWithoutFailuresCompleted() {
        for (int unit = 1; unit <= 3; unit++) {
            final int u = unit;
            inTransaction(() -> progress.claim(shopId, opId, u, LEASE));
            var status = inTransaction(() -> progress.complete(shopId, opId, u, 0, 1000));
            assertThat(status).contains(u < 3 ? "RUNNING" : "FAILED");
        }
        assertThat(op().status).isEqualTo(BulkOperation.Status.FAILED);
        assertThat(op().failed).isEqualTo(3000);
    }

    @Test
    void anOperationWithoutFailuresEndsCompleted() {
        for (int unit = 1; unit <= 3; unit++) {
            final int u = unit;
            inTransaction(() -> progress.claim(shopId, opId, u, LEASE));
            assertThat(inTransaction(() -> progress.complete(shopId, opId, u, 1000, 0)))
                    .contains(u < 3 ? "RUNNING" : "COMPLETED");
        }
    }

    @Test
    void anotherShopCannotClaimOrCompleteTheOperationsUnits() {
        assertThat(inTransaction(() -> progress.claim(shopId + 1, opId, 1, LEASE))).isFalse();
        inTransaction(() -> progress.claim(shopId, opId, 1, LEASE));
        assertThat(inTransaction(() -> progress.complete(shopId + 1, opId, 1, 5, 0))).isEmpty();
        assertThat(op().processed).isZero();
    }
}
