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

    /**
     * The API's Twilio webhook for one shop's messages: {@code /v1/webhooks/twilio/{shop.callbackRef}}. The
     * reference (random, per shop) tells the API whose token to check the signature with, so it unseals that
     * one shop's token only; empty without a base URL or a reference.
     */
    default Optional<String> twilioStatusCallback(String callbackRef) {
        if (callbackRef == null || callbackRef.isBlank()) {
            return Optional.empty();
        }
        return baseUrl().map(base -> base.replaceAll("/+$", "") + "/v1/webhooks/twilio/" + callbackRef);
    }
}
