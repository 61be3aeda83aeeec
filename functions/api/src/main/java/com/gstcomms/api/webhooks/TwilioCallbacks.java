package com.gstcomms.api.webhooks;

import com.gstcomms.api.ProvidersConfig;
import com.gstcomms.api.http.Json;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.ShopCredential;
import com.gstcomms.runtime.data.Suppression;
import com.gstcomms.runtime.secrets.PlatformSecret;
import com.gstcomms.runtime.secrets.PlatformSecrets;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static com.gstcomms.runtime.work.NativeSql.rows;
import static com.gstcomms.runtime.work.NativeSql.update;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inSessionLater;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * Twilio posts status callbacks and inbound WhatsApp messages to the URL the message (or the sender)
 * names: {@code /v1/webhooks/twilio/{callbackRef}}, the shop's unguessable reference (the WhatsApp function
 * sets it per message). The account SID says whose auth token signed the post: the shop's own Twilio
 * account (its sealed token, the one token unsealed), or the platform's. Only after the signature checks
 * out is anything read or changed.
 */
@ApplicationScoped
public class TwilioCallbacks {

    private static final Logger LOG = Logger.getLogger(TwilioCallbacks.class);
    static final String PROVIDER = "TWILIO";
    /** Twilio's default opt-out and opt-in keywords (Twilio "Advanced Opt-Out"). */
    static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    static final Set<String> START_WORDS = Set.of("START", "YES", "UNSTOP");
    /** Refused callbacks per shop and window before its token is no longer unsealed for callbacks. */
    static final int REFUSALS_PER_WINDOW = 20;
    static final Duration REFUSAL_WINDOW = Duration.ofMinutes(5);
    private static final String BUMP_REFUSALS = """
            insert into webhook_refusal_window (shop_id, window_start, refusals) values (?1, ?2, 1)
            on conflict (shop_id, window_start) do update set refusals = webhook_refusal_window.refusals + 1""";

    private final ProviderCredentials credentials;
    private final ProvidersConfig.Twilio platform;
    private final DeliveryEvents events;
    private final PlatformSecrets secrets;

    private final Clock clock;

    public TwilioCallbacks(ProviderCredentials credentials, ProvidersConfig.Twilio platform, DeliveryEvents events,
                           PlatformSecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
        this.credentials = credentials;
        this.platform = platform;
        this.events = events;
    }

    /**
     * Who a verified callback is about: the shop named by the callback URL, or none (the platform's own
     * account on the old URL without a shop reference).
     */
    public record Verified(Long shopId) {
    }

    /** Why a callback was refused; {@code rateLimited}: too many refusals for this shop, nothing was unsealed. */
    public record Refusal(boolean rateLimited, String reason) {
    }

    /**
     * Checks a callback posted to {@code /v1/webhooks/twilio/{callbackRef}}. The reference names one shop; the
     * AccountSid of the post says which token signed it: the shop's own account (its sealed token, the only
     * one unsealed), or the platform's (its token from the configuration). Nothing is read or changed before
     * the signature holds. A shop whose callbacks failed the check {@link #REFUSALS_PER_WINDOW} times in the
     * current {@link #REFUSAL_WINDOW} gets no more unsealing until the window ends (429): a leaked reference
     * cannot be used to run up decrypt calls.
     *
     * @return the shop, or why not
     */
    public Verified verify(String callbackRef, String url, Map<String, String> params, String signature) {
        String accountSid = params.get("AccountSid");
        if (accountSid == null || signature == null || callbackRef == null) {
            throw new Refused(new Refusal(false, "the signature or AccountSid is missing"));
        }
        OffsetDateTime window = currentWindow();
        var shops = inSession(() -> rows("""
                        select s.id, c.settings ->> 'accountSid' as account_sid, coalesce(w.refusals, 0) as refusals
                        from shop s
                        left join shop_credential c on c.shop_id = s.id and c.provider = 'TWILIO'
                        left join webhook_refusal_window w on w.shop_id = s.id and w.window_start = ?2
                        where s.callback_ref = ?1""", callbackRef, window).ifNoItem().after(Duration.ofSeconds(10)).fail());
        if (shops.isEmpty()) {
            throw new Refused(new Refusal(false, "no shop has this callback reference"));
        }
        Object[] row = shops.getFirst();
        long shopId = ((Number) row[0]).longValue();
        boolean signed;
        if (accountSid.equals(row[1])) {
            if (((Number) row[2]).intValue() >= REFUSALS_PER_WINDOW) {
                throw new Refused(new Refusal(true, "too many refused callbacks for this shop in this window"));
            }
            String token = inSession(() -> credentials.open(shopId, ShopCredential.Provider.TWILIO))
                    .map(ProviderCredentials.Opened::secret).orElse(null);
            signed = WebhookSignatures.twilioMatches(token, url, params, signature);
        } else {
            signed = signedByPlatform(accountSid, url, params, signature);
        }
        if (!signed) {
            // Counted on its own (autocommit), whatever happens to the request.
            inSession(() -> update(BUMP_REFUSALS, shopId, window).ifNoItem().after(Duration.ofSeconds(10)).fail());
            if (ThreadLocalRandom.current().nextInt(100) == 0) {
                OffsetDateTime old = window.minus(REFUSAL_WINDOW);
                inSessionLater(() -> update("delete from webhook_refusal_window where window_start < ?1", old));
            }
            throw new Refused(new Refusal(false, "the signature does not match this shop's account token"));
        }
        return new Verified(shopId);
    }

