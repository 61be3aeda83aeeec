package com.gstcomms.api.notifications;

import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Problem;
import com.gstcomms.api.ApiConfig;
import com.gstcomms.core.validation.DateWindow;
import com.gstcomms.core.validation.Email;
import com.gstcomms.core.validation.Phone;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.Template;
import com.gstcomms.runtime.notify.NotificationRequest;
import com.gstcomms.runtime.notify.Notifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/** {@code POST /v1/notifications}: checks the request, creates the row through the Notifier, queues it. */
@ApplicationScoped
public class NotificationSending {

    private static final Logger LOG = Logger.getLogger(NotificationSending.class);

    private final Notifier notifier;
    private final AuditTrail audit;
    private final DateWindow schedule;
    private final Clock clock;

    public NotificationSending(Notifier notifier, AuditTrail audit, ApiConfig config, Clock clock) {
        this.clock = clock;
        this.notifier = notifier;
        this.audit = audit;
        this.schedule = DateWindow.schedule(config.maxDaysAhead());
    }

    /** What a valid request resolved to, before the row exists. */
    private record Checked(Channel channel, String kind, String recipient, OffsetDateTime scheduledAt) {
    }

    public NotificationView send(Caller caller, SendNotification body, String idempotencyKey) {
        if (body == null) {
            throw Problem.badRequest("Send a JSON body");
        }
        Checked checked = check(body);
        long shopId = caller.shopId();
        // The Idempotency-Key doubles as the notification's own key, so even a retry after a crash between
        // the database and the queue finds the first row.
        String key = idempotencyKey != null && !idempotencyKey.isBlank() ? "api:" + idempotencyKey.strip()
                : "api:" + UUID.randomUUID();
        Notifier.Created created;
        try {
            created = inTransaction(() -> references(shopId, body, checked)
                    .chain(attachments -> notifier.create(new NotificationRequest(shopId, body.customerId(),
                            checked.channel(), checked.kind(), body.locale(), checked.recipient(), body.subject(),
                            body.variables(), attachments, body.invoiceId(), null, body.templateId(), key,
                            checked.scheduledAt(), false)))
                    .call(c -> c.isNew() ? audit.record(caller, "notification.create", "notification",
                            c.notification().id, Map.of("channel", c.notification().channel.name(),
                                    "kind", c.notification().kind)) : Uni.createFrom().voidItem()));
        } catch (IllegalArgumentException e) {
            // The Notifier's own checks, e.g. a customer with no email address for an EMAIL message.
            throw Problem.unprocessable(e.getMessage());
        }
        if (created.isNew()) {
            enqueueAfterCommit(created.notification());
        }
        return NotificationView.of(created.notification());
    }

    /**
     * The queue is not part of the transaction. If sending fails the row stays QUEUED; the scheduler's
     * sweep re-queues such rows and the worker's claim makes a duplicate harmless, so the answer stays 202.
     */
    void enqueueAfterCommit(Notification notification) {
        try {
            notifier.enqueue(notification);
        } catch (RuntimeException e) {
            LOG.warnf(e, "notification %d is stored but could not be queued now; the sweep will queue it",
                    notification.id);
        }
    }

