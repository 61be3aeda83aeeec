package com.gstcomms.api;

import com.gstcomms.testing.LocalServers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Hands the app the SendGrid stand-in's Event Webhook verification key (made fresh in each test JVM). */
public class WebhookKeys implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("gstcomms.sendgrid.webhook-public-key", LocalServers.sendGrid().verificationPublicKeyBase64());
    }

    @Override
    public void stop() {
    }
}
