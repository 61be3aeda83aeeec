package com.gstcomms.whatsapp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.notify.NotificationRequest;
import com.gstcomms.runtime.notify.Notifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the shop enabled it ({@code shop.whatsapp_fallback_to_email}), a WhatsApp message that failed for
 * good goes again by email: the same kind, locale, variables, invoice and attachments, to the customer's
 * email address, as a new EMAIL notification made by {@link Notifier} with idempotency key
 * {@code fallback:{notificationId}} (so it is made once, however often this runs).
 */
@ApplicationScoped
public class EmailFallback {

    private static final Logger LOG = Logger.getLogger(EmailFallback.class);

    private final Notifier notifier;
    private final ObjectMapper json;

    public EmailFallback(Notifier notifier, ObjectMapper json) {
        this.notifier = notifier;
        this.json = json;
    }

    public static String idempotencyKey(long notificationId) {
        return "fallback:" + notificationId;
    }

    /**
     * The email notification for a failed WhatsApp one, created in the caller's transaction; empty when the
     * shop did not enable the fallback or the customer has no email address. Queue it after commit with
     * {@link #enqueue}.
     */
    public Uni<Optional<Notification>> create(Shop shop, Customer customer, Notification failed) {
        if (!shop.whatsappFallbackToEmail) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (customer == null || customer.email == null || customer.email.isBlank()) {
            LOG.infof("Notification %d failed on WhatsApp; no email fallback: %s", failed.id,
                    customer == null ? "it is not addressed to a customer" : "customer " + customer.id
                            + " has no email address");
            return Uni.createFrom().item(Optional.empty());
        }
        NotificationRequest request = new NotificationRequest(failed.shopId, customer.id, Channel.EMAIL,
                failed.kind, failed.locale, null, failed.subject, variables(failed),
                List.of(failed.attachmentKeys), failed.invoiceId, failed.campaignId, null,
                idempotencyKey(failed.id), null, failed.bulk);
        return notifier.create(request).map(created -> created.isNew()
                ? Optional.of(created.notification()) : Optional.empty());
    }

    /** Queues the email's send command (after the transaction that created it committed). */
    public void enqueue(Notification email) {
        try {
            notifier.enqueue(email);
        } catch (RuntimeException e) {
            // The row is QUEUED and stays visible; the scheduler's sweep queues rows left without a command.
            LOG.errorf("Email fallback notification %d was created but could not be queued: %s", email.id,
                    e.getMessage());
        }
    }

    /** The failed message's variables (NotificationRequest copies them with Map.copyOf: no nulls). */
    private Map<String, Object> variables(Notification n) {
        try {
            Map<String, Object> parsed = n.variables == null ? new LinkedHashMap<>()
                    : json.readValue(n.variables, new TypeReference<LinkedHashMap<String, Object>>() { });
            parsed.values().removeIf(Objects::isNull);
            return parsed;
        } catch (IOException e) {
            return Map.of();
        }
    }
}
