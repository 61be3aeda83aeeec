package com.gstcomms.runtime.secrets;

import com.gstcomms.testing.SecretsManagerStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform secrets read at run time, against a local stand-in of Secrets Manager's JSON protocol
 * (shared/testing {@link SecretsManagerStandIn}, which refuses requests without a SigV4 signature): read
 * once per refresh interval, a rotation seen after it, an outage rides on the last value and the log never
 * carries a value; without a secret id the plain property is used.
 */
class PlatformSecretsTest {

    static final String NAME = "gst-comms/dev/shopify-api-secret";
    static final Duration REFRESH = Duration.ofMinutes(5);
    static final Duration RETRY = Duration.ofSeconds(30);

    final SecretsManagerStandIn secretsManager = SecretsManagerStandIn.start();
    final SecretsManagerClient client = SecretsManagerClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(SecretsManagerStandIn.REGION))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret")))
            .endpointOverride(URI.create(secretsManager.baseUrl()))
            .build();
    final Map<String, String> config = new HashMap<>();
    final MovableClock clock = new MovableClock();
    final PlatformSecrets secrets = new PlatformSecrets(name -> Optional.ofNullable(config.get(name)), () -> client,
            clock, REFRESH, RETRY);
    final List<LogRecord> logged = new ArrayList<>();
    final Logger log = Logger.getLogger(PlatformSecrets.class.getName());
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    {
        log.addHandler(capture);
        config.put(PlatformSecret.SHOPIFY_API_SECRET.secretIdProperty(), NAME);
        config.put(PlatformSecret.SHOPIFY_API_SECRET.plainProperty(), "the-plain-value-is-not-used-in-aws");
    }

    @AfterEach
    void stop() {
        log.removeHandler(capture);
        client.close();
        secretsManager.close();
    }

    @Test
    void readsTheSecretFromSecretsManagerOncePerRefreshInterval() {
        secretsManager.put(NAME, "shpss_first-secret-0123456789");

        assertThat(secrets.value(PlatformSecret.SHOPIFY_API_SECRET)).contains("shpss_first-secret-0123456789");
        clock.advance(REFRESH.minusSeconds(1));
        assertThat(secrets.required(PlatformSecret.SHOPIFY_API_SECRET)).isEqualTo("shpss_first-secret-0123456789");

        assertThat(secretsManager.reads()).isEqualTo(1);
    }

    @Test
    void seesARotatedSecretAfterTheRefreshIntervalWithoutARedeploy() {
        secretsManager.put(NAME, "shpss_before-rotation-000000");
        assertThat(secrets.value(PlatformSecret.SHOPIFY_API_SECRET)).contains("shpss_before-rotation-000000");

        secretsManager.put(NAME, "shpss_after-rotation-1111111");
        clock.advance(Duration.ofMinutes(1));
        assertThat(secrets.value(PlatformSecret.SHOPIFY_API_SECRET)).contains("shpss_before-rotation-000000");
        clock.advance(REFRESH);
        assertThat(secrets.value(PlatformSecret.SHOPIFY_API_SECRET)).contains("shpss_after-rotation-1111111");
    }

    @Test
    void keepsTheLastValueWhenSecretsManagerFailsAndNeverLogsTheValue() {
        secretsManager.put(NAME, "shpss_last-good-value-22222");
        secrets.value(PlatformSecret.SHOPIFY_API_SECRET);

        secretsManager.unavailable(true);
        clock.advance(REFRESH.plusSeconds(1));
        assertThat(secrets.value(PlatformSecret.SHOPIFY_API_SECRET)).contains("shpss_last-good-value-22222");
        int readsDuringOutage = secretsManager.reads();
        clock.advance(RETRY.minusSeconds(1));
        assertThat(secrets.value(PlatformSecret.SHOPIFY_API_SECRET)).contains("shpss_last-good-value-22222");
        assertThat(secretsManager.reads()).as("no read before retry-after-failure").isEqualTo(readsDuringOutage);

        assertThat(logged).hasSize(1);
        String line = text(logged.getFirst());
        assertThat(line).contains(NAME).contains("SHOPIFY_API_SECRET").doesNotContain("shpss_").doesNotContain("22222");

        secretsManager.unavailable(false);
        secretsManager.put(NAME, "shpss_rotated-while-down-333");
        clock.advance(RETRY);
        assertThat(secrets.value(PlatformSecret.SHOPIFY_API_SECRET)).contains("shpss_rotated-while-down-333");
        assertThat(logged).allSatisfy(r -> assertThat(text(r)).doesNotContain("shpss_"));
    }

    @Test
    void aFirstReadThatFailsSaysWhichSecretButNotAValue() {
        secretsManager.put(NAME, "shpss_never-seen-4444444444");
        secretsManager.unavailable(true);

        assertThatThrownBy(() -> secrets.value(PlatformSecret.SHOPIFY_API_SECRET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(NAME)
                .hasMessageNotContaining("shpss_");
        assertThat(logged).allSatisfy(r -> assertThat(text(r)).doesNotContain("shpss_"));
    }

    @Test
    void aSecretThatDoesNotExistIsAbsent() {
        config.put(PlatformSecret.SENDGRID_API_KEY.secretIdProperty(), "gst-comms/dev/sendgrid-api-key");

        assertThat(secrets.value(PlatformSecret.SENDGRID_API_KEY)).isEmpty();
        assertThatThrownBy(() -> secrets.required(PlatformSecret.SENDGRID_API_KEY))
                .hasMessageContaining("gstcomms.platform-secrets.sendgrid-api-key");
    }

    @Test
    void withoutASecretIdThePlainPropertyIsUsedAndSecretsManagerIsNeverAsked() {
        config.put(PlatformSecret.UNSUBSCRIBE_SECRET.plainProperty(), "local-unsubscribe-secret-0123456789abcdef");
        PlatformSecrets local = new PlatformSecrets(name -> Optional.ofNullable(config.get(name)), () -> {
            throw new AssertionError("no Secrets Manager client on the local cloud");
        }, clock, REFRESH, RETRY);

        assertThat(local.value(PlatformSecret.UNSUBSCRIBE_SECRET)).contains("local-unsubscribe-secret-0123456789abcdef");
        assertThat(local.value(PlatformSecret.TWILIO_AUTH_TOKEN)).isEmpty();
        assertThat(secretsManager.reads()).isZero();
    }

    private static String text(LogRecord record) {
        return record.getMessage() + " " + Arrays.toString(record.getParameters());
    }

    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-04T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
