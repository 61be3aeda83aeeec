package com.gstcomms.api.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Json;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.settings.ReminderSettings;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * The shop's automated messages, stored where their readers look:
 * <ul>
 *   <li>{@code settings.reminders} {enabled, offsetsDays, channels, maxCount} and {@code settings.sendWindow}
 *       {from, to} (India time; outside it are the quiet hours) — read by the scheduler (shared/runtime {@code ReminderRules});</li>
 *   <li>{@code shop.whatsapp_fallback_to_email} — read by the WhatsApp function's EmailFallback;</li>
 *   <li>{@code settings.automated} {orderConfirmation, shippingUpdate: {email, whatsapp}} — stored for the
 *       order and shipping triggers; no function sends these automatically yet.</li>
 * </ul>
 * Reminders and the window go through {@link ReminderSettings}, as {@code PUT /v1/settings/shop} does.
 */
@ApplicationScoped
public class AutomationSettings {

    private final AuditTrail audit;

    public AutomationSettings(AuditTrail audit) {
        this.audit = audit;
    }

    /** {@code channels}: reminder channels in order of preference (WHATSAPP, EMAIL). */
    @TemplateData
    public record Automation(boolean remindersEnabled, List<Integer> offsetsDays, List<String> channels, int maxCount,
                             String sendFrom, String sendTo, boolean orderEmail, boolean orderWhatsapp,
                             boolean shippingEmail, boolean shippingWhatsapp, boolean whatsappFallbackToEmail) {

        public String offsetsText() {
            return String.join(", ", offsetsDays.stream().map(String::valueOf).toList());
        }

        public String channelOrder() {
            return String.join(",", channels);
        }
    }

    public Automation get(long shopId) {
        Shop shop = inSession(() -> Shop.<Shop>findById(shopId));
        JsonNode root = Json.tree(shop.settings);
        ReminderSettings.Reminders r = ReminderSettings.reminders(root);
        ReminderSettings.SendWindow window = ReminderSettings.sendWindow(root);
        JsonNode auto = root.path("automated");
        return new Automation(r.enabled(), r.offsetsDays(), r.channels(), r.maxCount(), window.from(), window.to(),
                auto.path("orderConfirmation").path("email").asBoolean(false),
                auto.path("orderConfirmation").path("whatsapp").asBoolean(false),
                auto.path("shippingUpdate").path("email").asBoolean(false),
                auto.path("shippingUpdate").path("whatsapp").asBoolean(false),
                shop.whatsappFallbackToEmail);
    }

    /** What a form sends: texts as typed (checked below, every wrong field at once). */
    public record Change(boolean remindersEnabled, String offsetsDays, String channelOrder, String maxCount,
                         String sendFrom, String sendTo, boolean orderEmail, boolean orderWhatsapp,
                         boolean shippingEmail, boolean shippingWhatsapp, boolean whatsappFallbackToEmail) {
    }

    public Automation save(Caller who, Change change) {
        FieldErrors errors = new FieldErrors();
        List<Integer> offsets = offsets(errors, change.offsetsDays());
        List<String> channels = switch (change.channelOrder() == null ? "" : change.channelOrder().strip().toUpperCase(Locale.ROOT)) {
            case "WHATSAPP,EMAIL" -> List.of("WHATSAPP", "EMAIL");
            case "EMAIL,WHATSAPP" -> List.of("EMAIL", "WHATSAPP");
            case "EMAIL" -> List.of("EMAIL");
            case "WHATSAPP" -> List.of("WHATSAPP");
            default -> {
                errors.add("channelOrder", "choose WHATSAPP,EMAIL, EMAIL,WHATSAPP, EMAIL or WHATSAPP");
                yield null;
            }
        };
        Integer max = errors.parse("maxCount", change.maxCount(), text -> {
            try {
                return Integer.parseInt(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("maxCount must be a whole number between 1 and " + ReminderSettings.MAX_COUNT);
            }
        });
        ReminderSettings.Reminders reminders = ReminderSettings.check(
                new ReminderSettings.Reminders(change.remindersEnabled(), offsets, channels, max), errors::add, "");
        ReminderSettings.SendWindow window = ReminderSettings.check(
                new ReminderSettings.SendWindow(change.sendFrom(), change.sendTo()), errors::add, "sendFrom", "sendTo");
        errors.throwIfAny();
        inTransaction(() -> Shop.<Shop>findById(who.shopId()).call(shop -> {
            ObjectNode settings = (ObjectNode) Json.tree(shop.settings);
            ReminderSettings.write(settings, reminders);
            ReminderSettings.write(settings, window);
            ObjectNode auto = settings.putObject("automated");
            auto.putObject("orderConfirmation").put("email", change.orderEmail()).put("whatsapp", change.orderWhatsapp());
            auto.putObject("shippingUpdate").put("email", change.shippingEmail()).put("whatsapp", change.shippingWhatsapp());
            shop.settings = settings.toString();
            shop.whatsappFallbackToEmail = change.whatsappFallbackToEmail();
            shop.updatedAt = OffsetDateTime.now();
            return audit.record(who, "settings.automation.update", "shop", shop.id,
                    Map.of("remindersEnabled", reminders.enabled(), "offsetsDays", reminders.offsetsDays(),
                            "sendWindow", window.from() + "-" + window.to(),
                            "whatsappFallbackToEmail", change.whatsappFallbackToEmail()));
        }));
        return get(who.shopId());
    }

    /** The days as typed ("-3, 0, 7"): whole numbers; their range is checked with the rest of the rules. */
    private static List<Integer> offsets(FieldErrors errors, String text) {
        List<Integer> offsets = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return offsets;   // "give at least one day" comes from ReminderSettings.check
        }
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                offsets.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                errors.add("offsetsDays", "'" + part + "' is not a whole number of days");
            }
        }
        return offsets;
    }
}
