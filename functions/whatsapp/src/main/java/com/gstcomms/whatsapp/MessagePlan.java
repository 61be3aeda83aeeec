package com.gstcomms.whatsapp;

import com.gstcomms.providers.twilio.OutgoingMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.data.Template;
import com.gstcomms.templates.MessageRenderException;
import com.gstcomms.templates.MessageTemplates;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides what goes to Twilio for a notification (Meta's WhatsApp rules, as Twilio applies them):
 * <ul>
 *   <li>Inside the 24-hour customer service window — the customer's last WhatsApp message to the shop,
 *       recorded by the API's webhook, less {@code gstcomms.whatsapp.window-margin} — the template's own
 *       text goes as free-form {@code Body} (Qute, with the notification's variables), the invoice PDF as
 *       {@code MediaUrl}.</li>
 *   <li>Outside it (business-initiated: order confirmation, shipping update, invoice, reminder, campaign)
 *       only an approved Content template may go: {@code ContentSid} + {@code ContentVariables}
 *       {"1": …, "2": …} in the order of the template's {@code variables}. The invoice PDF then travels in
 *       the template's media header, whose approved URL fixes the host; the variable named
 *       {@value #MEDIA_PATH} receives the presigned link's path and query.</li>
 * </ul>
 * The template form is also what a free-form message is resent as when Twilio answers 63016.
 */
@ApplicationScoped
public class MessagePlan {

    private static final Logger LOG = Logger.getLogger(MessagePlan.class);

    /** The template variable that carries the document link (path and query) for the media header. */
    static final String MEDIA_PATH = "mediaPath";
    /** Meta's customer service window (WhatsApp Business Platform). */
    static final Duration SERVICE_WINDOW = Duration.ofHours(24);
    /** Twilio's Body limit (error 21617). */
    static final int MAX_BODY = 1600;

    /** Twilio's limit of one ContentVariables value. */
    static final int MAX_CONTENT_VARIABLE = 1_024;

    private final MessageTemplates templates;
    private final ObjectMapper json;
    private final InvoiceDocuments documents;
    private final ApiLinks api;
    private final WhatsAppConfig config;
    private final Clock clock;

    public MessagePlan(MessageTemplates templates, ObjectMapper json, InvoiceDocuments documents, ApiLinks api,
                       WhatsAppConfig config, Clock clock) {
        this.clock = clock;
        this.templates = templates;
        this.json = json;
        this.documents = documents;
        this.api = api;
        this.config = config;
        if (api.baseUrl().isEmpty()) {
            LOG.warn("gstcomms.api.base-url is not set: WhatsApp messages go without a StatusCallback, so no "
                    + "delivery or read state will come back from Twilio");
        }
    }

    /**
     * The message to send first, and how to build its template form to resend as when the first is
     * free-form and Twilio says the window closed (built only then: a template problem such as a missing
     * variable does not stop a message that can go as text).
     */
    public static final class Plan {
        private final OutgoingMessage first;
        private final Supplier<Optional<OutgoingMessage>> template;

        Plan(OutgoingMessage first, Supplier<Optional<OutgoingMessage>> template) {
            this.first = first;
            this.template = template;
        }

        public OutgoingMessage first() {
            return first;
        }

        /**
         * The approved-template form; empty when the template has no ContentSid.
         *
         * @throws Undeliverable when the template cannot be filled in
         */
        public Optional<OutgoingMessage> template() {
            return first.isTemplate() ? Optional.of(first) : template.get();
        }
    }

    public Plan plan(WhatsAppDelivery.Recipient r) {
        Notification n = r.notification();
        Template t = r.template();
        InvoiceDocuments.Document document = document(n);
        Map<String, Object> variables = variables(n, r.shop(), r.customer());
        String callback = api.twilioStatusCallback(r.shop().callbackRef).orElse(null);
        String from = r.account().sender();
        Supplier<Optional<OutgoingMessage>> template = () -> hasText(t.whatsappContentSid)
                ? Optional.of(OutgoingMessage.template(r.to(), from, t.whatsappContentSid.strip(),
                contentVariables(n, t, variables, document), callback))
                : Optional.empty();

        boolean inWindow = insideServiceWindow(r.customer(), OffsetDateTime.now(clock));
        String whyNoText = null;
        if (inWindow && hasText(t.bodyText)) {
            try {
                String body = render(n, t, variables);
                if (body.length() <= MAX_BODY) {
                    return new Plan(OutgoingMessage.freeForm(r.to(), from, body,
                            document == null ? null : document.link(), callback), template);
                }
                whyNoText = "its text is " + body.length() + " characters, over Twilio's " + MAX_BODY;
            } catch (Undeliverable e) {
                // The approved template may still carry the message; say why the text did not go.
                LOG.warnf("Notification %d goes as the template: %s", n.id, e.getMessage());
                whyNoText = e.getMessage();
            }
        }
        String why = whyNoText;
        OutgoingMessage first = template.get().orElseThrow(() -> new Undeliverable("NO_APPROVED_TEMPLATE", inWindow
                ? describe(t) + " has no approved Content template SID (HX…), and " + (why != null ? why
                : "no text for inside the customer service window")
                : "Outside the 24-hour customer service window WhatsApp accepts only an approved template, and "
                        + describe(t) + " has no Content template SID (HX…)"
                        + (r.customer() == null || r.customer().lastInboundWhatsappAt == null
                        ? "; the customer has never written to the shop on WhatsApp"
                        : "; the customer last wrote at " + r.customer().lastInboundWhatsappAt)));
        return new Plan(first, Optional::empty);
    }

    boolean insideServiceWindow(Customer customer, OffsetDateTime now) {
        return customer != null && customer.lastInboundWhatsappAt != null
                && customer.lastInboundWhatsappAt.plus(SERVICE_WINDOW).minus(config.windowMargin()).isAfter(now);
    }

    /** The one document of the notification, or null. WhatsApp carries one media item per message. */
    private InvoiceDocuments.Document document(Notification n) {
        String[] keys = n.attachmentKeys == null ? new String[0] : n.attachmentKeys;
        if (keys.length == 0) {
            return null;
        }
        if (keys.length > 1) {
            throw new Undeliverable("TOO_MANY_DOCUMENTS", "A WhatsApp message carries one document; notification "
                    + n.id + " has " + keys.length + ": " + String.join(", ", keys));
        }
        return documents.prepare(n.shopId, keys[0]);
    }

    /** The notification's variables, plus customerName and shopName where it does not give them. */
    private Map<String, Object> variables(Notification n, Shop shop, Customer customer) {
        Map<String, Object> values = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = json.readTree(n.variables == null ? "{}" : n.variables);
        } catch (JsonProcessingException e) {
            throw new Undeliverable("VARIABLES", "The variables of notification " + n.id + " are not valid JSON");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isNull()) {
                values.put(field.getKey(), field.getValue().isValueNode() ? field.getValue().asText()
                        : json.convertValue(field.getValue(), Object.class));
            }
        }
        if (customer != null && !customer.displayName().isBlank()) {
            values.putIfAbsent("customerName", customer.displayName());
        }
        String shopName = shop.tradeName != null ? shop.tradeName : shop.legalName;
        if (shopName != null) {
            values.putIfAbsent("shopName", shopName);
        }
        return values;
    }

    /** {"1": …, "2": …} in the template's variable order; every value non-empty text (Twilio 21656). */
    private String contentVariables(Notification n, Template t, Map<String, Object> variables,
                                    InvoiceDocuments.Document document) {
        String[] names = t.variables == null ? new String[0] : t.variables;
        if (document != null && !Arrays.asList(names).contains(MEDIA_PATH)) {
            throw new Undeliverable("TEMPLATE_HAS_NO_DOCUMENT", "Notification " + n.id + " carries the document "
                    + document.key() + ", but " + describe(t) + " has no '" + MEDIA_PATH + "' variable for a media "
                    + "header, so the document would be lost");
        }
        Map<String, String> content = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            Object value = MEDIA_PATH.equals(name) ? (document == null ? null : document.pathAndQuery())
                    : variables.get(name);
            if (value == null || value.toString().isBlank() || !(value instanceof String)) {
                throw new Undeliverable("TEMPLATE_VARIABLE", describe(t) + " needs variable '" + name + "' (as {{"
                        + (i + 1) + "}}), which notification " + n.id + (value == null || value.toString().isBlank()
                        ? (MEDIA_PATH.equals(name) ? " does not have: it carries no document" : " does not have")
                        : " gives as " + value.getClass().getSimpleName().toLowerCase() + ", not text"));
            }
            if (((String) value).length() > MAX_CONTENT_VARIABLE) {
                throw new Undeliverable("TEMPLATE_VARIABLE", describe(t) + " variable '" + name + "' (as {{" + (i + 1)
                        + "}}) is " + ((String) value).length() + " characters for notification " + n.id
                        + "; Twilio takes at most " + MAX_CONTENT_VARIABLE + " per variable");
            }
            content.put(Integer.toString(i + 1), (String) value);
        }
        if (content.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String render(Notification n, Template t, Map<String, Object> variables) {
        try {
            // The shop's text: rendered in the sandbox (shared/templates TemplateSandbox), never by the app's engine.
            return templates.compile(t).render(variables).text().strip();
        } catch (MessageRenderException e) {
            throw new Undeliverable("TEMPLATE_TEXT", "The text of " + describe(t) + " could not be filled in for "
                    + "notification " + n.id + ": " + e.getMessage());
        }
    }

    private static String describe(Template t) {
        return "WhatsApp template " + t.id + " (kind " + t.kind + ", locale " + t.locale + ", version " + t.version
                + (t.shopId == null ? ", built-in" : "") + ")";
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
