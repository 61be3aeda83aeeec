package com.gstcomms.templates;

import com.gstcomms.core.message.Channel;
import com.gstcomms.templates.MessageRenderException.Reason;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds and compiles message templates — the one place that decides what a message looks like, so the
 * API's preview renders exactly what the email and WhatsApp functions send.
 *
 * <p><b>Lookup</b> ({@link #find}): for each candidate locale in turn — the requested one ("hi-IN"),
 * its language ("hi"), then "en" — the shop's own active template with the highest version wins, then
 * a platform row of the {@code template} table (no shop), then the built-in template shipped in this
 * library. So a Hindi-speaking customer gets the built-in Hindi invoice email even when the shop has
 * customised only the English one (the shop adds a Hindi version to change that).
 *
 * <p>Reactive, like the rest of the data layer: call it inside a Panache session or transaction
 * (a Lambda thread uses {@code Transactions.inSession}). Compiled templates are cached by row id — rows
 * are never edited in place, each edit is a new version — so rendering many messages costs one lookup.
 */
@ApplicationScoped
public class MessageTemplates {

    static final String BUILT_IN_ROOT = "gstcomms/";
    private static final String FALLBACK_LOCALE = "en";
    /** The compiled shop templates kept, by the memory they hold (not by count: one may be 100 KB). */
    static final long CACHE_BYTES = 32L * 1024 * 1024;

    private final Engine engine;
    private final CompiledRows compiledRows = new CompiledRows(CACHE_BYTES);
    private final Map<String, Optional<MessageTemplate>> builtIns = new ConcurrentHashMap<>();

    public MessageTemplates(Engine engine) {
        this.engine = engine;
    }

    /**
     * Finds and renders in one step.
     *
     * @throws MessageRenderException (as the Uni's failure) when there is no template or it cannot render
     */
    public Uni<RenderedMessage> render(long shopId, Channel channel, String kind, String locale,
                                       Map<String, ?> variables) {
        return find(shopId, channel, kind, locale).map(template -> template.render(variables));
    }

    /**
     * The template a message of this shop, channel, kind and locale uses (see the class comment).
     * Fails with {@link MessageRenderException} ({@code NO_TEMPLATE}) when there is none at all.
     */
    public Uni<MessageTemplate> find(long shopId, Channel channel, String kind, String locale) {
        List<String> locales = candidateLocales(locale);
        return com.gstcomms.runtime.data.Template.<com.gstcomms.runtime.data.Template>list(
                        "channel = ?1 and kind = ?2 and locale in ?3 and active = true and (shopId = ?4 or shopId is null)",
                        channel, kind, locales, shopId)
                .map(rows -> choose(rows, channel, kind, locales, shopId));
    }

    /**
     * A specific template row (a notification or campaign that names its template): the shop's own or a
     * platform row. Inactive versions are still usable here, so a message queued before an edit renders
     * with the version it was queued with.
     */
    public Uni<MessageTemplate> find(long shopId, long templateId) {
        return com.gstcomms.runtime.data.Template.<com.gstcomms.runtime.data.Template>find(
                        "id = ?1 and (shopId = ?2 or shopId is null)", templateId, shopId).firstResult()
                .map(row -> {
                    if (row == null) {
                        throw new MessageRenderException(Reason.NO_TEMPLATE,
                                "Template " + templateId + " does not exist for shop " + shopId);
                    }
                    return compile(row);
                });
    }

    /** The built-in template for exactly this channel, kind and locale ("en" or "hi"), if one is shipped. */
    public Optional<MessageTemplate> builtIn(Channel channel, String kind, String locale) {
        String key = channel + "/" + kind + "/" + locale;
        return builtIns.computeIfAbsent(key, k -> loadBuiltIn(channel, kind, locale));
    }

    /** Every built-in template (for the API's template list). */
    public List<MessageTemplate> builtIns() {
        List<MessageTemplate> all = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            for (String kind : MessageKinds.BUILT_IN) {
                for (String locale : MessageKinds.BUILT_IN_LOCALES) {
                    builtIn(channel, kind, locale).ifPresent(all::add);
                }
            }
        }
        return all;
    }

    /**
     * Compiles a template row — a stored one, or an unsaved draft for a preview (id null: not cached).
     *
     * @throws MessageRenderException ({@code TEMPLATE_ERROR}) naming the part and line that does not parse
     */
    public MessageTemplate compile(com.gstcomms.runtime.data.Template row) {
        if (row.id != null) {
            MessageTemplate cached = compiledRows.get(row.id);
            if (cached != null) {
                return cached;
            }
        }
        TemplateSource source = new TemplateSource(row.channel, row.kind, row.locale, row.id, row.shopId, row.version);
        Set<String> allowed = MessageKinds.variables(row.kind, row.variables == null ? List.of() : List.of(row.variables));
        MessageTemplate compiled;
        if (row.channel == Channel.EMAIL) {
            if (row.subject == null || row.subject.isBlank()) {
                throw new MessageRenderException(Reason.TEMPLATE_ERROR, source + " has no subject");
            }
            if (isBlank(row.bodyHtml) && isBlank(row.bodyText)) {
                throw new MessageRenderException(Reason.TEMPLATE_ERROR, source + " has neither an HTML nor a text body");
            }
            compiled = MessageTemplate.sandboxed(source,
                    TemplateSandbox.compile(row.subject, allowed, false, TemplateSandbox.MAX_SUBJECT_CHARS,
                            "subject of " + source),
                    isBlank(row.bodyHtml) ? null : TemplateSandbox.compile(row.bodyHtml, allowed, true,
                            TemplateSandbox.MAX_EMAIL_BODY_CHARS, "HTML body of " + source),
                    isBlank(row.bodyText) ? null : TemplateSandbox.compile(row.bodyText, allowed, false,
                            TemplateSandbox.MAX_EMAIL_BODY_CHARS, "text body of " + source));
        } else {
            compiled = MessageTemplate.sandboxed(source, null, null,
                    isBlank(row.bodyText) ? null : TemplateSandbox.compile(row.bodyText, allowed, false,
                            TemplateSandbox.MAX_WHATSAPP_CHARS, "text body of " + source));
        }
        if (row.id != null) {
            compiledRows.put(row.id, compiled);
        }
        return compiled;
    }

    /**
     * Checks a shop's template before it is saved or previewed: every problem that stops it from compiling in
     * the {@link TemplateSandbox} — a parse error, a variable its kind does not have, a namespace, a method
     * call, a section that is not allowed, a limit — each naming the part, the line and the expression. Empty
     * when it compiles.
     *
     * @param declared the variables the template declares (a shop's own kinds document theirs this way)
     */
    public List<String> problems(Channel channel, String kind, List<String> declared, String subject, String bodyHtml,
                                 String bodyText) {
        Set<String> allowed = MessageKinds.variables(kind, declared == null ? List.of() : declared);
        List<String> problems = new ArrayList<>();
        for (String[] part : List.of(new String[] {"subject", subject}, new String[] {"HTML body", bodyHtml},
                new String[] {"text body", bodyText})) {
            if (isBlank(part[1])) {
                continue;
            }
            problems.addAll(TemplateSandbox.check(part[1], allowed, part[0].equals("HTML body"), part[0]));
        }
        if (channel == Channel.EMAIL && isBlank(subject)) {
            problems.add("subject: an email template needs a subject");
        }
        if (channel == Channel.EMAIL && isBlank(bodyHtml) && isBlank(bodyText)) {
            problems.add("body: an email template needs an HTML or a text body");
        }
        return problems;
    }

    /**
     * Realistic variables for each built-in kind, for previews ("Preview with sample data") and tests.
     * Unknown kinds get the common ones only.
     */
    public static Map<String, Object> sampleVariables(String kind) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("shopName", "Kala Handlooms");
        v.put("customerName", "Asha Verma");
        switch (kind) {
            case MessageKinds.INVOICE_DELIVERY -> {
                v.put("invoiceNumber", "INV/2025-26/0042");
                v.put("invoiceDate", "12-05-2025");
                v.put("amount", "2,360.00");
                v.put("dueDate", "26-05-2025");
            }
            case MessageKinds.PAYMENT_REMINDER -> {
                v.put("invoiceNumber", "INV/2025-26/0042");
                v.put("amountDue", "2,360.00");
                v.put("dueDate", "26-05-2025");
                v.put("daysOverdue", 7);
                v.put("paymentLink", "upi://pay?pa=kala@okhdfcbank&pn=Kala%20Handlooms&am=2360.00&cu=INR");
            }
            case MessageKinds.ORDER_CONFIRMATION -> {
                v.put("orderRef", "#1042");
                v.put("orderTotal", "2,360.00");
                v.put("orderDate", "12-05-2025");
            }
            case MessageKinds.SHIPPING_UPDATE -> {
                v.put("orderRef", "#1042");
                v.put("status", "shipped");
                v.put("courier", "Delhivery");
                v.put("awb", "1234567890123");
                v.put("trackingUrl", "https://www.delhivery.com/track/package/1234567890123");
            }
            case MessageKinds.CAMPAIGN -> {
                v.put("subject", "Diwali sale: 20% off handloom sarees");
                v.put("heading", "Diwali sale");
                v.put("message", "Our Diwali collection is here.\nUse code DIWALI20 for 20% off until Sunday.");
                v.put("ctaText", "Shop the collection");
                v.put("ctaUrl", "https://kala-handlooms.myshopify.com/collections/diwali");
                v.put("unsubscribeUrl", "https://api.example.in/v1/unsubscribe/sample");
            }
            default -> {
            }
        }
        return v;
    }

    private MessageTemplate choose(List<com.gstcomms.runtime.data.Template> rows, Channel channel, String kind,
                                   List<String> locales, long shopId) {
        Comparator<com.gstcomms.runtime.data.Template> newest = Comparator.comparingInt(t -> t.version);
        for (String locale : locales) {
            Optional<com.gstcomms.runtime.data.Template> shops = rows.stream()
                    .filter(t -> locale.equals(t.locale) && t.shopId != null && t.shopId == shopId).max(newest);
            if (shops.isPresent()) {
                return compile(shops.get());
            }
            Optional<com.gstcomms.runtime.data.Template> platform = rows.stream()
                    .filter(t -> locale.equals(t.locale) && t.shopId == null).max(newest);
            if (platform.isPresent()) {
                return compile(platform.get());
            }
            Optional<MessageTemplate> builtIn = builtIn(channel, kind, locale);
            if (builtIn.isPresent()) {
                return builtIn.get();
            }
        }
        throw new MessageRenderException(Reason.NO_TEMPLATE, "No " + channel + " template for kind " + kind
                + " in locale(s) " + locales + " (neither the shop's own nor a built-in one)");
    }

    /** "hi-IN" → [hi-in, hi, en]; null or blank → [en]. Template rows store locales in lower case. */
    static List<String> candidateLocales(String locale) {
        LinkedHashSet<String> candidates = new LinkedHashSet<>();
        if (locale != null && !locale.isBlank()) {
            String normal = locale.trim().replace('_', '-').toLowerCase(Locale.ROOT);
            candidates.add(normal);
            int dash = normal.indexOf('-');
            if (dash > 0) {
                candidates.add(normal.substring(0, dash));
            }
        }
        candidates.add(FALLBACK_LOCALE);
        return List.copyOf(candidates);
    }

    private Optional<MessageTemplate> loadBuiltIn(Channel channel, String kind, String locale) {
        if (!MessageKinds.BUILT_IN.contains(kind)) {
            return Optional.empty();
        }
        String base = BUILT_IN_ROOT + channel.name().toLowerCase(Locale.ROOT) + "/" + MessageKinds.folder(kind) + "/"
                + locale + "/";
        Template text = engine.getTemplate(base + "body.txt");
        if (text == null) {
            return Optional.empty();
        }
        TemplateSource source = new TemplateSource(channel, kind, locale, null, null, 0);
        if (channel == Channel.EMAIL) {
            return Optional.of(MessageTemplate.builtIn(source, engine.getTemplate(base + "subject.txt"),
                    engine.getTemplate(base + "body.html"), text));
        }
        return Optional.of(MessageTemplate.builtIn(source, null, null, text));
    }

    /**
     * CSS in a {@code <style>} element is full of braces that Qute would read as expressions
     * ({@code p{color:red}}); merchants paste such HTML, so style elements are kept literal
     * (Qute's unparsed-character-data section {@code {|…|}}). One pass over the text (a regular expression
     * with a lazy group went back over the rest of the text for every unclosed {@code <style>}: quadratic).
     */
    static String withLiteralStyles(String html) {
        StringBuilder out = null;
        int copied = 0;
        int at = 0;
        while (true) {
            int open = indexOfIgnoreCase(html, "<style", at);
            if (open < 0) {
                break;
            }
            int afterName = open + "<style".length();
            if (afterName < html.length() && Character.isLetterOrDigit(html.charAt(afterName))) {
                at = afterName; // <styles>, not a style element
                continue;
            }
            int openEnd = html.indexOf('>', afterName);
            if (openEnd < 0) {
                break;
            }
            int close = indexOfIgnoreCase(html, "</style>", openEnd + 1);
            if (close < 0) {
                break;
            }
            String css = html.substring(openEnd + 1, close);
            if (!css.contains("{|")) {
                if (out == null) {
                    out = new StringBuilder(html.length() + 16);
                }
                out.append(html, copied, openEnd + 1).append("{|").append(css).append("|}");
                copied = close;
            }
            at = close + "</style>".length();
        }
        return out == null ? html : out.append(html, copied, html.length()).toString();
    }

    /** Index of an ASCII {@code needle} in {@code text} from {@code from}, ignoring case; -1 when absent. */
    private static int indexOfIgnoreCase(String text, String needle, int from) {
        char first = needle.charAt(0);
        for (int i = text.indexOf(first, from); i >= 0 && i + needle.length() <= text.length(); i = text.indexOf(first, i + 1)) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
