package com.gstcomms.reminders;

import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.RunReminders;
import com.gstcomms.runtime.config.QueuesConfig;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.SettableClock;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import com.gstcomms.testing.quarkus.MockEventServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Instant;
import java.time.LocalDate;

import java.util.List;

import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;

/** The reminders queue handler through the Lambda mock event server, two invoices a page. */
@QuarkusTest
@TestProfile(HandlerProfiles.ShopRemindersWithSmallPages.class)
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3"))
class ShopRemindersHandlerTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    @Inject
    SqsClient sqs;

    @Inject
    QueuesConfig queues;

    @Inject
    SettableClock clock;

    @BeforeEach
    void morning() {
        clock.set(Instant.parse("2026-11-25T04:30:00Z"));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static String sqsEvent(String body) {
        String escaped = body.replace("\\", "\\\\").replace("\"", "\\\"");
        return """
                {"Records":[{"messageId":"m-%s","receiptHandle":"r-1","body":"%s",
                  "attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1764043200000"},
                  "messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs",
                  "eventSourceARN":"arn:aws:sqs:ap-south-1:123456789012:gst-comms-reminders","awsRegion":"ap-south-1"}]}
                """.formatted(Integer.toHexString(body.hashCode()), escaped);
    }

    private static void post(String body, int failures) {
        given().port(MockEventServer.port()).contentType(ContentType.JSON).body(sqsEvent(body))
                .when().post()
                .then().statusCode(200).body("batchItemFailures", failures == 0 ? empty() : hasSize(failures));
    }

    /** The continuations on the reminders queue for this shop (others are left out), received within a few seconds. */
    private List<String> continuationsOf(Shop shop) {
        List<String> mine = new java.util.ArrayList<>();
        for (int round = 0; round < 3 && mine.isEmpty(); round++) {
            for (var m : sqs.receiveMessage(r -> r.queueUrl(queues.reminders().orElseThrow()).waitTimeSeconds(2)
                    .maxNumberOfMessages(10)).messages()) {
                RunReminders command = Commands.fromJson(m.body(), RunReminders.class);
                // Each test class has a database of its own (shop ids start again at 1) but the queue is one:
                // a continuation is this shop's command past an invoice, never a day's first command.
                if (command.shopId() == shop.id && command.afterInvoiceId() > 0) {
                    mine.add(m.body());
                }
            }
        }
        return mine;
    }

    private static long reminderCount(Shop shop) {
        return inTransaction(() -> Notification.count("shopId = ?1 and kind = ?2", shop.id, ShopReminders.KIND));
    }

    @Test
    void worksThroughABigShopPageByPageWithoutSendingAnythingTwice() {
        Shop shop = Fixtures.shop(null);
        Customer c = Fixtures.customer(shop, "asha@example.in", null, false);
        Invoice first = Fixtures.invoice(shop, c, DAY, Invoice.Status.SENT, 0);
        Invoice second = Fixtures.invoice(shop, c, DAY, Invoice.Status.SENT, 0);
        Fixtures.invoice(shop, c, DAY.minusDays(7), Invoice.Status.SENT, 0);

        String start = Commands.toJson(new RunReminders(shop.id, DAY, 0, null));
        post(start, 0);

        assertThat(reminderCount(shop)).isEqualTo(2);
        // The queue is shared with the other test classes (the daily run queues one command per shop, and one
        // of those can become visible again later): this shop's continuation is the one that counts.
        List<String> next = continuationsOf(shop);
        assertThat(next).hasSize(1);
        RunReminders continuation = Commands.fromJson(next.get(0), RunReminders.class);
        assertThat(continuation.afterInvoiceId()).isEqualTo(Math.max(first.id, second.id));

        post(next.get(0), 0);
        assertThat(reminderCount(shop)).isEqualTo(3);

        // SQS delivers the first command again: nothing new is created.
        post(start, 0);
        assertThat(reminderCount(shop)).isEqualTo(3);
    }

    @Test
    void reportsAMalformedCommandAsThatMessagesFailureOnly() {
        post("{\"type\":\"run-reminders\",\"version\":1,\"shopId\":1,\"runDate\":\"tomorrow\",\"afterInvoiceId\":0}", 1);
    }
}
