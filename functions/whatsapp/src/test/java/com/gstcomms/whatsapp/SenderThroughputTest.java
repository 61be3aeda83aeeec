package com.gstcomms.whatsapp;

import com.gstcomms.core.message.SendWhatsApp;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.lambda.SqsBatch;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.TwilioStandIn;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static com.gstcomms.whatsapp.TestShop.newContentSid;
import static org.assertj.core.api.Assertions.assertThat;

/** The per-sender cap holds when several workers (Lambda instances) send at once. */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false, initArgs =
        @ResourceArg(name = "only", value = "postgres,sqs,s3,twilio"))
class SenderThroughputTest {

    @Inject
    SenderTokenBucket bucket;

    @Inject
    WhatsAppDelivery delivery;

    @Inject
    ProviderCredentials credentials;

    @Test
    void givesConcurrentTakersDistinctTurnsSpacedOneOverTheRateApart() throws Exception {
        String sender = "whatsapp:+9111" + UUID.randomUUID().toString().hashCode();
        int rate = 10;
        List<Callable<Duration>> takers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            takers.add(() -> inTransaction(() -> bucket.take(TwilioStandIn.ACCOUNT_SID, sender, rate)).orElseThrow());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Duration> waits = new ArrayList<>();
        try {
            for (Future<Duration> wait : pool.invokeAll(takers)) {
                waits.add(wait.get());
            }
        } finally {
            pool.shutdownNow();
        }
        waits.sort(null);

        // 20 turns at 10/s with a burst of 1: the first now, the others 0.1 s apart, none shared.
        assertThat(waits.getFirst()).isEqualTo(Duration.ZERO);
        for (int i = 1; i < waits.size(); i++) {
            assertThat(waits.get(i).minus(waits.get(i - 1)).toMillis()).as("gap before turn %d", i)
                    .isBetween(60L, 100L);
        }
        assertThat(waits.getLast().toMillis()).isBetween(1_500L, 1_900L);
    }

    @Test
    void takesNoTurnFurtherAwayThanTheLongestWait() {
        String sender = "whatsapp:+9122" + UUID.randomUUID().toString().hashCode();
        // 1 message/s and at most 5 s of waiting: the 7th taker in a row would wait about 6 s.
        List<Optional<Duration>> turns = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            turns.add(inTransaction(() -> bucket.take(TwilioStandIn.ACCOUNT_SID, sender, 1)));
        }
        assertThat(turns.subList(0, 6)).allSatisfy(turn -> assertThat(turn).isPresent());
        assertThat(turns.get(5).orElseThrow().toMillis()).isBetween(4_500L, 5_000L);
        assertThat(turns.subList(6, 8)).allSatisfy(turn -> assertThat(turn).isEmpty());
    }

    @Test
    void turnsABalanceIntoAWait() {
        assertThat(SenderTokenBucket.waitFor(new BigDecimal("0.250000"), 80)).isEqualTo(Duration.ZERO);
        assertThat(SenderTokenBucket.waitFor(new BigDecimal("-1.000000"), 80)).isEqualTo(Duration.ofMillis(12).plusNanos(500_000));
        assertThat(SenderTokenBucket.waitFor(new BigDecimal("-8.000000"), 80)).isEqualTo(Duration.ofMillis(100));
    }

    /**
     * What the queue does with a message whose handler answers RetryLater (a worker held up past its turns
     * gives the message back, its claim released): it comes again, here after 100 ms, up to 5 receives.
     */
    private Void deliverAsSqsWould(Notification n) throws InterruptedException {
        String messageId = UUID.randomUUID().toString();
        for (int receive = 1; ; receive++) {
            try {
                delivery.deliver(new SendWhatsApp(n.shopId, n.id, null), new SqsBatch.Delivery(messageId, receive, null));
                return null;
            } catch (com.gstcomms.runtime.lambda.RetryLater later) {
                if (receive == 5) {
                    throw later;
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void holdsTheSendersCapAcrossConcurrentWorkers() throws Exception {
        TwilioStandIn twilio = LocalServers.twilio();
        TestShop shop = TestShop.create();
        int cap = 20;
        String accountSid = shop.withOwnTwilioAccount(twilio, credentials, TestShop.newMobileNumber(), cap)
                .accountSid();
        shop.template("CAMPAIGN", newContentSid(), null);
        List<Notification> notifications = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Customer c = shop.customer(null);
            notifications.add(shop.notification(c, "CAMPAIGN", "{}"));
        }

        ExecutorService workers = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Notification n : notifications) {
                done.add(workers.submit(() -> deliverAsSqsWould(n)));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }

        List<Instant> times = twilio.sent().stream().filter(m -> m.accountSid().equals(accountSid))
                .map(TwilioStandIn.Message::createdAt).sorted().toList();
        assertThat(times).hasSize(60);
        assertThat(PeakRate.perSecond(times)).as("most messages in any one-second window").isLessThanOrEqualTo(cap + 1);
        assertThat(Duration.between(times.getFirst(), times.getLast()).toMillis()).isGreaterThanOrEqualTo(2_800L);
        assertThat(inTransaction(() -> Notification.count("shopId = ?1 and status = ?2", shop.id(),
                NotificationStatus.SENT))).isEqualTo(60);
    }
}
