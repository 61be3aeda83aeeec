package com.gstcomms.whatsapp;

import com.gstcomms.providers.twilio.OutgoingMessage;
import com.gstcomms.providers.twilio.TwilioRefusal;
import com.gstcomms.core.message.SendWhatsApp;
import com.gstcomms.core.validation.Phone;
import com.gstcomms.core.validation.Validated;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.data.ShopCredential;
import com.gstcomms.runtime.data.Suppression;
import com.gstcomms.runtime.data.Template;
import com.gstcomms.runtime.lambda.RetryLater;
import com.gstcomms.runtime.lambda.SqsBatch;
import com.gstcomms.runtime.work.NotificationClaims;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.Optional;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * Sends one WhatsApp notification (issue 5). In order:
 * <ol>
 *   <li>Claim the row (QUEUED → SENDING, {@link NotificationClaims}); a redelivered command gets nothing
 *       and sends nothing.</li>
 *   <li>Who: the number in E.164 (libphonenumber); a suppressed number (STOP) or a customer who has not
 *       opted in → SUPPRESSED, nothing sent.</li>
 *   <li>What ({@link MessagePlan}): free-form text inside the 24-hour customer service window, else the
 *       approved Content template; the invoice PDF as a short-lived link.</li>
 *   <li>When: the sender's turn under its throughput cap ({@link SenderTokenBucket}).</li>
 *   <li>Send through Twilio with the API's StatusCallback; SENT with the message SID, or react to
 *       Twilio's error ({@link TwilioErrors}): resend as the template (63016), FAILED (+ email fallback),
 *       SUPPRESSED (21610), or back to the queue with backoff (claim released first).</li>
 * </ol>
 */
@ApplicationScoped
public class WhatsAppDelivery {

    private static final Logger LOG = Logger.getLogger(WhatsAppDelivery.class);

    /** Recipients without a customer row may only be the shop's own number (the merchant's test message). */
    static final String NOT_OPTED_IN = "NOT_OPTED_IN";

    private final NotificationClaims claims;
    private final SenderAccounts accounts;
    private final ContentTemplates templates;
    private final MessagePlan plans;
    private final SenderTokenBucket senderTurns;
    private final WhatsAppProvider provider;
    private final EmailFallback fallback;
    private final WhatsAppConfig config;

    public WhatsAppDelivery(NotificationClaims claims, SenderAccounts accounts, ContentTemplates templates,
                            MessagePlan plans, SenderTokenBucket senderTurns, WhatsAppProvider provider,
                            EmailFallback fallback, WhatsAppConfig config) {
        this.claims = claims;
        this.accounts = accounts;
        this.templates = templates;
        this.plans = plans;
        this.senderTurns = senderTurns;
        this.provider = provider;
        this.fallback = fallback;
        this.config = config;
    }

    /**
     * Everything known about one claimed notification before sending.
     *
     * @param to          {@code whatsapp:+E164}
     * @param customer    the customer the number belongs to, if any
     * @param doNotSend   why the number must not be messaged, or null
     */
    record Recipient(Notification notification, Shop shop, Customer customer, String to, DoNotSend doNotSend,
                     SenderAccount account, Template template) {
    }

    /** Why a number must not get the message: SUPPRESSED with this code and reason. */
    record DoNotSend(String code, String reason) {
    }

