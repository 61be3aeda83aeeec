package com.gstcomms.scheduler;

import com.gstcomms.core.message.Commands;
import com.gstcomms.core.message.RunReminders;
import com.gstcomms.runtime.config.QueuesConfig;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import com.gstcomms.testing.quarkus.MockEventServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The EventBridge daily schedule through the Lambda mock event server. */
@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "only", value = "postgres,sqs,s3"))
class DailyRemindersHandlerTest {

    @Inject
    SqsClient sqs;

    @Inject
    QueuesConfig queues;

    @Test
    void theDailyScheduleQueuesOneRunPerShopForTheIndianDayItFiredOn() throws Exception {
        long a = Fixtures.shop();
        long b = Fixtures.shop();
        // Fired at 03:30 UTC = 09:00 India time on 2026-11-25.
        String event = Files.readString(Path.of("src/test/resources/events/eventbridge-scheduled.json"));

        given().port(MockEventServer.port()).contentType(ContentType.JSON).body(event)
                .when().post()
                .then().statusCode(200);

        List<RunReminders> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var got = sqs.receiveMessage(r -> r.queueUrl(queues.reminders().orElseThrow()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            got.forEach(m -> runs.add(Commands.fromJson(m.body(), RunReminders.class)));
        }
        assertThat(runs).filteredOn(r -> r.shopId() == a || r.shopId() == b).hasSize(2)
                .allSatisfy(r -> {
                    assertThat(r.runDate()).isEqualTo("2026-11-25");
                    assertThat(r.afterInvoiceId()).isZero();
                });
    }
}
