package com.gstcomms.runtime.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.message.Command;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.core.message.SendWhatsApp;
import com.gstcomms.runtime.config.QueuesConfig;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.queue.CommandQueue;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Creates notification rows and queues their send commands — the one way every entry point (API,
 * scheduler, invoice renderer, WhatsApp→email fallback) asks for a message.
 *
 * <p>Two steps, because a queue is not part of the database transaction: {@link #create} inside the
 * caller's transaction (idempotent by the shop's idempotency key: a repeat returns the first row and
 * creates nothing), then {@link #enqueue} after commit. A row left QUEUED without a command (the process
 * died between the two) is re-queued by the scheduler's sweep; the worker's claim makes a duplicate
 * command harmless.
 */
@ApplicationScoped
public class Notifier {

    private final CommandQueue queue;
    private final QueuesConfig queues;
    private final ObjectMapper json;
    private final Clock clock;

    public Notifier(CommandQueue queue, QueuesConfig queues, ObjectMapper json, Clock clock) {
        this.queue = queue;
        this.queues = queues;
        this.json = json;
        this.clock = clock;
    }

    /** The notification for this request: the existing one for a repeated idempotency key, else a new row. */
    public Uni<Created> create(NotificationRequest request) {
        return Notification.<Notification>find("shopId = ?1 and idempotencyKey = ?2", request.shopId(),
                        request.idempotencyKey()).firstResult()
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(new Created(existing, false))
                        : customer(request).chain(customer -> insert(request, customer)));
    }

    /**
     * {@link #create} for many requests of one shop in a few statements instead of a few per request (a
     * campaign page): one query finds the keys already used, one finds the customers not given, and the
     * new rows are inserted together. The result is in the order of the requests.
     *
     * @param knownCustomers customers the caller has already loaded, by id (may be empty)
     */
    public Uni<List<Created>> createAll(long shopId, List<NotificationRequest> requests,
                                        java.util.Map<Long, Customer> knownCustomers) {
        if (requests.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (requests.stream().anyMatch(r -> r.shopId() != shopId)) {
            throw new IllegalArgumentException("createAll takes the requests of one shop, " + shopId);
        }
        List<String> keys = requests.stream().map(NotificationRequest::idempotencyKey).toList();
        List<Long> missing = requests.stream().map(NotificationRequest::customerId)
                .filter(id -> id != null && !knownCustomers.containsKey(id)).distinct().toList();
        Uni<List<Customer>> loaded = missing.isEmpty() ? Uni.createFrom().item(List.of())
                : Customer.<Customer>list("shopId = ?1 and id in ?2", shopId, missing);
        return Notification.<Notification>list("shopId = ?1 and idempotencyKey in ?2", shopId, keys)
                .chain(existing -> loaded.chain(more -> {
                    java.util.Map<String, Notification> byKey = new java.util.HashMap<>();
                    existing.forEach(n -> byKey.put(n.idempotencyKey, n));
                    java.util.Map<Long, Customer> customers = new java.util.HashMap<>(knownCustomers);
                    more.forEach(c -> customers.put(c.id, c));
                    List<Created> result = new java.util.ArrayList<>();
                    List<Notification> fresh = new java.util.ArrayList<>();
                    for (NotificationRequest request : requests) {
                        Notification known = byKey.get(request.idempotencyKey());
                        if (known != null) {
                            result.add(new Created(known, false));
                            continue;
                        }
                        Customer customer = request.customerId() == null ? null : customers.get(request.customerId());
                        if (request.customerId() != null && customer == null) {
                            throw new IllegalArgumentException("Customer " + request.customerId() + " does not exist");
                        }
                        Notification n = build(request, customer);
                        byKey.put(request.idempotencyKey(), n);
                        fresh.add(n);
                        result.add(new Created(n, true));
                    }
                    return fresh.isEmpty() ? Uni.createFrom().item(result)
                            : Notification.persist(fresh).replaceWith(result);
                }));
    }

    private Uni<Customer> customer(NotificationRequest request) {
        if (request.customerId() == null) {
            return Uni.createFrom().nullItem();
        }
        return Customer.<Customer>find("id = ?1 and shopId = ?2", request.customerId(), request.shopId()).firstResult()
                .onItem().ifNull().failWith(() -> new IllegalArgumentException(
                        "Customer " + request.customerId() + " does not exist"));
    }

    private Uni<Created> insert(NotificationRequest request, Customer customer) {
        return build(request, customer).<Notification>persist().map(saved -> new Created(saved, true));
    }

    private Notification build(NotificationRequest request, Customer customer) {
        Notification n = new Notification();
        n.shopId = request.shopId();
        n.customerId = request.customerId();
        n.channel = request.channel() != null ? request.channel() : autoChannel(customer);
        n.kind = request.kind();
        n.locale = request.locale() != null ? request.locale() : customer != null ? customer.locale : "en";
        n.recipient = recipient(request, customer, n.channel);
        n.subject = request.subject();
        n.variables = toJson(request);
        n.attachmentKeys = request.attachmentKeys().toArray(String[]::new);
        n.invoiceId = request.invoiceId();
        n.campaignId = request.campaignId();
        n.templateId = request.templateId();
        n.idempotencyKey = request.idempotencyKey();
        // The injected clock, as the scheduler's: a reminder it puts off to a later moment stays SCHEDULED.
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (request.scheduledAt() != null && request.scheduledAt().isAfter(now)) {
            n.status = NotificationStatus.SCHEDULED;
            n.scheduledAt = request.scheduledAt();
        } else {
            n.status = NotificationStatus.QUEUED;
            n.queuedAt = now;
        }
        n.bulk = request.bulk();
        return n;
    }

    /** AUTO: WhatsApp where the customer opted in and has a phone, else email (docs/ARCHITECTURE.md "HTTP API"). */
    static Channel autoChannel(Customer customer) {
        return customer.whatsappOptIn && customer.phone != null && !customer.phone.isBlank()
                ? Channel.WHATSAPP : Channel.EMAIL;
    }

    private static String recipient(NotificationRequest request, Customer customer, Channel channel) {
        if (request.recipient() != null && !request.recipient().isBlank()) {
            return request.recipient().trim();
        }
        String address = channel == Channel.WHATSAPP ? customer.phone : customer.email;
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("Customer " + customer.id + " has no "
                    + (channel == Channel.WHATSAPP ? "phone number" : "email address") + " for " + channel);
        }
        return address;
    }

    private String toJson(NotificationRequest request) {
        try {
            return json.writeValueAsString(request.variables());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Variables cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    /** Queues the send command of each QUEUED notification, after the transaction that created them committed. */
    public void enqueue(List<Notification> notifications) {
        for (Channel channel : Channel.values()) {
            for (boolean bulk : new boolean[] {false, true}) {
                List<Command> commands = notifications.stream()
                        .filter(n -> n.status == NotificationStatus.QUEUED && n.channel == channel && n.bulk == bulk)
                        .map(n -> (Command) (channel == Channel.EMAIL
                                ? new SendEmail(n.shopId, n.id, null)
                                : new SendWhatsApp(n.shopId, n.id, null)))
                        .toList();
                if (!commands.isEmpty()) {
                    queue.sendAll(queueUrl(channel, bulk), commands);
                }
            }
        }
    }

    public void enqueue(Notification notification) {
        enqueue(List.of(notification));
    }

    private String queueUrl(Channel channel, boolean bulk) {
        return switch (channel) {
            case EMAIL -> bulk ? QueuesConfig.required(queues.emailBulk(), "email-bulk")
                    : QueuesConfig.required(queues.email(), "email");
            case WHATSAPP -> bulk ? QueuesConfig.required(queues.whatsappBulk(), "whatsapp-bulk")
                    : QueuesConfig.required(queues.whatsapp(), "whatsapp");
        };
    }

    /** The notification, and whether this call created it (false for a repeated idempotency key). */
    public record Created(Notification notification, boolean isNew) {
    }
}
