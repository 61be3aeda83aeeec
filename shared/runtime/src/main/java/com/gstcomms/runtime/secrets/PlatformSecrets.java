package com.gstcomms.runtime.secrets;

import com.gstcomms.runtime.config.SecretsManagerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The platform's secrets ({@link PlatformSecret}), read when they are used rather than resolved into the
 * environment at deploy time (issue 15, item 8): a value in a Lambda environment is visible to anyone who
 * may read the function's configuration, and a rotated secret reached the functions only with a redeploy.
 *
 * <p>In AWS each secret's Secrets Manager id is configured ({@code gstcomms.platform-secrets.<name>});
 * its value is read with {@code GetSecretValue}, kept for {@code gstcomms.secretsmanager.refresh} (5 min)
 * and then read again, so a rotation reaches every warm instance within that time (AWS "Use AWS Secrets
 * Manager secrets in AWS Lambda functions": cache in the function, refresh on an interval). When a read
 * fails the last value read stays in use (a Secrets Manager outage does not stop sending) and the next
 * attempt is made {@code retry-after-failure} later; the log line names the secret and the error, never
 * the value. A secret that does not exist (ResourceNotFoundException) is absent, like an unset property:
 * the platform SendGrid key and Twilio token are optional.
 *
 * <p>Without a secret id the plain property ({@code gstcomms.shopify.api-secret} ...) is used: the local
 * cloud and the tests, which have no Secrets Manager.
 */
@ApplicationScoped
public class PlatformSecrets {

    private static final Logger LOG = Logger.getLogger(PlatformSecrets.class);

    private final Function<String, Optional<String>> config;
    private final Supplier<SecretsManagerClient> client;
    private final Clock clock;
    private final Duration refresh;
    private final Duration retryAfterFailure;
    private final Map<PlatformSecret, Read> reads = new EnumMap<>(PlatformSecret.class);

    /** What was last read of one secret, and when to read it again. */
    private record Read(Optional<String> value, Instant readAt, Instant nextReadAt) {
    }

    @Inject
    PlatformSecrets(Config config, SecretsManagerConfig secretsManager, Instance<SecretsManagerClient> client,
                    Clock clock) {
        // The client is built only when a secret id is configured (never on the local cloud or in tests).
        this(name -> config.getOptionalValue(name, String.class), client::get, clock,
                secretsManager.refresh(), secretsManager.retryAfterFailure());
    }

    /** For tests: any configuration lookup, client, clock and intervals. */
    public PlatformSecrets(Function<String, Optional<String>> config, Supplier<SecretsManagerClient> client, Clock clock,
                           Duration refresh, Duration retryAfterFailure) {
        this.config = config;
        this.client = client;
        this.clock = clock;
        this.refresh = refresh;
        this.retryAfterFailure = retryAfterFailure;
    }

    /**
     * Reads each secret this function has an id for once at start, so the first message or request does not
     * wait for Secrets Manager (the consumers ask from reactive pipelines, where a slow read is least
     * welcome). A failure here is only logged: the secret is read again when it is used.
     */
    void warmUp(@Observes StartupEvent event) {
        for (PlatformSecret secret : PlatformSecret.values()) {
            if (config.apply(secret.secretIdProperty()).filter(s -> !s.isBlank()).isPresent()) {
                try {
                    value(secret);
                } catch (IllegalStateException e) {
                    // already logged, without the value; the first use tries again
                }
            }
        }
    }

    /** The secret's current value; empty when it is not configured (or its secret does not exist). */
    public Optional<String> value(PlatformSecret secret) {
        Optional<String> secretId = config.apply(secret.secretIdProperty()).filter(s -> !s.isBlank());
        if (secretId.isEmpty()) {
            return config.apply(secret.plainProperty()).filter(s -> !s.isBlank());
        }
        return fromSecretsManager(secret, secretId.get());
    }

    /** The secret's current value, or an exception naming (only) where it should have come from. */
    public String required(PlatformSecret secret) {
        return value(secret).orElseThrow(() -> new IllegalStateException("the platform secret " + secret
                + " is not configured (" + secret.secretIdProperty() + " or " + secret.plainProperty() + ")"));
    }

    private synchronized Optional<String> fromSecretsManager(PlatformSecret secret, String secretId) {
        Instant now = clock.instant();
        Read last = reads.get(secret);
        if (last != null && now.isBefore(last.nextReadAt())) {
            return last.value();
        }
        try {
            Optional<String> value = read(secretId);
            reads.put(secret, new Read(value, now, now.plus(refresh)));
            return value;
        } catch (SdkException e) {
            // The SDK's messages carry the secret id and the service's error, never the secret's value.
            if (last == null) {
                LOG.errorf("cannot read the platform secret %s (%s): %s: %s", secret, secretId,
                        e.getClass().getSimpleName(), e.getMessage());
                throw new IllegalStateException("the platform secret " + secret + " (" + secretId
                        + ") cannot be read from Secrets Manager: " + e.getClass().getSimpleName(), e);
            }
            LOG.warnf("cannot refresh the platform secret %s (%s), keeping the value read at %s; next try in %s: %s: %s",
                    secret, secretId, last.readAt(), retryAfterFailure, e.getClass().getSimpleName(), e.getMessage());
            reads.put(secret, new Read(last.value(), last.readAt(), now.plus(retryAfterFailure)));
            return last.value();
        }
    }

    private Optional<String> read(String secretId) {
        try {
            String value = client.get().getSecretValue(b -> b.secretId(secretId)).secretString();
            return Optional.ofNullable(value).filter(s -> !s.isBlank());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }
}
