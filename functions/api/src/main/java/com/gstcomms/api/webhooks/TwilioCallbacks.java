package com.gstcomms.api.webhooks;

import com.gstcomms.api.ProvidersConfig;
import com.gstcomms.api.http.Json;
import com.gstcomms.runtime.data.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.ShopCredential;
import com.gstcomms.runtime.data.Suppression;
import com.gstcomms.runtime.secrets.PlatformSecret;
import com.gstcomms.runtime.secrets.PlatformSecrets;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * Twilio posts to one URL for both message status callbacks and inbound WhatsApp messages. The account
 * SID names whose auth token signed the post: a shop's own Twilio account (its sealed token), or the
 * platform's. Only after the signature checks out is anything read or changed.
 */
@ApplicationScoped
public class TwilioCallbacks {

    private static final Logger LOG = Logger.getLogger(TwilioCallbacks.class);
    static final String PROVIDER = "TWILIO";
    /** Twilio's default opt-out and opt-in keywords (Twilio "Advanced Opt-Out"). */
    static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    static final Set<String> START_WORDS = Set.of("START", "YES", "UNSTOP");

    private final ProviderCredentials credentials;
    private final ProvidersConfig.Twilio platform;
    private final DeliveryEvents events;
    private final PlatformSecrets secrets;

    private final io.vertx.mutiny.sqlclient.Pool pool;

    public TwilioCallbacks(ProviderCredentials credentials, ProvidersConfig.Twilio platform, DeliveryEvents events,
                           io.vertx.mutiny.sqlclient.Pool pool, PlatformSecrets secrets) {
        this.secrets = secrets;
        this.pool = pool;
        this.credentials = credentials;
        this.platform = platform;
        this.events = events;
    }

    /** The shops (empty for the platform's own account) whose token verified the signature. */
    public Optional<List<Long>> verify(String url, Map<String, String> params, String signature) {
        String accountSid = params.get("AccountSid");
        if (accountSid == null || signature == null) {
            return Optional.empty();
        }
        List<Long> shops = new ArrayList<>();
        var rows = pool.preparedQuery("select shop_id from shop_credential where provider = 'TWILIO' "
                        + "and settings ->> 'accountSid' = $1").execute(io.vertx.mutiny.sqlclient.Tuple.of(accountSid))
                .await().atMost(java.time.Duration.ofSeconds(10));
        for (var row : rows) {
            long shopId = row.getLong("shop_id");
            String token = inSession(() -> credentials.open(shopId, ShopCredential.Provider.TWILIO))
                    .map(ProviderCredentials.Opened::secret).orElse(null);
            if (WebhookSignatures.twilioMatches(token, url, params, signature)) {
                shops.add(shopId);
            }
        }
        // The platform's own account (messages of shops without their own Twilio settings).
        boolean platformAccount = platform.accountSid().map(accountSid::equals).orElse(true)
                && WebhookSignatures.twilioMatches(secrets.value(PlatformSecret.TWILIO_AUTH_TOKEN).orElse(null), url, params, signature);
        return shops.isEmpty() && !platformAccount ? Optional.empty() : Optional.of(shops);
    }

    /** A status callback: moves the notification sent as {@code MessageSid}. */
    public boolean status(List<Long> shops, Map<String, String> params) {
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
        return inTransaction(() -> findSent(shops, sid).chain(n -> {
            if (n == null) {
                LOG.infof("Twilio status %s for unknown message %s ignored", status, sid);
                return Uni.createFrom().item(false);
            }
            // Twilio sends no event id: message + status is unique, so a replayed callback is a duplicate.
            return events.apply(new DeliveryEvents.Event(n.shopId, n.id, PROVIDER, sid + ":" + status, status, moveTo,
                    OffsetDateTime.now(), errorCode == null ? null : "Twilio error " + errorCode,
                    Json.write(params), errorCode == null ? null : "TWILIO_" + errorCode));
        }));
    }

    private static Uni<Notification> findSent(List<Long> shops, String sid) {
        if (sid == null) {
            return Uni.createFrom().nullItem();
        }
        return shops.isEmpty()
                ? Notification.<Notification>find("providerMessageId = ?1 and provider = ?2", sid, PROVIDER).firstResult()
                : Notification.<Notification>find("providerMessageId = ?1 and shopId in ?2", sid, shops).firstResult();
    }

    /**
     * An inbound WhatsApp message: opens the customer's 24-hour service window (Meta's rule for free-form
     * replies), and STOP / START opt the customer out of or back into WhatsApp messages.
     */
    public int inbound(List<Long> shops, Map<String, String> params) {
        String from = params.getOrDefault("From", "");
        String phone = from.startsWith("whatsapp:") ? from.substring("whatsapp:".length()) : from;
        String word = params.getOrDefault("Body", "").strip().toUpperCase(Locale.ROOT);
        if (shops.isEmpty() || phone.isBlank()) {
            return 0;
        }
        return inTransaction(() -> Customer.<Customer>find("shopId in ?1 and phone = ?2", shops, phone).list()
                .chain(customers -> {
                    Uni<Void> done = Uni.createFrom().voidItem();
                    OffsetDateTime now = OffsetDateTime.now();
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
