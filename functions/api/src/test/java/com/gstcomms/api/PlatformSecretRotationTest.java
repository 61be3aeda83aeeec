package com.gstcomms.api;

import com.gstcomms.testing.LocalAws;
import com.gstcomms.testing.SecretsManagerStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.gstcomms.api.Api.asSession;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The Shopify app secret is read at run time from Secrets Manager (issue 15, item 8), here a local stand-in
 * of its JSON protocol: once it is rotated ({@code PutSecretValue}, as {@code aws secretsmanager
 * put-secret-value} does), a session token forged with the old, leaked secret is refused within the refresh
 * interval, without a redeploy — and the plain property the environment used to carry is not consulted.
 * Through the Lambda HTTP path, like every API test.
 */
@QuarkusTest
@TestProfile(PlatformSecretRotationTest.SecretsFromSecretsManager.class)
class PlatformSecretRotationTest {

    static final String NAME = "gst-comms/test/shopify-api-secret";
    static final String FIRST = "shpss_first-app-secret-0123456789";
    static final String ROTATED = "shpss_rotated-app-secret-9876543210";

    @Test
    void refusesSessionTokensSignedWithARotatedOutAppSecretWithoutARedeploy() {
        String domain = "rotation-" + System.nanoTime() + ".myshopify.com";
        asSession(token(domain, FIRST)).when().get("/v1/settings/shop").then().statusCode(200);
        // gstcomms.shopify.api-secret (the test profile's plain value) no longer signs anything
        asSession(token(domain, SessionTokenMaker.APP_SECRET)).when().get("/v1/settings/shop")
                .then().statusCode(401).body("detail", containsString("does not match"));

        try (SecretsManagerClient client = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(SecretsManagerStandIn.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalAws.ACCESS_KEY_ID, LocalAws.SECRET_ACCESS_KEY)))
                .endpointOverride(URI.create(ConfigProvider.getConfig()
                        .getValue("gstcomms.secretsmanager.endpoint", String.class)))
                .build()) {
            client.putSecretValue(b -> b.secretId(NAME).secretString(ROTATED));
        }

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                asSession(token(domain, FIRST)).when().get("/v1/settings/shop")
                        .then().statusCode(401).body("detail", containsString("does not match")));
        asSession(token(domain, ROTATED)).when().get("/v1/settings/shop").then().statusCode(200);
    }

    private static String token(String domain, String secret) {
        long now = Instant.now().getEpochSecond();
        return SessionTokenMaker.token(domain, SessionTokenMaker.APP_KEY, now + 60, now - 5, secret, "HS256");
    }

    /** The API as deployed: the app secret named, not given; refreshed every 2 s instead of 5 min. */
    public static final class SecretsFromSecretsManager implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gstcomms.platform-secrets.shopify-api-secret", NAME,
                    "gstcomms.secretsmanager.refresh", "2S");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StartedSecretsManager.class));
        }
    }

    /** A Secrets Manager stand-in holding the first app secret, for the app of this profile. */
    public static final class StartedSecretsManager implements QuarkusTestResourceLifecycleManager {
        private SecretsManagerStandIn standIn;

        @Override
        public Map<String, String> start() {
            standIn = SecretsManagerStandIn.start();
            standIn.put(NAME, FIRST);
            return Map.of("gstcomms.secretsmanager.endpoint", standIn.baseUrl());
        }

        @Override
        public void stop() {
            standIn.close();
        }
    }
}
