package com.gstcomms.providers.twilio;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Where Twilio's REST API is and how long one call may take. The platform's own account
 * ({@code gstcomms.twilio.account-sid}, {@code .auth-token}, {@code .sender}) is each function's own
 * configuration.
 */
@ConfigMapping(prefix = "gstcomms.twilio")
public interface TwilioApiConfig {

    /**
     * Absent (or https://api.twilio.com) in production; the local stand-in's URL in tests and on the local
     * cloud. twilio-java 13 has no such setting, so {@link TwilioHttpClient} rewrites the URLs.
     */
    Optional<String> baseUrl();

    /** Connect and response timeout of one call to Twilio. */
    @WithDefault("15S")
    Duration timeout();
}
