package com.gstcomms.testing.quarkus;

import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.PostgresServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inside a real Quarkus test app: the configuration arrives, and the servers a test method reaches
 * through {@link LocalServers} are the very ones Quarkus was pointed at.
 */
@QuarkusTest
@WithTestResource(LocalCloudResource.class)
class LocalCloudResourceQuarkusTest {

    @ConfigProperty(name = "gstcomms.sendgrid.base-url")
    String sendGridBaseUrl;

    @ConfigProperty(name = "gstcomms.twilio.base-url")
    String twilioBaseUrl;

    @ConfigProperty(name = "quarkus.mailer.port")
    int mailerPort;

    @ConfigProperty(name = "gstcomms.sqs.endpoint")
    String sqsEndpoint;

    @ConfigProperty(name = "gstcomms.s3.endpoint")
    String s3Endpoint;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void theTestReachesTheSameServersQuarkusWasConfiguredWith() throws Exception {
        System.out.println("[local-servers] test class loader: " + LocalServers.class.getClassLoader());
        assertThat(sendGridBaseUrl).isEqualTo(LocalServers.sendGrid().baseUrl());
        assertThat(twilioBaseUrl).isEqualTo(LocalServers.twilio().baseUrl());
        assertThat(mailerPort).isEqualTo(LocalServers.smtp().port());
        assertThat(sqsEndpoint).isEqualTo(LocalServers.sqs().endpoint().toString());
        assertThat(s3Endpoint).isEqualTo(LocalServers.s3().endpoint().toString());
        assertThat(jdbcUrl).startsWith("jdbc:postgresql://127.0.0.1:" + LocalServers.postgres().port() + "/quarkus_test_");
        try (Connection connection = PostgresServer.connectTo(jdbcUrl, "postgres", "postgres")) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }
}
