package com.gstcomms.runtime.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * The queues that chain the functions (URLs; template.yaml passes them to each function). Transactional
 * and bulk traffic use separate queues, so a big campaign never delays an order confirmation.
 */
@ConfigMapping(prefix = "gstcomms.queues")
public interface QueuesConfig {
    Optional<String> render();

    Optional<String> email();

    Optional<String> emailBulk();

    Optional<String> whatsapp();

    Optional<String> whatsappBulk();

    Optional<String> csvChunk();

    /** Per-shop reminder runs (the scheduler fans the daily run out here). */
    Optional<String> reminders();

    static String required(Optional<String> url, String name) {
        return url.orElseThrow(() -> new IllegalStateException(
                "Queue URL gstcomms.queues." + name + " is not configured"));
    }
}
