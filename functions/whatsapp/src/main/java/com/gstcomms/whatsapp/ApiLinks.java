package com.gstcomms.whatsapp;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** Where the public HTTP API is, for the StatusCallback URL Twilio posts delivery updates to. */
@ConfigMapping(prefix = "gstcomms.api")
public interface ApiLinks {

    /**
     * The API's public base URL (the same value the API uses to check X-Twilio-Signature, which signs
     * the exact URL). Without it messages go without a StatusCallback and no delivery state comes back.
     */
    Optional<String> baseUrl();

    /** The Twilio webhook of the API (DESIGN.md: POST /v1/webhooks/twilio). */
    default Optional<String> twilioStatusCallback() {
        return baseUrl().map(base -> base.replaceAll("/+$", "") + "/v1/webhooks/twilio");
    }
}
