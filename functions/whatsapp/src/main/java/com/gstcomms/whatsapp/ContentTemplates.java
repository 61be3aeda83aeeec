package com.gstcomms.whatsapp;

import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The WhatsApp template of a notification, from the {@code template} table (channel WHATSAPP): its
 * approved Twilio Content template ({@code whatsapp_content_sid}, HX…), the names of its variables in
 * Content-variable order ({@code variables[0]} is {{1}}), and its free-form text ({@code body_text}) for
 * inside the customer service window.
 *
 * <p>Chosen as the notification's own template when it names one, else by kind and locale: the shop's
 * own row before the built-in one, the exact locale before its language before English, the highest
 * active version. A Content SID belongs to one Twilio account, so a shop sending through its own
 * account uses only its own rows; built-in rows carry the platform account's SIDs.
 */
@ApplicationScoped
public class ContentTemplates {

    public Uni<Template> forNotification(Notification n, boolean shopTemplatesOnly) {
        if (n.templateId != null) {
            return Template.<Template>findById(n.templateId).map(t -> {
                if (t == null || t.channel != Channel.WHATSAPP || (t.shopId != null && t.shopId != n.shopId)
                        || (shopTemplatesOnly && t.shopId == null)) {
                    throw new Undeliverable("NO_TEMPLATE", "Notification " + n.id + " names template " + n.templateId
                            + ", which is not a WhatsApp template " + (shopTemplatesOnly
                            ? "of this shop (it sends through its own Twilio account)" : "this shop can use"));
                }
                return t;
            });
        }
        List<String> locales = localesToTry(n.locale);
        return Template.<Template>find("channel = ?1 and kind = ?2 and active = true and locale in ?3 "
                                + "and (shopId = ?4 or shopId is null)",
                        Channel.WHATSAPP, n.kind, locales, n.shopId)
                .list()
                .map(rows -> rows.stream()
                        .filter(t -> !shopTemplatesOnly || t.shopId != null)
                        .min(Comparator.<Template>comparingInt(t -> t.shopId != null ? 0 : 1)
                                .thenComparingInt(t -> locales.indexOf(t.locale))
                                .thenComparing(Comparator.<Template>comparingInt(t -> t.version).reversed()))
                        .orElseThrow(() -> new Undeliverable("NO_TEMPLATE", "No active WhatsApp template of kind "
                                + n.kind + " for locale " + String.join(" or ", locales)
                                + (shopTemplatesOnly ? " among the shop's own templates (it sends through its own "
                                + "Twilio account, whose Content SIDs only it can use)" : ""))));
    }

    /** "hi-IN" → [hi-IN, hi, en]; "en" → [en]. */
    static List<String> localesToTry(String locale) {
        LinkedHashSet<String> order = new LinkedHashSet<>();
        if (locale != null && !locale.isBlank()) {
            order.add(locale.strip());
            int dash = locale.indexOf('-') >= 0 ? locale.indexOf('-') : locale.indexOf('_');
            if (dash > 0) {
                order.add(locale.substring(0, dash).strip().toLowerCase(Locale.ROOT));
            }
        }
        order.add("en");
        return new ArrayList<>(order);
    }
}
