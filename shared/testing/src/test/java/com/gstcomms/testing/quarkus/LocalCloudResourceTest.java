package com.gstcomms.testing.quarkus;

import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.PostgresServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The resource outside Quarkus: what it starts and the configuration it hands over. */
class LocalCloudResourceTest {

    @Test
    void startsEverythingAndHandsQuarkusEveryKey() throws Exception {
        LocalCloudResource resource = new LocalCloudResource();
        resource.init(Map.of());

        Map<String, String> config = resource.start();

        assertThat(config).containsOnlyKeys(
                "quarkus.datasource.username", "quarkus.datasource.password",
                "quarkus.datasource.jdbc.url", "quarkus.datasource.reactive.url",
                "gstcomms.aws.region", "gstcomms.aws.access-key-id", "gstcomms.aws.secret-access-key",
                "gstcomms.sqs.endpoint", "gstcomms.s3.endpoint", "gstcomms.s3.bucket",
                "quarkus.mailer.host", "quarkus.mailer.port", "quarkus.mailer.mock", "quarkus.mailer.from",
                "gstcomms.sendgrid.base-url", "gstcomms.sendgrid.api-key",
                "gstcomms.twilio.base-url", "gstcomms.twilio.account-sid", "gstcomms.twilio.auth-token",
                "gstcomms.queues.render", "gstcomms.queues.email", "gstcomms.queues.email-bulk",
                "gstcomms.queues.whatsapp", "gstcomms.queues.whatsapp-bulk", "gstcomms.queues.csv-chunk",
                "gstcomms.queues.reminders");
        // Each queue of the chain exists and sends what it cannot handle to its DLQ after 5 receives.
        var sqs = LocalServers.sqs().client();
        String redrive = sqs.getQueueAttributes(b -> b.queueUrl(config.get("gstcomms.queues.email"))
                .attributeNamesWithStrings("RedrivePolicy")).attributesAsStrings().get("RedrivePolicy");
        assertThat(redrive).contains("\"maxReceiveCount\":5").contains("email-");
        assertThat(config).containsEntry("quarkus.mailer.mock", "false")
                .containsEntry("quarkus.mailer.from", "noreply@gstcomms.test")
                .containsEntry("gstcomms.s3.bucket", "gst-comms-test")
                .containsEntry("gstcomms.sendgrid.base-url", LocalServers.sendGrid().baseUrl())
                .containsEntry("quarkus.mailer.port", Integer.toString(LocalServers.smtp().port()));
        assertThat(config.get("quarkus.datasource.reactive.url")).startsWith("postgresql://127.0.0.1:");

        // A fresh, empty database per start, reachable with the handed-over credentials.
        try (Connection connection = PostgresServer.connectTo(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
             ResultSet rows = connection.createStatement().executeQuery(
                     "select count(*) from information_schema.tables where table_schema = 'public'")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
        assertThat(resource.start().get("quarkus.datasource.jdbc.url"))
                .isNotEqualTo(config.get("quarkus.datasource.jdbc.url"));
        assertThat(LocalServers.s3().client().headBucket(b -> b.bucket("gst-comms-test")).sdkHttpResponse()
                .isSuccessful()).isTrue();
        resource.stop();
        assertThat(LocalServers.sendGrid().port()).as("still running after stop()").isPositive();
    }

    @Test
    void onlyStartsAndConfiguresWhatItIsAskedFor() {
        LocalCloudResource resource = new LocalCloudResource();
        resource.init(Map.of("only", "sendgrid, twilio", "bucket", "ignored-without-s3"));

        assertThat(resource.start()).containsOnlyKeys("gstcomms.sendgrid.base-url", "gstcomms.sendgrid.api-key",
                "gstcomms.twilio.base-url", "gstcomms.twilio.account-sid", "gstcomms.twilio.auth-token");
    }

    @Test
    void sharedDatabaseModeUsesTheDefaultDatabase() {
        LocalCloudResource resource = new LocalCloudResource();
        resource.init(Map.of("only", "postgres", "database", "shared"));
        assertThat(resource.start()).containsEntry("quarkus.datasource.jdbc.url", LocalServers.postgres().jdbcUrl());
    }

    @Test
    void refusesUnknownServerNames() {
        LocalCloudResource resource = new LocalCloudResource();
        assertThatThrownBy(() -> resource.init(Map.of("only", "postgres,dynamodb")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dynamodb");
    }
}