    private Checked check(SendNotification body) {
        FieldErrors errors = new FieldErrors();
        String channelText = body.channel() == null ? "AUTO" : body.channel().strip().toUpperCase(java.util.Locale.ROOT);
        Channel channel = null;
        switch (channelText) {
            case "AUTO" -> {
                if (body.customerId() == null) {
                    errors.add("customerId", "AUTO picks the channel from the customer's opt-ins: give customerId, "
                            + "or choose channel EMAIL or WHATSAPP");
                }
            }
            case "EMAIL" -> channel = Channel.EMAIL;
            case "WHATSAPP" -> channel = Channel.WHATSAPP;
            default -> errors.add("channel", "channel must be EMAIL, WHATSAPP or AUTO, not '" + body.channel() + "'");
        }
        if (body.kind() == null && body.templateId() == null) {
            errors.add("kind", "give kind (e.g. ORDER_CONFIRMATION) or templateId");
        }
        String kind = body.kind() == null ? null : errors.maxLength("kind", body.kind().strip().toUpperCase(java.util.Locale.ROOT), 40);
        if (kind != null && !kind.matches("[A-Z][A-Z0-9_]*")) {
            errors.add("kind", "kind is letters, digits and '_', like ORDER_CONFIRMATION");
        }
        errors.locale("locale", body.locale());
        errors.variables("variables", body.variables());
        String recipient = null;
        if (body.to() != null && body.to().length() > 320) {
            errors.add("to", "to has " + body.to().length() + " characters; at most 320 are allowed");
        } else if (body.to() != null && !body.to().isBlank()) {
            if (channel == Channel.EMAIL) {
                recipient = errors.check("to", Email.validate(body.to()));
            } else if (channel == Channel.WHATSAPP) {
                recipient = errors.check("to", Phone.toE164(body.to()));
            } else {
                errors.add("to", "with channel AUTO the address comes from the customer; choose EMAIL or WHATSAPP to use 'to'");
            }
        } else if (body.customerId() == null) {
            errors.add("to", "give customerId or to");
        }
        if (body.subject() != null) {
            errors.maxLength("subject", body.subject(), 998);
        }
        if (Boolean.TRUE.equals(body.attachInvoicePdf()) && body.invoiceId() == null) {
            errors.add("invoiceId", "attachInvoicePdf needs invoiceId");
        }
        OffsetDateTime scheduledAt = errors.parse("scheduledAt", body.scheduledAt(), text -> {
            try {
                return OffsetDateTime.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("scheduledAt must be an ISO-8601 time with offset, like 2026-11-25T10:15:00+05:30");
            }
        });
        if (scheduledAt != null) {
            scheduledAt = errors.check("scheduledAt", schedule.check("scheduledAt", scheduledAt, OffsetDateTime.now(clock)));
        }
        errors.throwIfAny();
        return new Checked(channel, kind, recipient, scheduledAt);
    }

    /** Checks that every id in the body is this shop's; returns the attachment keys. */
    private Uni<List<String>> references(long shopId, SendNotification body, Checked checked) {
        Uni<Void> customer = body.customerId() == null ? Uni.createFrom().voidItem()
                : Customer.<Customer>find("id = ?1 and shopId = ?2", body.customerId(), shopId).firstResult()
                .onItem().ifNull().failWith(() -> Problem.invalid("customerId", "customer " + body.customerId() + " was not found"))
                .replaceWithVoid();
        Uni<Void> template = body.templateId() == null ? Uni.createFrom().voidItem()
                : Template.<Template>find("id = ?1 and (shopId = ?2 or shopId is null)", body.templateId(), shopId)
                .firstResult()
                .onItem().ifNull().failWith(() -> Problem.invalid("templateId", "template " + body.templateId() + " was not found"))
                .invoke(t -> {
                    if (checked.channel() != null && t.channel != checked.channel()) {
                        throw Problem.invalid("templateId", "template " + t.id + " is for " + t.channel + ", not "
                                + checked.channel());
                    }
                }).replaceWithVoid();
        Uni<List<String>> attachments = body.invoiceId() == null ? Uni.createFrom().item(List.of())
                : Invoice.<Invoice>find("id = ?1 and shopId = ?2", body.invoiceId(), shopId).firstResult()
                .onItem().ifNull().failWith(() -> Problem.invalid("invoiceId", "invoice " + body.invoiceId() + " was not found"))
                .map(invoice -> {
                    if (!Boolean.TRUE.equals(body.attachInvoicePdf())) {
                        return List.<String>of();
                    }
                    if (invoice.pdfKey == null) {
                        throw Problem.unprocessable("The PDF of invoice " + invoice.number
                                + " is not rendered yet; POST /v1/invoices/" + invoice.id + "/send renders and sends it");
                    }
                    return List.of(invoice.pdfKey);
                });
        return customer.chain(() -> template).chain(() -> attachments);
    }

    static Map<String, Object> variables(Map<String, Object> variables) {
        return variables == null ? Map.of() : new LinkedHashMap<>(variables);
    }
}
