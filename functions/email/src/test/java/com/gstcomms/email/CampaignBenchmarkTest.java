package com.gstcomms.email;

import com.gstcomms.runtime.campaign.CampaignFanOut;
import com.gstcomms.runtime.data.Campaign;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.notify.NotificationRequest;
import com.gstcomms.runtime.notify.Notifier;
import com.gstcomms.templates.MessageKinds;
import com.gstcomms.templates.MessageTemplates;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.SendGridStandIn;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not part of the default build ({@code ./mvnw -pl functions/email verify -Pbench}): a 10,000-recipient
 * campaign through the bulk queue to the SendGrid stand-in, end to end (fan-out, SQS, the function,
 * SendGrid, recording, campaign totals), against a baseline measured in the same run: 1,000
 * transactional emails through the transactional queue (one SendGrid request each).
 */
@Tag("bench")
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3,smtp,sendgrid"))
class CampaignBenchmarkTest {

    static final int RECIPIENTS = 10_000;
    static final int BASELINE = 1_000;

    @Inject
    CampaignFanOut fanOut;

    @Inject
    Notifier notifier;

    @ConfigProperty(name = "gstcomms.queues.email")
    String transactionalQueue;

    @ConfigProperty(name = "gstcomms.queues.email-bulk")
    String bulkQueue;

    @Test
    void tenThousandRecipientCampaign() throws Exception {
        SendGridStandIn sendGrid = LocalServers.sendGrid();
        Shop shop = Fixtures.shop();
        inTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into customer (id, shop_id, first_name, last_name, email, email_opt_in, locale, tags)
                select nextval('customer_seq'), :shop, 'Buyer' || g, 'Kumar', 'buyer' || g || '@example.in', true, 'en', '{}'
                  from generate_series(1, :n) g""").setParameter("shop", shop.id).setParameter("n", RECIPIENTS)
                .executeUpdate()));

        // Baseline: transactional mail, one SendGrid request per message (batch size 10, no batching window).
        sendGrid.reset();
        List<Notification> baseline = inTransaction(() -> Multi.createFrom().range(0, BASELINE)
                .onItem().transformToUniAndConcatenate(i -> notifier.create(new NotificationRequest(shop.id, null,
                        Channel.EMAIL, MessageKinds.ORDER_CONFIRMATION, "en", "t" + i + "@example.in", null,
                        MessageTemplates.sampleVariables(MessageKinds.ORDER_CONFIRMATION), List.of(), null, null, null,
                        UUID.randomUUID().toString(), null, false)))
                .map(Notifier.Created::notification).collect().asList());
        long baselineStart = System.nanoTime();
        notifier.enqueue(baseline);
        new EventSourceMapping(transactionalQueue, 10, Duration.ZERO).drain(Duration.ofSeconds(2));
        double baselineSeconds = (System.nanoTime() - baselineStart) / 1e9 - 2.0;   // minus the idle wait
        int baselineRequests = sendGrid.sent().size();
        double baselineRate = BASELINE / baselineSeconds;

        // The campaign: fan-out (as the API or scheduler runs it) while the bulk queue's event source
        // (batch size 1000, batching window 2 s, as template.yaml should declare) feeds the function.
        sendGrid.reset();
        Campaign campaign = new Campaign();
        campaign.shopId = shop.id;
        campaign.name = "Benchmark";
        campaign.channel = "EMAIL";
        campaign.audience = "{\"type\":\"ALL\"}";
        campaign.variables = "{\"subject\":\"Diwali sale\",\"message\":\"20% off all sarees until Sunday\"}";
        inTransaction(campaign::persist);
        EventSourceMapping bulk = new EventSourceMapping(bulkQueue, 1000, Duration.ofSeconds(2));

        long start = System.nanoTime();
        long[] fanOutDone = new long[1];
        CompletableFuture<CampaignFanOut.Result> fannedOut = CompletableFuture.supplyAsync(() -> {
            CampaignFanOut.Result result = fanOut.run(shop.id, campaign.id, Integer.MAX_VALUE);
            fanOutDone[0] = System.nanoTime();
            return result;
        });
        long deadline = start + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            bulk.pollOnce();
            if (fannedOut.isDone() && status(campaign.id) == Campaign.Status.COMPLETED) {
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int requests = sendGrid.sent().size();
        int recipients = sendGrid.sent().stream().mapToInt(m -> m.toEmails().size()).sum();
        double rate = RECIPIENTS / seconds;

        System.out.printf(Locale.ROOT, """

                ==== email campaign benchmark (this machine, %d cores) ====
                baseline  %,6d transactional emails: %6.2f s, %8.1f messages/s, %,6d SendGrid requests
                campaign  %,6d recipients:           %6.2f s, %8.1f messages/s, %,6d SendGrid requests, %d function invocations
                          (fan-out alone, running beside the function: %.2f s)
                ratio     campaign/baseline messages/s: %.1fx; requests per 1,000 recipients: %.1f (baseline %.0f)
                targets   <= 30 s end to end: %s; <= 12 SendGrid requests: %s
                ===========================================================
                %n""", Runtime.getRuntime().availableProcessors(),
                BASELINE, baselineSeconds, baselineRate, baselineRequests,
                RECIPIENTS, seconds, rate, requests, bulk.invocations(), (fanOutDone[0] - start) / 1e9,
                rate / baselineRate, requests * 1000.0 / RECIPIENTS, baselineRequests * 1000.0 / BASELINE,
                seconds <= 30 ? "met" : "MISSED", requests <= 12 ? "met" : "MISSED");

        assertThat(fannedOut.get().created()).isEqualTo(RECIPIENTS);
        assertThat(status(campaign.id)).isEqualTo(Campaign.Status.COMPLETED);
        assertThat(CampaignEmailTest.totals(campaign.id)).containsEntry("sent", RECIPIENTS).containsEntry("total", RECIPIENTS);
        assertThat(recipients).isEqualTo(RECIPIENTS);
        assertThat(requests).isLessThanOrEqualTo(12);
    }

    private static Campaign.Status status(long campaignId) {
        return inTransaction(() -> Campaign.<Campaign>findById(campaignId)).status;
    }
}