    public void deliver(SendWhatsApp command, SqsBatch.Delivery delivery) {
        Optional<Notification> claimed = inTransaction(() ->
                claims.claim(command.shopId(), command.notificationId(), config.claimLease()));
        if (claimed.isEmpty()) {
            // Already sent or finished, or another worker holds it: a redelivery sends nothing.
            LOG.debugf("Notification %d is not QUEUED (done or held elsewhere); nothing to send",
                    command.notificationId());
            return;
        }
        Notification n = claimed.get();
        boolean handedToTwilio = false;
        try {
            Recipient r = inSession(() -> recipient(n));
            if (r.doNotSend() != null) {
                suppress(n, r.doNotSend().code(), r.doNotSend().reason(), null);
                return;
            }
            MessagePlan.Plan plan = plans.plan(r);
            OutgoingMessage message = plan.first();
            while (true) {
                try {
                    senderTurns.awaitTurn(r.account().accountSid(), r.account().sender(), r.account().messagesPerSecond());
                } catch (RetryLater busy) {
                    inTransaction(() -> claims.release(n.shopId, n.id, null, null));
                    throw busy;
                }
                String sid;
                try {
                    handedToTwilio = true;
                    sid = provider.send(r.account(), message);
                } catch (TwilioRefusal refusal) {
                    handedToTwilio = false;
                    if (TwilioErrors.classify(refusal) == TwilioErrors.Reaction.RESEND_AS_TEMPLATE && !message.isTemplate()) {
                        // Twilio 63016: the window had closed after all (e.g. the customer's last message
                        // was recorded late). Only an approved template may go now — never the text again.
                        LOG.infof("Notification %d: Twilio 63016 (outside the 24-hour window); resending as the "
                                + "approved template", n.id);
                        Optional<OutgoingMessage> template = plan.template();
                        if (template.isEmpty()) {
                            fail(n, provider.name(), refusal.errorCode(), refusal.getMessage() + " (template "
                                    + r.template().id + " has no approved Content template to send instead)");
                            return;
                        }
                        message = template.get();
                        continue;
                    }
                    react(n, r, refusal, delivery);
                    return;
                }
                sent(n, r.account(), sid);
                return;
            }
        } catch (Undeliverable e) {
            fail(n, null, e.code(), e.getMessage());
        } catch (RetryLater e) {
            throw e;
        } catch (RuntimeException e) {
            if (!handedToTwilio) {
                // Nothing left us: give the row back so the redelivered command can claim it at once
                // (if this fails too, the lease runs out and the redelivery claims it then).
                try {
                    inTransaction(() -> claims.release(n.shopId, n.id, "INTERNAL_ERROR", e.getClass().getSimpleName()));
                } catch (RuntimeException releaseFailed) {
                    e.addSuppressed(releaseFailed);
                }
            }
            throw e;
        }
    }

    /** Loads who the message is for and through which account, in one session. */
    private Uni<Recipient> recipient(Notification n) {
        return Shop.<Shop>findById(n.shopId).chain(shop -> customerById(n).chain(byId -> {
            String e164 = e164(n, byId);
            Uni<Customer> customer = byId != null || n.customerId != null ? Uni.createFrom().item(byId)
                    : Customer.<Customer>find("shopId = ?1 and phone = ?2", n.shopId, e164).firstResult();
            return customer.chain(c -> Suppression.findFor(n.shopId, Channel.WHATSAPP, e164).chain(suppression -> {
                DoNotSend doNotSend = doNotSend(n, shop, c, e164, suppression);
                if (doNotSend != null) {
                    return Uni.createFrom().item(new Recipient(n, shop, c, "whatsapp:" + e164, doNotSend, null, null));
                }
                return accounts.forShop(n.shopId).chain(account -> templates.forNotification(n, account.shopOwned())
                        .map(template -> new Recipient(n, shop, c, "whatsapp:" + e164, null, account, template)));
            }));
        }));
    }

    private static Uni<Customer> customerById(Notification n) {
        return n.customerId == null ? Uni.createFrom().nullItem()
                : Customer.<Customer>find("id = ?1 and shopId = ?2", n.customerId, n.shopId).firstResult();
    }

    /** The recipient in E.164 — written any usual way, read in the customer's country (else India). */
    static String e164(Notification n, Customer customer) {
        String raw = n.recipient == null ? "" : n.recipient.strip();
        if (raw.regionMatches(true, 0, "whatsapp:", 0, 9)) {
            raw = raw.substring(9);
        }
        String region = customer != null && customer.countryCode != null && !customer.countryCode.isBlank()
                ? customer.countryCode.strip() : Phone.DEFAULT_REGION;
        Validated<String> number = Phone.toE164(raw, region);
        return number.validValue().orElseThrow(() -> new Undeliverable("INVALID_NUMBER",
                "Recipient of notification " + n.id + ": " + number.rejection().orElse("not a phone number")));
    }

    /**
     * Why this number must not get the message, or null. A suppression (the customer replied STOP, or the
     * shop blocked the number) wins over everything; then Meta's rule that business-initiated WhatsApp
     * needs the customer's opt-in.
     */
    static DoNotSend doNotSend(Notification n, Shop shop, Customer customer, String e164, Suppression suppression) {
        if (suppression != null) {
            return new DoNotSend(suppression.reason.name(), e164 + " is suppressed for WhatsApp (" + suppression.reason
                    + (suppression.source == null ? "" : ", " + suppression.source) + ")");
        }
        if (customer != null) {
            return customer.whatsappOptIn ? null
                    : new DoNotSend(NOT_OPTED_IN, "Customer " + customer.id + " has not opted in to WhatsApp");
        }
        boolean shopsOwnNumber = shop.phone != null && Phone.toE164(shop.phone).validValue()
                .map(e164::equals).orElse(false);
        return shopsOwnNumber ? null : new DoNotSend(NOT_OPTED_IN, "Notification " + n.id + " is for " + e164
                + ", which is neither a customer who opted in to WhatsApp nor the shop's own number");
    }

