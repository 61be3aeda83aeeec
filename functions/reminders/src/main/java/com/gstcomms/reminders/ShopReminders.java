package com.gstcomms.reminders;

import com.gstcomms.core.invoice.InvoiceFileName;
import com.gstcomms.core.message.RunReminders;
import com.gstcomms.core.money.Money;
import com.gstcomms.core.payment.UpiPaymentLink;
import com.gstcomms.runtime.config.QueuesConfig;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Invoice;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.notify.NotificationRequest;
import com.gstcomms.runtime.notify.Notifier;
import com.gstcomms.runtime.queue.CommandQueue;
import com.gstcomms.runtime.settings.ReminderRules;
import com.gstcomms.runtime.storage.ObjectStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * One shop's reminder run for one day: marks its invoices past due OVERDUE, then for each unpaid,
 * non-cancelled invoice whose due date is a reminder stage away from the day (by the shop's rules)
 * creates the reminder notification — once per invoice and stage, whatever the number of runs, because
 * its idempotency key is {@code reminder:{invoice}:{stage}} — and queues it, or schedules it for the
 * opening of the send window. Works through the invoices a page at a time; a full page queues a
 * continuation command, so no invocation grows with the shop's size.
 */
@ApplicationScoped
public class ShopReminders {

    private static final Logger LOG = Logger.getLogger(ShopReminders.class);
    static final String KIND = "PAYMENT_REMINDER";
    private static final List<Invoice.Status> UNPAID = List.of(
            Invoice.Status.ISSUED, Invoice.Status.SENT, Invoice.Status.PARTIALLY_PAID, Invoice.Status.OVERDUE);

    @ConfigMapping(prefix = "gstcomms.reminders")
    public interface Config {
        /** Invoices handled per invocation before a continuation is queued. */
        @WithDefault("1000")
        int pageSize();

        /** How long the payment links in a reminder stay valid (SigV4 presigning allows at most 7 days). */
        @WithDefault("7D")
        Duration linkValidity();
    }

    private final Notifier notifier;
    private final CommandQueue queue;
    private final QueuesConfig queues;
    private final ObjectStore store;
    private final Clock clock;
    private final Config config;

    ShopReminders(Notifier notifier, CommandQueue queue, QueuesConfig queues, ObjectStore store, Clock clock,
                  Config config) {
        this.notifier = notifier;
        this.queue = queue;
        this.queues = queues;
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    /** What one invocation did. */
    public record Outcome(int markedOverdue, int created, int alreadyThere, int skipped, boolean continued) {
    }

    public Outcome run(RunReminders command) {
        LocalDate day = command.date();
        Shop shop = inTransaction(() -> Shop.<Shop>findById(command.shopId()));
        if (shop == null) {
            return new Outcome(0, 0, 0, 0, false);
        }
        ReminderRules rules = ReminderRules.fromShopSettings(shop.settings);
        int overdue = command.afterInvoiceId() == 0 ? markOverdue(shop.id, day) : 0;
        if (!rules.enabled()) {
            return new Outcome(overdue, 0, 0, 0, false);
        }
        List<LocalDate> dueDates = rules.offsetsDays().stream().map(day::minusDays).toList();
        List<Invoice> page = inTransaction(() -> Invoice.<Invoice>find(
                        "shopId = ?1 and status in ?2 and dueDate in ?3 and id > ?4 order by id",
                        shop.id, UNPAID, dueDates, command.afterInvoiceId())
                .page(0, config.pageSize()).list());
        Instant now = clock.instant();
        Instant next = SendWindow.nextSendTime(now, rules.windowFrom(), rules.windowTo());
        // Inside the window: no time at all, so the row is queued now (the Notifier reads the same clock);
        // outside it: the window's next opening, for due-messages to queue then.
        Instant sendAt = next.isAfter(now) ? next : null;

        Map<Long, Customer> customers = customersOf(shop.id, page);
        Map<Long, Long> sentSoFar = remindersSoFar(shop.id, page);
        List<NotificationRequest> requests = new java.util.ArrayList<>();
        int skipped = 0;
        for (Invoice invoice : page) {
            Optional<NotificationRequest> request = reminderFor(shop, rules, invoice, day,
                    customers.get(invoice.customerId), sentSoFar.getOrDefault(invoice.id, 0L), sendAt);
            if (request.isPresent()) {
                requests.add(request.get());
            } else {
                skipped++;
            }
        }
        List<Notifier.Created> created = inTransaction(() -> Multi.createFrom().iterable(requests)
                .onItem().transformToUniAndConcatenate(notifier::create)
                .collect().asList());
        List<Notification> fresh = created.stream().filter(Notifier.Created::isNew)
                .map(Notifier.Created::notification).toList();
        notifier.enqueue(fresh);

        boolean continued = page.size() == config.pageSize();
        if (continued) {
            queue.send(QueuesConfig.required(queues.reminders(), "reminders"),
                    new RunReminders(shop.id, day, page.get(page.size() - 1).id, command.traceId()));
        }
        LOG.infof("Reminders for shop %d on %s: %d created, %d already there, %d skipped%s", shop.id, day,
                fresh.size(), created.size() - fresh.size(), skipped, continued ? ", continuing" : "");
        return new Outcome(overdue, fresh.size(), created.size() - fresh.size(), skipped, continued);
    }

    private int markOverdue(long shopId, LocalDate day) {
        return inTransaction(() -> Invoice.update(
                "status = ?1, updatedAt = current_timestamp where shopId = ?2 and status in ?3 and dueDate < ?4",
                Invoice.Status.OVERDUE, shopId,
                List.of(Invoice.Status.ISSUED, Invoice.Status.SENT, Invoice.Status.PARTIALLY_PAID), day));
    }

    private Map<Long, Customer> customersOf(long shopId, List<Invoice> invoices) {
        List<Long> ids = invoices.stream().map(i -> i.customerId).filter(java.util.Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return inTransaction(() -> Customer.<Customer>find("shopId = ?1 and id in ?2", shopId, ids).list())
                .stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
    }

    private Map<Long, Long> remindersSoFar(long shopId, List<Invoice> invoices) {
        if (invoices.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = invoices.stream().map(i -> i.id).toList();
        List<Object[]> rows = inTransaction(() -> Panache.getSession().chain(s -> s.createQuery(
                        "select n.invoiceId, count(n) from Notification n where n.shopId = :shop and n.kind = :kind"
                                + " and n.invoiceId in :ids group by n.invoiceId", Object[].class)
                .setParameter("shop", shopId).setParameter("kind", KIND).setParameter("ids", ids)
                .getResultList()));
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.put((Long) row[0], (Long) row[1]);
        }
        return counts;
    }

    private Optional<NotificationRequest> reminderFor(Shop shop, ReminderRules rules, Invoice invoice, LocalDate day,
                                                      Customer customer, long sentSoFar, Instant sendAt) {
        Money due = Money.ofPaise(invoice.grandTotalPaise - invoice.amountPaidPaise);
        if (due.signum() <= 0 || customer == null || sentSoFar >= rules.maxCount()) {
            return Optional.empty();
        }
        Optional<Channel> channel = rules.channels().stream().filter(c -> reachable(customer, c)).findFirst();
        if (channel.isEmpty()) {
            return Optional.empty();
        }
        int stage = (int) ChronoUnit.DAYS.between(invoice.dueDate, day);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("customerName", customer.displayName());
        variables.put("shopName", shop.tradeName != null ? shop.tradeName : shop.legalName);
        variables.put("invoiceNumber", invoice.number);
        variables.put("amountDue", due.toString());
        variables.put("dueDate", invoice.dueDate.toString());
        variables.put("daysOverdue", Math.max(0, stage));
        variables.put("daysUntilDue", Math.max(0, -stage));
        if (invoice.pdfKey != null) {
            variables.put("invoiceUrl", store.presignGet(invoice.pdfKey, config.linkValidity(),
                    Optional.of(InvoiceFileName.pdf(invoice.number))).toString());
        }
        if (shop.upiId != null && !shop.upiId.isBlank()) {
            variables.put("paymentLink", UpiPaymentLink.of(shop.upiId, shop.legalName, due, invoice.number));
        }
        return Optional.of(new NotificationRequest(shop.id, customer.id, channel.get(), KIND, customer.locale, null,
                null, variables, List.of(), invoice.id, null, null, "reminder:" + invoice.id + ":" + stage,
                sendAt == null ? null : sendAt.atOffset(ZoneOffset.UTC), false));
    }

    private static boolean reachable(Customer customer, Channel channel) {
        return switch (channel) {
            case WHATSAPP -> customer.whatsappOptIn && customer.phone != null && !customer.phone.isBlank();
            case EMAIL -> customer.email != null && !customer.email.isBlank();
        };
    }

    /** For tests: the stage key a reminder of this invoice on this day gets. */
    static String idempotencyKey(long invoiceId, LocalDate due, LocalDate day) {
        return "reminder:" + invoiceId + ":" + ChronoUnit.DAYS.between(due, day);
    }
}
