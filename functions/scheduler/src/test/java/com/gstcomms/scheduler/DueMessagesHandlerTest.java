package com.gstcomms.scheduler;

import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.runtime.config.QueuesConfig;
import com.gstcomms.runtime.data.Campaign;
import com.gstcomms.runtime.data.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The every-minute EventBridge schedule through the Lambda mock event server. */
@QuarkusTest
@TestProfile(HandlerProfiles.DueMessagesRun.class)
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3"))
class DueMessagesHandlerTest {

    @Inject
    SqsClient sqs;

    @Inject
    QueuesConfig queues;

    private Notification notification(Shop shop, NotificationStatus status, OffsetDateTime scheduledAt,
                                      OffsetDateTime queuedAt) {
        Notification n = new Notification();
        n.shopId = shop.id;
        n.channel = Channel.EMAIL;
        n.kind = "CAMPAIGN";
        n.recipient = "asha@example.in";
        n.idempotencyKey = UUID.randomUUID().toString();
        n.status = status;
        n.scheduledAt = scheduledAt;
        n.queuedAt = queuedAt;
        inTransaction(n::persist);
        return n;
    }

    private NotificationStatus statusOf(Notification n) {
        return inTransaction(() -> Notification.<Notification>findById(n.id)).status;
    }

    @Test
    void queuesWhatIsDueNotWhatIsLaterAndRequeuesWhatLostItsCommand() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        Shop shop = Fixtures.shop(null);
        Notification due = notification(shop, NotificationStatus.SCHEDULED, now.minusMinutes(1), null);
        Notification later = notification(shop, NotificationStatus.SCHEDULED, now.plusHours(1), null);
        Notification lost = notification(shop, NotificationStatus.QUEUED, null, now.minusHours(2));
        Notification fresh = notification(shop, NotificationStatus.QUEUED, null, now.minusMinutes(1));

        String event = """
                {"version":"0","id":"e-1","detail-type":"Scheduled Event","source":"aws.events",
                 "account":"123456789012","time":"%s","region":"ap-south-1",
                 "resources":["arn:aws:events:ap-south-1:123456789012:rule/gst-comms-due-messages"],"detail":{}}
                """.formatted(now);
        given().port(8186).contentType(ContentType.JSON).body(event)
                .when().post()
                .then().statusCode(200);

        assertThat(statusOf(due)).isEqualTo(NotificationStatus.QUEUED);
        assertThat(statusOf(later)).isEqualTo(NotificationStatus.SCHEDULED);
        List<Long> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sqs.receiveMessage(r -> r.queueUrl(queues.email().orElseThrow()).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages().forEach(m -> queued.add(Commands.fromJson(m.body(), SendEmail.class).notificationId()));
        }
        assertThat(queued).contains(due.id, lost.id).doesNotContain(later.id, fresh.id);

        // A second run in the same minute finds nothing more to queue.
        given().port(8186).contentType(ContentType.JSON).body(event).when().post().then().statusCode(200);
        var again = sqs.receiveMessage(r -> r.queueUrl(queues.email().orElseThrow()).waitTimeSeconds(1)).messages();
        assertThat(again).isEmpty();
    }

    @Test
    void startsACampaignWhoseTimeHasComeForItsOptedInAudience() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        Shop shop = Fixtures.shop(null);
        Customer subscribed = Fixtures.customer(shop, "asha@example.in", null, false);
        subscribed.emailOptIn = true;
        inTransaction(() -> Customer.update("emailOptIn = true where id = ?1", subscribed.id));
        Fixtures.customer(shop, "not-subscribed@example.in", null, false);
        Campaign campaign = new Campaign();
        campaign.shopId = shop.id;
        campaign.name = "Diwali sale";
        campaign.channel = "EMAIL";
        campaign.audience = "{\"type\":\"ALL\"}";
        campaign.status = Campaign.Status.SCHEDULED;
        campaign.scheduledAt = now.minusMinutes(2);
        inTransaction(campaign::persist);

        String event = """
                {"version":"0","id":"e-2","detail-type":"Scheduled Event","source":"aws.events",
                 "account":"123456789012","time":"%s","region":"ap-south-1",
                 "resources":["arn:aws:events:ap-south-1:123456789012:rule/gst-comms-due-messages"],"detail":{}}
                """.formatted(now);
        given().port(8186).contentType(ContentType.JSON).body(event)
                .when().post()
                .then().statusCode(200);

        List<Notification> sent = inTransaction(() -> Notification.<Notification>list("campaignId", campaign.id));
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.recipient).isEqualTo("asha@example.in");
            assertThat(n.bulk).isTrue();
        });
        assertThat(inTransaction(() -> Campaign.<Campaign>findById(campaign.id)).status)
                .isNotEqualTo(Campaign.Status.SCHEDULED);
        List<Long> onBulkQueue = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sqs.receiveMessage(r -> r.queueUrl(queues.emailBulk().orElseThrow()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()
                    .forEach(m -> onBulkQueue.add(Commands.fromJson(m.body(), SendEmail.class).notificationId()));
        }
        assertThat(onBulkQueue).contains(sent.get(0).id);
    }
}