    private void react(Notification n, Recipient r, TwilioRefusal refusal, SqsBatch.Delivery delivery) {
        String code = refusal.errorCode();
        String message = refusal.getMessage();
        switch (TwilioErrors.classify(refusal)) {
            case RETRY -> {
                if (delivery.receiveCount() >= config.maxAttempts()) {
                    fail(n, provider.name(), code, "Gave up after " + delivery.receiveCount() + " attempts: " + message);
                    return;
                }
                inTransaction(() -> claims.release(n.shopId, n.id, code, message));
                throw new RetryLater("Twilio " + code + ": " + message,
                        RetryLater.backoff(delivery.receiveCount(), config.retryBase(), config.retryMax()));
            }
            case OPTED_OUT -> suppress(n, code, message, r.to().substring("whatsapp:".length()));
            case AUTHENTICATION -> {
                LOG.errorf("Twilio refused the credentials of %s (%s); notification %d failed", r.account().shopOwned()
                        ? "shop " + n.shopId : "the platform account", code, n.id);
                accounts.forget(n.shopId);
                fail(n, provider.name(), code, message, r.account().shopOwned());
            }
            // RESEND_AS_TEMPLATE of a template (63016 again) is as final as a bad number.
            case PERMANENT, RESEND_AS_TEMPLATE -> fail(n, provider.name(), code, message);
        }
    }

    private void sent(Notification n, SenderAccount account, String sid) {
        boolean marked = inTransaction(() -> claims.markSent(n.shopId, n.id, provider.name(), sid)
                .call(() -> account.shopOwned() ? credentialWorks(n.shopId) : Uni.createFrom().voidItem()));
        if (!marked) {
            LOG.warnf("Notification %d was sent (%s) but was no longer this worker's to mark SENT", n.id, sid);
        }
    }

    private void fail(Notification n, String providerName, String code, String message) {
        fail(n, providerName, code, message, false);
    }

    /** FAILED for good; the email fallback (where enabled) in the same transaction, queued after commit. */
    private void fail(Notification n, String providerName, String code, String message, boolean credentialRefused) {
        LOG.infof("Notification %d failed on WhatsApp: %s %s", n.id, code, message);
        Optional<Notification> email = inTransaction(() -> claims.markFinal(n.shopId, n.id, NotificationStatus.FAILED,
                        providerName, code, message)
                .call(() -> credentialRefused ? credentialRefused(n.shopId, code, message) : Uni.createFrom().voidItem())
                .chain(marked -> !marked ? Uni.createFrom().item(Optional.<Notification>empty())
                        : Shop.<Shop>findById(n.shopId).chain(shop -> customerById(n)
                        .chain(customer -> fallback.create(shop, customer, n)))));
        email.ifPresent(fallback::enqueue);
    }

    /** SUPPRESSED; with {@code suppressE164}, the number is also added to the shop's WhatsApp suppressions. */
    private void suppress(Notification n, String code, String message, String suppressE164) {
        LOG.infof("Notification %d not sent: %s", n.id, message);
        inTransaction(() -> claims.markFinal(n.shopId, n.id, NotificationStatus.SUPPRESSED,
                        suppressE164 == null ? null : provider.name(), code, message)
                .call(() -> suppressE164 == null ? Uni.createFrom().voidItem() : addSuppression(n.shopId, suppressE164)));
    }

    private static Uni<Integer> addSuppression(long shopId, String e164) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into suppression (id, shop_id, channel, address, reason, source, created_at)
                        values (nextval('suppression_seq'), :shopId, 'WHATSAPP', :address, 'OPTED_OUT',
                                'twilio-21610', now())
                        on conflict (shop_id, channel, address) do nothing""")
                .setParameter("shopId", shopId)
                .setParameter("address", e164)
                .executeUpdate());
    }

    /**
     * Makes the refusal visible on the service status: the shop's Twilio settings show AUTH_FAILED and
     * Twilio's code and message (never the token) until a message goes through again.
     */
    private static Uni<Integer> credentialRefused(long shopId, String code, String message) {
        return ShopCredential.update("status = ?1, lastError = ?2, lastCheckedAt = ?3 where shopId = ?4 and provider = ?5",
                "AUTH_FAILED", "Twilio " + code + ": " + message, OffsetDateTime.now(), shopId,
                ShopCredential.Provider.TWILIO);
    }

    private static Uni<Integer> credentialWorks(long shopId) {
        return ShopCredential.update("status = ?1, lastError = null, lastCheckedAt = ?2 "
                        + "where shopId = ?3 and provider = ?4 and status <> ?1",
                "OK", OffsetDateTime.now(), shopId, ShopCredential.Provider.TWILIO);
    }

}