    /**
     * The old URL without a shop reference ({@code /v1/webhooks/twilio}): only the platform's own account,
     * whose token is configuration. No shop token is ever unsealed here.
     */
    public Verified verifyPlatform(String url, Map<String, String> params, String signature) {
        String accountSid = params.get("AccountSid");
        if (accountSid == null || signature == null || !signedByPlatform(accountSid, url, params, signature)) {
            throw new Refused(new Refusal(false, "not signed by the platform's Twilio account"));
        }
        return new Verified(null);
    }

    private boolean signedByPlatform(String accountSid, String url, Map<String, String> params, String signature) {
        // The token is read at run time (Secrets Manager in AWS, shared/runtime PlatformSecrets).
        String token = secrets.value(PlatformSecret.TWILIO_AUTH_TOKEN).orElse(null);
        return token != null && platform.accountSid().map(accountSid::equals).orElse(true)
                && WebhookSignatures.twilioMatches(token, url, params, signature);
    }

    private OffsetDateTime currentWindow() {
        long millis = REFUSAL_WINDOW.toMillis();
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(clock.millis() / millis * millis), ZoneOffset.UTC);
    }

    /** A refused callback (403, or 429 when rate limited). */
    public static final class Refused extends RuntimeException {
        private final Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.reason(), null, false, false);
            this.refusal = refusal;
        }

        public Refusal refusal() {
            return refusal;
        }
    }

    /** A status callback: moves the notification sent as {@code MessageSid}. */
    public boolean status(Verified who, Map<String, String> params) {
        String sid = params.get("MessageSid");
        String status = params.getOrDefault("MessageStatus", "").toLowerCase(Locale.ROOT);
        NotificationStatus moveTo = switch (status) {
            case "sent" -> NotificationStatus.SENT;
            case "delivered" -> NotificationStatus.DELIVERED;
            case "read" -> NotificationStatus.READ;
            case "failed" -> NotificationStatus.FAILED;
            case "undelivered" -> NotificationStatus.UNDELIVERED;
            default -> null;   // queued, accepted, sending, scheduled: recorded only
        };
        String errorCode = params.get("ErrorCode");
        return inTransaction(() -> findSent(who, sid).chain(n -> {
            if (n == null) {
                LOG.infof("Twilio status %s for unknown message %s ignored", status, sid);
                return Uni.createFrom().item(false);
            }
            // Twilio sends no event id: message + status is unique, so a replayed callback is a duplicate.
            return events.apply(new DeliveryEvents.Event(n.shopId, n.id, PROVIDER, sid + ":" + status, status, moveTo,
                    OffsetDateTime.now(clock), errorCode == null ? null : "Twilio error " + errorCode,
                    Json.write(params), errorCode == null ? null : "TWILIO_" + errorCode));
        }));
    }

    private static Uni<Notification> findSent(Verified who, String sid) {
        if (sid == null) {
            return Uni.createFrom().nullItem();
        }
        return who.shopId() == null
                ? Notification.<Notification>find("providerMessageId = ?1 and provider = ?2", sid, PROVIDER).firstResult()
                : Notification.<Notification>find("providerMessageId = ?1 and shopId = ?2", sid, who.shopId()).firstResult();
    }

    /**
     * An inbound WhatsApp message: opens the customer's 24-hour service window (Meta's rule for free-form
     * replies), and STOP / START opt the customer out of or back into WhatsApp messages. Each inbound
     * message (MessageSid) is applied once: Twilio's signature has no time in it, so a captured STOP, START
     * or button reply could otherwise be posted again later and undo the customer's last choice.
     */
    public int inbound(Verified who, Map<String, String> params) {
        String from = params.getOrDefault("From", "");
        String phone = from.startsWith("whatsapp:") ? from.substring("whatsapp:".length()) : from;
        String word = params.getOrDefault("Body", "").strip().toUpperCase(Locale.ROOT);
        String sid = params.get("MessageSid");
        if (who.shopId() == null || phone.isBlank() || sid == null || sid.isBlank() || sid.length() > 64) {
            return 0;
        }
        long shopId = who.shopId();
        return inTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "insert into inbound_message (provider, message_sid, shop_id) values (?1, ?2, ?3) "
                                        + "on conflict do nothing")
                        .setParameter(1, PROVIDER).setParameter(2, sid).setParameter(3, shopId).executeUpdate())
                .chain(inserted -> inserted == 0
                        ? Uni.createFrom().item(List.<Customer>of())   // seen before: a replay changes nothing
                        : Customer.<Customer>find("shopId = ?1 and phone = ?2", shopId, phone).list())
                .chain(customers -> {
                    Uni<Void> done = Uni.createFrom().voidItem();
                    OffsetDateTime now = OffsetDateTime.now(clock);   // opens the 24-hour service window
                    for (Customer c : customers) {
                        c.lastInboundWhatsappAt = now;
                        c.updatedAt = now;
                        if (STOP_WORDS.contains(word)) {
                            c.whatsappOptIn = false;
                            done = done.chain(() -> events.suppress(c.shopId, Channel.WHATSAPP, phone,
                                    Suppression.Reason.OPTED_OUT, "twilio:inbound"));
                        } else if (START_WORDS.contains(word)) {
                            c.whatsappOptIn = true;
                            c.whatsappOptInAt = now;
                            done = done.chain(() -> Suppression.delete("shopId = ?1 and channel = ?2 and address = ?3",
                                    c.shopId, Channel.WHATSAPP, phone).replaceWithVoid());
                        }
                    }
                    return done.replaceWith(customers.size());
                }));
    }
}
