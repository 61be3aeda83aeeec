package com.gstcomms.runtime.work;

import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false)
class NotificationClaimsTest {

    private static final Duration LEASE = Duration.ofMinutes(2);

    @Inject
    NotificationClaims claims;

    private long shopId;
    private long notificationId;

    @BeforeEach
    void queuedNotification() {
        Shop shop = new Shop();
        shop.shopDomain = "claims-" + UUID.randomUUID() + ".myshopify.com";
        inTransaction(shop::persist);
        shopId = shop.id;
        Notification n = new Notification();
        n.shopId = shopId;
        n.channel = Channel.EMAIL;
        n.kind = "INVOICE_DELIVERY";
        n.recipient = "asha@example.in";
        n.idempotencyKey = UUID.randomUUID().toString();
        inTransaction(n::persist);
        notificationId = n.id;
    }

    private Optional<Notification> claim() {
        return inTransaction(() -> claims.claim(shopId, notificationId, LEASE));
    }

    private Notification reload() {
        return inTransaction(() -> Notification.<Notification>findById(notificationId));
    }

    @Test
    void theFirstClaimGetsTheRowAndARedeliveredCommandGetsNothing() {
        Optional<Notification> first = claim();
        assertThat(first).hasValueSatisfying(n -> {
            assertThat(n.status).isEqualTo(NotificationStatus.SENDING);
            assertThat(n.attempts).isEqualTo(1);
            assertThat(n.recipient).isEqualTo("asha@example.in");
        });
        assertThat(claim()).isEmpty();
    }

    @Test
    void aSentNotificationIsNeverClaimedAgain() {
        claim();
        assertThat(inTransaction(() -> claims.markSent(shopId, notificationId, "SENDGRID", "msg-1"))).isTrue();
        assertThat(claim()).isEmpty();
        Notification n = reload();
        assertThat(n.status).isEqualTo(NotificationStatus.SENT);
        assertThat(n.providerMessageId).isEqualTo("msg-1");
        assertThat(n.sentAt).isNotNull();
        assertThat(n.leaseUntil).isNull();
    }

    @Test
    void aRowWhoseWorkerDiedCanBeClaimedOnceTheLeaseRunsOut() {
        claim();
        inTransaction(() -> Notification.update("leaseUntil = current_timestamp - 1 minute where id = ?1", notificationId));
        assertThat(claim()).hasValueSatisfying(n -> assertThat(n.attempts).isEqualTo(2));
    }

    @Test
    void anotherShopCannotClaimTheRow() {
        assertThat(inTransaction(() -> claims.claim(shopId + 1, notificationId, LEASE))).isEmpty();
        assertThat(reload().status).isEqualTo(NotificationStatus.QUEUED);
    }

    @Test
    void aReleasedRowIsQueuedAgainWithItsError() {
        claim();
        assertThat(inTransaction(() -> claims.release(shopId, notificationId, "429", "rate limited"))).isTrue();
        assertThat(reload().status).isEqualTo(NotificationStatus.QUEUED);
        assertThat(reload().errorCode).isEqualTo("429");
        assertThat(claim()).isPresent();
    }

    @Test
    void aLateWorkerCannotOverwriteAFinishedOutcome() {
        claim();
        inTransaction(() -> claims.markFinal(shopId, notificationId, NotificationStatus.SUPPRESSED, null,
                "UNSUBSCRIBED", "recipient unsubscribed"));
        assertThat(inTransaction(() -> claims.markSent(shopId, notificationId, "SMTP", "late"))).isFalse();
        assertThat(reload().status).isEqualTo(NotificationStatus.SUPPRESSED);
    }

    @Test
    void exactlyOneOfManyWorkersRacingForTheSameRowWinsIt() throws Exception {
        int workers = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<Optional<Notification>>> results = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return claim();
                }));
            }
            start.countDown();
            int winners = 0;
            for (var r : results) {
                winners += r.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(reload().attempts).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
