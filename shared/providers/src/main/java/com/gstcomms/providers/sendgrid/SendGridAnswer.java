package com.gstcomms.providers.sendgrid;

import com.gstcomms.core.json.JsonMappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What SendGrid's Mail Send answered: sendgrid-java returns 4xx/5xx as an answer rather than throwing, so
 * every caller classifies the status itself (the email function into a delivery outcome, the API's probes
 * into a merchant's answer) with the same readings of the headers and the error body.
 */
public record SendGridAnswer(int status, Map<String, String> headers, String body) {

    private static final ObjectMapper JSON = JsonMappers.standard();

    /** 202 Accepted (200 from a sandbox-mode request). */
    public boolean accepted() {
        return status == 202 || status == 200;
    }

    /** SendGrid's id of the accepted message ({@code X-Message-Id}). */
    public String messageId() {
        return header("X-Message-Id");
    }

    /** SendGrid's 4xx body {@code {"errors":[{"message","field","help"}]}} as one line; it never echoes the key. */
    public String errors() {
        try {
            JsonNode errors = JSON.readTree(body == null ? "" : body).path("errors");
            List<String> parts = new ArrayList<>();
            for (JsonNode error : errors) {
                String field = error.path("field").isTextual() ? error.path("field").asText() + ": " : "";
                parts.add(field + error.path("message").asText());
            }
            if (!parts.isEmpty()) {
                return String.join("; ", parts);
            }
        } catch (IOException | RuntimeException e) {
            // not JSON (a proxy's HTML page): say nothing more
        }
        return "no details";
    }

    /** A 429 says when the limit resets ({@code X-RateLimit-Reset}, epoch seconds): how long until then. */
    public Duration untilRateLimitReset(Instant now) {
        String reset = header("X-RateLimit-Reset");
        if (reset != null) {
            try {
                Duration wait = Duration.between(now, Instant.ofEpochSecond(Long.parseLong(reset.trim())));
                if (!wait.isNegative()) {
                    return wait;
                }
            } catch (NumberFormatException e) {
                // ignore a malformed header
            }
        }
        return Duration.ZERO;
    }

    public String header(String name) {
        if (headers == null) {
            return null;
        }
        String value = headers.get(name);
        if (value != null) {
            return value;
        }
        for (var e : headers.entrySet()) {   // proxies may change the case of header names
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
