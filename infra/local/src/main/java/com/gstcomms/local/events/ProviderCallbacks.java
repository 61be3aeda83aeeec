package com.gstcomms.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gstcomms.core.json.JsonMappers;
import com.gstcomms.testing.SendGridStandIn;
import com.gstcomms.testing.TwilioStandIn;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What the real providers do after accepting a message, played by the local cloud on top of the
 * stand-ins (which only record what was sent): SendGrid posts signed Event Webhook batches
 * (processed, delivered, then open) to the API's {@code /v1/webhooks/sendgrid}; Twilio posts signed
 * status callbacks (sent, delivered, read) to each message's StatusCallback URL. A receiver that does not
 * answer 2xx gets the post again later, as both providers retry.
 *
 * <p>Event shapes: SendGrid's Event Webhook reference (custom_args come back as top-level keys;
 * {@code sg_message_id} is the X-Message-Id followed by a dot and a filter suffix) and Twilio's status
 * callback parameters.
 */
public final class ProviderCallbacks implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMappers.standard();
    private static final int ATTEMPTS = 5;

    private final SendGridStandIn sendGrid;
    private final TwilioStandIn twilio;
    private final String sendGridWebhookUrl;
    private final Duration step;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Set<String> seenMail = new HashSet<>();
    private final Set<String> seenWhatsApp = new HashSet<>();
    private final AtomicLong sendGridPosts = new AtomicLong();
    private final AtomicLong twilioCallbacks = new AtomicLong();
    private final AtomicLong failedPosts = new AtomicLong();
    private volatile boolean running = true;
    private final Thread watcher;

    /**
     * @param step the pause between one status and the next (delivered a step after processed, ...)
     */
    public ProviderCallbacks(SendGridStandIn sendGrid, TwilioStandIn twilio, String apiBaseUrl, Duration step,
                             Consumer<String> log) {
        this.sendGrid = sendGrid;
        this.twilio = twilio;
        this.sendGridWebhookUrl = apiBaseUrl + "/v1/webhooks/sendgrid";
        this.step = step;
        this.log = log;
        this.watcher = Thread.ofPlatform().daemon().name("provider-callbacks").start(this::watch);
    }

    public long sendGridPosts() {
        return sendGridPosts.get();
    }

    public long twilioCallbacks() {
        return twilioCallbacks.get();
    }

    public long failedPosts() {
        return failedPosts.get();
    }

    private void watch() {
        while (running) {
            try {
                Thread.sleep(250);
                for (SendGridStandIn.SentMail mail : sendGrid.sent()) {
                    if (seenMail.add(mail.messageId())) {
                        Thread.ofVirtual().start(() -> emailLifecycle(mail));
                    }
                }
                for (TwilioStandIn.Message message : twilio.sent()) {
                    if (seenWhatsApp.add(message.sid()) && message.statusCallback() != null) {
                        Thread.ofVirtual().start(() -> whatsAppLifecycle(message));
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.accept("provider callbacks: " + e.getMessage());
            }
        }
    }

    private void emailLifecycle(SendGridStandIn.SentMail mail) {
        for (String event : List.of("processed", "delivered", "open")) {
            pause();
            if (!running) {
                return;
            }
            byte[] payload = sendGridEvents(mail, event);
            boolean delivered = post(() -> {
                var headers = sendGrid.signedEventHeaders(payload);
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sendGridWebhookUrl))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "SendGrid Event API");
                headers.forEach(request::header);
                return http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            }, "SendGrid " + event + " event for " + mail.messageId());
            if (delivered) {
                sendGridPosts.incrementAndGet();
            }
        }
    }

    private void whatsAppLifecycle(TwilioStandIn.Message message) {
        for (String status : List.of("sent", "delivered", "read")) {
            pause();
            if (!running) {
                return;
            }
            boolean delivered = post(() -> twilio.sendStatusCallback(message, status, null),
                    "Twilio " + status + " callback for " + message.sid());
            if (delivered) {
                twilioCallbacks.incrementAndGet();
            }
        }
    }

    private interface Post {
        int send() throws Exception;
    }

    /** Posts until a 2xx, backing off; both providers retry failed webhooks for hours, here a few times. */
    private boolean post(Post post, String what) {
        String last = null;
        for (int attempt = 1; attempt <= ATTEMPTS && running; attempt++) {
            try {
                int status = post.send();
                if (status / 100 == 2) {
                    return true;
                }
                last = "HTTP " + status;
            } catch (Exception e) {
                last = e.getMessage();
            }
            try {
                Thread.sleep(1000L << (attempt - 1));
            } catch (InterruptedException e) {
                return false;
            }
        }
        failedPosts.incrementAndGet();
        log.accept(what + " was not accepted by the API after " + ATTEMPTS + " tries (" + last + ")");
        return false;
    }

    /** One Event Webhook batch: the event for each recipient of the message. */
    byte[] sendGridEvents(SendGridStandIn.SentMail mail, String event) {
        ArrayNode batch = JSON.createArrayNode();
        long timestamp = Instant.now().getEpochSecond();
        String smtpId = "<" + mail.messageId() + "@local.sendgrid.stand-in>";
        for (JsonNode personalization : mail.json().path("personalizations")) {
            for (JsonNode to : personalization.path("to")) {
                ObjectNode e = batch.addObject();
                e.put("email", to.path("email").asText());
                e.put("timestamp", timestamp);
                e.put("smtp-id", smtpId);
                e.put("event", event);
                e.put("sg_event_id", randomId());
                e.put("sg_message_id", mail.messageId() + ".filterdrecv-local-1-" + Long.toHexString(timestamp) + ".0");
                JsonNode categories = mail.json().path("categories");
                if (categories.isArray()) {
                    e.set("category", categories);
                }
                if (event.equals("delivered")) {
                    e.put("response", "250 OK");
                }
                if (event.equals("open")) {
                    e.put("sg_machine_open", false);
                    e.put("useragent", "Mozilla/5.0 (local cloud)");
                    e.put("ip", "127.0.0.1");
                }
                // custom_args of the message and of its personalization come back as top-level keys.
                mail.json().path("custom_args").properties().forEach(a -> e.put(a.getKey(), a.getValue().asText()));
                personalization.path("custom_args").properties().forEach(a -> e.put(a.getKey(), a.getValue().asText()));
            }
        }
        try {
            return JSON.writeValueAsBytes(batch);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void pause() {
        try {
            long jitter = ThreadLocalRandom.current().nextLong(step.toMillis() / 4 + 1);
            Thread.sleep(step.toMillis() + jitter);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public void close() {
        running = false;
        watcher.interrupt();
    }

}
