package com.gstcomms.whatsapp;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.TwilioStandIn;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static com.gstcomms.whatsapp.TestShop.newContentSid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load test (only with -Pbench): 2,000 WhatsApp commands through the bulk queue, drained by
 * {@value #INSTANCES} concurrent "Lambda instances" (each polling up to 10 messages and invoking the
 * handler, as the event source mapping does with SQS maximum concurrency {@value #INSTANCES}), one
 * platform sender capped at gstcomms.whatsapp.messages-per-second. Prints the peak per-second rate the
 * Twilio stand-in saw beside the cap, and a baseline measured in the same run: the same machinery with
 * a practically unlimited sender, to show the cap (not the machine) is what holds the rate down.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false, initArgs =
        @ResourceArg(name = "only", value = "postgres,sqs,s3,twilio"))
class WhatsAppRateCapBench {

    static final int MESSAGES = 2_000;
    static final int BASELINE_MESSAGES = 600;
    static final int WARM_UP_MESSAGES = 300;
    static final int INSTANCES = 10;

    @Inject
    WhatsAppQueueHandler handler;

    @Inject
    SqsClient sqs;

    @Inject
    ProviderCredentials credentials;

    @ConfigProperty(name = "gstcomms.queues.whatsapp-bulk")
    String bulkQueue;

    @Inject
    WhatsAppConfig config;

    TwilioStandIn twilio = LocalServers.twilio();

    @Test
    void burstOfTwoThousandStaysUnderTheSendersCap() throws Exception {
        int cap = config.messagesPerSecond();
        twilio.reset();
        QueuePoller queue = new QueuePoller(sqs, bulkQueue, LocalServers.sqs().queueArn(bulkQueue));

        // A sender allowed 100,000 messages/s: first to warm the JVM up (discarded), last as the baseline.
        TestShop unlimited = TestShop.create();
        TestShop.TwilioAccount account = unlimited.withOwnTwilioAccount(twilio, credentials, "+912240009999", 100_000);
        String accountSid = account.accountSid();
        drain(queue, unlimited, WARM_UP_MESSAGES, 600_000_000L, accountSid);
        twilio.reset();

        // The burst under the cap, through the platform sender.
        TestShop shop = TestShop.create();
        Run capped = drain(queue, shop, MESSAGES, 800_000_000L, TwilioStandIn.ACCOUNT_SID);

        TestShop baselineShop = TestShop.create();
        baselineShop.saveTwilioSettings(credentials, accountSid, account.authToken(), "+912240009998", 100_000);
        Run baseline = drain(queue, baselineShop, BASELINE_MESSAGES, 700_000_000L, accountSid);

        double ratio = capped.peak() / (double) cap;
        System.out.printf("""

                ==== WhatsApp sender cap, %d messages through the bulk queue, %d concurrent instances ====
                cap (gstcomms.whatsapp.messages-per-second)   %6d msg/s
                peak in any 1-s window at the Twilio stand-in %6d msg/s   = %.3f x cap  (limit 1.050)
                peak in a calendar second                     %6d msg/s   = %.3f x cap
                mean over the burst                           %8.1f msg/s = %.3f x cap
                burst took %.1f s; all SENT: %s; sent to Twilio: %d
                baseline, same path, sender uncapped: peak %d msg/s, mean %.1f msg/s = %.2f x cap (%d messages)
                =====================================================================================

                """, MESSAGES, INSTANCES, cap, capped.peak(), ratio, capped.calendarPeak(),
                capped.calendarPeak() / (double) cap, capped.mean(), capped.mean() / cap, capped.seconds(),
                capped.allSent(), capped.sent(), baseline.peak(), baseline.mean(), baseline.mean() / cap,
                BASELINE_MESSAGES);

        assertThat(capped.sent()).as("each message sent once").isEqualTo(MESSAGES);
        assertThat(capped.allSent()).isTrue();
        assertThat(baseline.mean()).as("uncapped baseline: this machine must outrun the cap, or the cap was not "
                + "tested (too busy? run again when it is quieter)").isGreaterThan(cap * 1.2);
        assertThat(ratio).as("peak per-second rate over the cap").isLessThanOrEqualTo(1.05);
    }

    record Run(int sent, int peak, int calendarPeak, double mean, double seconds, boolean allSent) {
    }

    private Run drain(QueuePoller queue, TestShop shop, int count, long firstNumber, String accountSid)
            throws Exception {
        List<Notification> notifications = notifications(shop, count, firstNumber);
        queue.send(notifications);
        ExecutorService instances = Executors.newFixedThreadPool(INSTANCES);
        AtomicBoolean done = new AtomicBoolean();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                running.add(instances.submit(() -> {
                    // Poll until every notification of the run is final (a retried one comes back later).
                    while (!done.get()) {
                        if (queue.pollOnce(this::invokeDirectly, 1) == 0 && finished(shop) >= count) {
                            done.set(true);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            instances.shutdownNow();
        }
        List<Instant> times = twilio.sent().stream().filter(m -> m.accountSid().equals(accountSid))
                .map(TwilioStandIn.Message::createdAt).sorted().toList();
        long sentRows = inTransaction(() -> Notification.count("shopId = ?1 and status = ?2", shop.id(),
                NotificationStatus.SENT));
        double seconds = Duration.between(times.getFirst(), times.getLast()).toNanos() / 1e9;
        return new Run(times.size(), PeakRate.perSecond(times), calendarPeak(times),
                (times.size() - 1) / seconds, seconds, sentRows == count);
    }

    /** Each SQS-poller thread is one Lambda instance: it calls the handler itself, one batch at a time. */
    private List<String> invokeDirectly(List<LambdaInvocations.Record> records, List<String> handles) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            LambdaInvocations.Record r = records.get(i);
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(r.messageId());
            m.setReceiptHandle(handles.get(i));
            m.setBody(r.body());
            m.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(r.receiveCount())));
            m.setEventSource("aws:sqs");
            m.setEventSourceArn(r.queueArn());
            m.setAwsRegion("ap-south-1");
            messages.add(m);
        }
        event.setRecords(messages);
        SQSBatchResponse response = handler.handleRequest(event, null);
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    private static List<Notification> notifications(TestShop shop, int count, long firstNumber) {
        shop.template("CAMPAIGN", newContentSid(), null, "customerName");
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Customer c = new Customer();
            c.shopId = shop.id();
            c.firstName = "Customer";
            c.lastName = Integer.toString(i);
            c.phone = "+919" + (firstNumber + i);
            c.whatsappOptIn = true;
            c.whatsappOptInAt = OffsetDateTime.now().minusDays(1);
            customers.add(c);
        }
        inTransaction(() -> Customer.persist(customers));
        List<Notification> notifications = new ArrayList<>();
        for (Customer c : customers) {
            Notification n = new Notification();
            n.shopId = shop.id();
            n.customerId = c.id;
            n.channel = com.gstcomms.core.message.Channel.WHATSAPP;
            n.kind = "CAMPAIGN";
            n.recipient = c.phone;
            n.bulk = true;
            n.idempotencyKey = UUID.randomUUID().toString();
            n.queuedAt = OffsetDateTime.now();
            notifications.add(n);
        }
        inTransaction(() -> Notification.persist(notifications));
        return notifications;
    }

    private static long finished(TestShop shop) {
        return inTransaction(() -> Notification.count("shopId = ?1 and status not in ?2", shop.id(),
                List.of(NotificationStatus.QUEUED, NotificationStatus.SENDING)));
    }

    private static int calendarPeak(List<Instant> times) {
        Map<Long, Integer> perSecond = new HashMap<>();
        times.forEach(t -> perSecond.merge(t.getEpochSecond(), 1, Integer::sum));
        return perSecond.values().stream().max(Integer::compare).orElse(0);
    }
}
