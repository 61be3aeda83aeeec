package com.gstcomms.runtime.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Secrets Manager, where the platform secrets are read at run time ({@code PlatformSecrets}). */
@ConfigMapping(prefix = "gstcomms.secretsmanager")
public interface SecretsManagerConfig {

    /** Endpoint override for a local stand-in; absent in AWS (the SDK finds the regional endpoint). */
    Optional<URI> endpoint();

    /** How long a value read is used before it is read again (a rotation is seen within this time). */
    @WithDefault("5M")
    Duration refresh();

    /** After a failed read the last value stays in use; the next read is tried this much later. */
    @WithDefault("30S")
    Duration retryAfterFailure();
}
