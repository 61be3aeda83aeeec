package com.gstcomms.scheduler;

import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.Sql;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import com.gstcomms.testing.quarkus.MockEventServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.gstcomms.testing.quarkus.LocalCloudResource.appConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The every-minute EventBridge schedule through the Lambda mock event server. Data is set up and checked
 * from outside the app (JDBC, SQS), so {@link DueMessagesHandlerIT} reruns it against the packaged function.
 */
@QuarkusTest
@TestProfile(Profiles.DueMessagesRun.class)
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3"))
class DueMessagesHandlerTest {

    private final SqsClient sqs = LocalServers.sqs().client();
    private final Sql db = Fixtures.db();

    /** A campaign email notification; its id. */
    private long notification(long shop, NotificationStatus status, OffsetDateTime scheduledAt,
                              OffsetDateTime queuedAt) {
        return db.insert("notification", "shop_id", shop, "channel", "EMAIL", "kind", "CAMPAIGN",
                "recipient", "asha@example.in", "idempotency_key", UUID.randomUUID().toString(),
                "status", status.name(), "scheduled_at", scheduledAt, "queued_at", queuedAt);
    }

    private NotificationStatus statusOf(long notificationId) {
        return NotificationStatus.valueOf(db.value("select status from notification where id = ?", notificationId));
    }

    @Test
    void queuesWhatIsDueNotWhatIsLaterAndRequeuesWhatLostItsCommand() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        long shop = Fixtures.shop();
        long due = notification(shop, NotificationStatus.SCHEDULED, now.minusMinutes(1), null);
        long later = notification(shop, NotificationStatus.SCHEDULED, now.plusHours(1), null);
        long lost = notification(shop, NotificationStatus.QUEUED, null, now.minusHours(2));
        long fresh = notification(shop, NotificationStatus.QUEUED, null, now.minusMinutes(1));

        String event = """
                {"version":"0","id":"e-1","detail-type":"Scheduled Event","source":"aws.events",
                 "account":"123456789012","time":"%s","region":"ap-south-1",
                 "resources":["arn:aws:events:ap-south-1:123456789012:rule/gst-comms-due-messages"],"detail":{}}
                """.formatted(now);
        given().port(MockEventServer.port()).contentType(ContentType.JSON).body(event)
                .when().post()
                .then().statusCode(200);

        assertThat(statusOf(due)).isEqualTo(NotificationStatus.QUEUED);
        assertThat(statusOf(later)).isEqualTo(NotificationStatus.SCHEDULED);
        List<Long> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sqs.receiveMessage(r -> r.queueUrl(appConfig("gstcomms.queues.email")).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages().forEach(m -> queued.add(Commands.fromJson(m.body(), SendEmail.class).notificationId()));
        }
        assertThat(queued).contains(due, lost).doesNotContain(later, fresh);

        // A second run in the same minute finds nothing more to queue.
        given().port(MockEventServer.port()).contentType(ContentType.JSON).body(event).when().post().then().statusCode(200);
        var again = sqs.receiveMessage(r -> r.queueUrl(appConfig("gstcomms.queues.email")).waitTimeSeconds(1)).messages();
        assertThat(again).isEmpty();
    }

    @Test
    void startsACampaignWhoseTimeHasComeForItsOptedInAudience() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        long shop = Fixtures.shop();
        Fixtures.emailCustomer(shop, "asha@example.in", true);
        Fixtures.emailCustomer(shop, "not-subscribed@example.in", false);
        long campaign = db.insert("campaign", "shop_id", shop, "name", "Diwali sale", "channel", "EMAIL",
                "audience", Sql.json("{\"type\":\"ALL\"}"), "status", "SCHEDULED", "scheduled_at", now.minusMinutes(2));

        String event = """
                {"version":"0","id":"e-2","detail-type":"Scheduled Event","source":"aws.events",
                 "account":"123456789012","time":"%s","region":"ap-south-1",
                 "resources":["arn:aws:events:ap-south-1:123456789012:rule/gst-comms-due-messages"],"detail":{}}
                """.formatted(now);
        given().port(MockEventServer.port()).contentType(ContentType.JSON).body(event)
                .when().post()
                .then().statusCode(200);

        List<Map<String, Object>> sent = db.rows("select id, recipient, bulk from notification where campaign_id = ?", campaign);
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.get("recipient")).isEqualTo("asha@example.in");
            assertThat(n.get("bulk")).isEqualTo(true);
        });
        assertThat(db.<String>value("select status from campaign where id = ?", campaign)).isNotEqualTo("SCHEDULED");
        List<Long> onBulkQueue = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sqs.receiveMessage(r -> r.queueUrl(appConfig("gstcomms.queues.email-bulk")).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()
                    .forEach(m -> onBulkQueue.add(Commands.fromJson(m.body(), SendEmail.class).notificationId()));
        }
        assertThat(onBulkQueue).contains((Long) sent.get(0).get("id"));
    }
}
