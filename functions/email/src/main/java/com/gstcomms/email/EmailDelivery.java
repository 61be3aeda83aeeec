package com.gstcomms.email;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.message.SendEmail;
import com.gstcomms.core.validation.Email;
import com.gstcomms.runtime.campaign.CampaignProgress;
import com.gstcomms.core.message.Channel;
import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Notification;
import com.gstcomms.runtime.data.NotificationStatus;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.data.ShopCredential.Provider;
import com.gstcomms.runtime.data.Suppression;
import com.gstcomms.runtime.email.UnsubscribeLinks;
import com.gstcomms.runtime.lambda.RetryLater;
import com.gstcomms.runtime.lambda.SqsBatch;
import com.gstcomms.runtime.secrets.PlatformSecret;
import com.gstcomms.runtime.secrets.PlatformSecrets;
import com.gstcomms.runtime.secrets.ProviderCredentials;
import com.gstcomms.runtime.work.NotificationClaims;
import com.gstcomms.templates.MessageRenderException;
import com.gstcomms.templates.MessageTemplate;
import com.gstcomms.templates.MessageTemplates;
import com.gstcomms.templates.RenderedMessage;
import com.gstcomms.templates.StandardVariables;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * Sends the email notifications named by a batch of send-email commands.
 *
 * <ol>
 *   <li>Claim the rows (QUEUED → SENDING with a lease, one conditional update per shop). A row already
 *       SENT, FAILED… sends nothing; a row another worker holds (SENDING, live lease) is retried after the
 *       lease, so it is never lost and never sent twice.</li>
 *   <li>Per row: suppressed recipient → SUPPRESSED; bad address → FAILED; render the template (the
 *       shop's own version, else the built-in; Qute, variables HTML-escaped, CR/LF in the subject
 *       refused); attachments from S3 (the shop's own keys, under SendGrid's 30 MB).</li>
 *   <li>Campaign rows without attachments are packed into SendGrid requests of up to 1,000
 *       personalizations ({@link PersonalizedGroups}); everything else is one request per message.</li>
 *   <li>Send through SendGrid with the shop's key, else the platform's. 429 → retry with backoff;
 *       5xx, timeout or no key → SMTP (the shop's server, else the platform's); 400/401/403/413 →
 *       FAILED with a reason that names no secret.</li>
 *   <li>Record each outcome (SENT with provider and message id, FAILED, SUPPRESSED, or released for a
 *       retry) and recount the campaigns involved, in one transaction.</li>
 * </ol>
 */
@ApplicationScoped
public class EmailDelivery {

    private static final Logger LOG = Logger.getLogger(EmailDelivery.class);
    static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";

    private final NotificationClaims claims;
    private final MessageTemplates templates;
    private final AttachmentFiles attachments;
    private final SendGridMail sendGrid;
    private final SmtpMail smtp;
    private final ProviderCredentials credentials;
    private final UnsubscribeLinks unsubscribeLinks;
    private final CampaignProgress campaigns;
    private final EmailConfig config;
    private final PlatformSecrets platformSecrets;
    private final Optional<String> platformSmtpFrom;
    private final ObjectMapper json;

    EmailDelivery(NotificationClaims claims, MessageTemplates templates, AttachmentFiles attachments,
                  SendGridMail sendGrid, SmtpMail smtp, ProviderCredentials credentials, UnsubscribeLinks unsubscribeLinks,
                  CampaignProgress campaigns, EmailConfig config, PlatformSecrets platformSecrets,
                  @ConfigProperty(name = "quarkus.mailer.from") Optional<String> platformSmtpFrom, ObjectMapper json) {
        this.claims = claims;
        this.templates = templates;
        this.attachments = attachments;
        this.sendGrid = sendGrid;
        this.smtp = smtp;
        this.credentials = credentials;
        this.unsubscribeLinks = unsubscribeLinks;
        this.campaigns = campaigns;
        this.config = config;
        this.platformSecrets = platformSecrets;
        this.platformSmtpFrom = platformSmtpFrom;
        this.json = json;
    }

    /** One command of the batch and where it came from. */
    public record Job(SendEmail command, SqsBatch.Delivery delivery) {
    }

    /** Sends one command; throws {@link RetryLater} when it must come back later. */
    public void deliver(SendEmail command, SqsBatch.Delivery delivery) {
        RuntimeException failure = deliverAll(List.of(new Job(command, delivery))).get(delivery.messageId());
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Sends a batch.
     *
     * @return by SQS message id, the failure of each command that must be retried ({@link RetryLater})
     *         or failed unexpectedly; commands not listed are done (sent, finished, or nothing to do)
     */
    public Map<String, RuntimeException> deliverAll(List<Job> jobs) {
        Map<String, RuntimeException> failures = new HashMap<>();
        Map<Long, List<Job>> byShop = jobs.stream().collect(Collectors.groupingBy(j -> j.command().shopId(),
                LinkedHashMap::new, Collectors.toList()));
        for (var shop : byShop.entrySet()) {
            try {
                failures.putAll(deliverForShop(shop.getKey(), shop.getValue()));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Email batch of shop %d (%d commands) failed", shop.getKey(), shop.getValue().size());
                shop.getValue().forEach(j -> failures.put(j.delivery().messageId(), e));
            }
        }
        return failures;
    }

    // ---------------------------------------------------------------------------------------------------
    // One shop's commands

    /** What happens to one claimed notification. */
    private sealed interface Result {
    }

    private record Done(String provider, String messageId) implements Result {
    }

    private record Final(NotificationStatus status, String provider, String code, String message) implements Result {
    }

    private record Again(String code, String message, Duration atLeast) implements Result {
    }

    private Map<String, RuntimeException> deliverForShop(long shopId, List<Job> jobs) {
        long started = System.nanoTime();
        Map<String, RuntimeException> failures = new HashMap<>();
        // The same notification twice in one batch: the first command acts, the others are done.
        Map<Long, Job> primary = new LinkedHashMap<>();
        jobs.forEach(j -> primary.putIfAbsent(j.command().notificationId(), j));

        List<Notification> claimed = inTransaction(() -> claims.claimAll(shopId, primary.keySet(), config.claimLease()));
        Set<Long> claimedIds = claimed.stream().map(n -> n.id).collect(Collectors.toSet());
        List<Long> notClaimed = primary.keySet().stream().filter(id -> !claimedIds.contains(id)).toList();
        if (!notClaimed.isEmpty()) {
            for (NotificationClaims.Unclaimed row : inSession(() -> claims.states(shopId, notClaimed))) {
                if (row.status() == NotificationStatus.SENDING && row.leaseUntil() != null) {
                    // Another worker is sending it: look again when its lease ends (it will be SENT by then,
                    // or free again because that worker died).
                    Duration wait = Duration.between(OffsetDateTime.now(), row.leaseUntil()).plusSeconds(5);
                    Job job = primary.get(row.id());
                    failures.put(job.delivery().messageId(), new RetryLater("notification " + row.id()
                            + " is being sent by another worker", wait.isNegative() ? Duration.ofSeconds(5) : wait));
                } else {
                    LOG.debugf("Notification %d of shop %d is %s: nothing to send", row.id(), shopId, row.status());
                }
            }
        }
        if (claimed.isEmpty()) {
            return failures;
        }

        Map<Long, Result> results = new LinkedHashMap<>();
        Batch batch;
        try {
            batch = prepare(shopId, claimed, primary, results);
        } catch (RuntimeException e) {
            // Nothing was sent: give every claim back so the retried commands can send.
            inTransaction(() -> claims.release(shopId, claimedIds, "INTERNAL", "Preparing the email failed: "
                    + e.getClass().getSimpleName()));
            throw e;
        }
        List<OutgoingEmail> requests = batch.requests();
        for (OutgoingEmail request : requests) {
            send(request, batch.route()).forEach(results::put);
        }
        finish(shopId, claimed, results);

        for (var e : results.entrySet()) {
            if (e.getValue() instanceof Again again) {
                Job job = primary.get(e.getKey());
                Duration backoff = RetryLater.backoff(job.delivery().receiveCount(), config.retryBase(), config.retryMax());
                Duration delay = again.atLeast().compareTo(backoff) > 0 ? again.atLeast() : backoff;
                failures.put(job.delivery().messageId(), new RetryLater(again.code() + ": " + again.message(), delay));
            }
        }
        logSummary(shopId, jobs.size(), claimed.size(), requests, results, (System.nanoTime() - started) / 1_000_000);
        return failures;
    }

    // ---------------------------------------------------------------------------------------------------
    // Preparing: suppressions, rendering, attachments, packing

    /** The provider requests of a batch and the way they go out. */
    private record Batch(List<OutgoingEmail> requests, Route route) {
    }

    private Batch prepare(long shopId, List<Notification> claimed, Map<Long, Job> jobs, Map<Long, Result> results) {
        Context context = inSession(() -> context(shopId, claimed));
        List<PreparedMessage> prepared = new ArrayList<>();
        for (Notification n : claimed) {
            Result early = check(n, context);
            if (early != null) {
                results.put(n.id, early);
                continue;
            }
            try {
                prepared.add(render(n, context));
            } catch (MessageRenderException e) {
                results.put(n.id, new Final(NotificationStatus.FAILED, null, "TEMPLATE_" + e.reason(), e.getMessage()));
            } catch (IllegalArgumentException | IllegalStateException e) {
                results.put(n.id, new Final(NotificationStatus.FAILED, null, "MESSAGE_INVALID", e.getMessage()));
            }
        }
        if (prepared.isEmpty()) {
            return new Batch(List.of(), null);
        }
        Route route = inSession(() -> route(shopId));
        OutgoingEmail.Sender sender = route.sender();

        List<OutgoingEmail> requests = new ArrayList<>();
        Map<String, List<PreparedMessage>> campaignGroups = new LinkedHashMap<>();
        for (PreparedMessage p : prepared) {
            Notification n = p.notification();
            if (n.bulk && n.campaignId != null && n.attachmentKeys.length == 0) {
                campaignGroups.computeIfAbsent(n.campaignId + "/" + p.template().source(), k -> new ArrayList<>()).add(p);
                continue;
            }
            AttachmentFiles.Loaded loaded = attachments.load(shopId, n.attachmentKeys,
                    config.maxMessageBytes() - bodyBytes(p.member().full()));
            switch (loaded) {
                case AttachmentFiles.Files files -> {
                    OutgoingEmail single = PersonalizedGroups.single(shopId, n.kind, n.campaignId, sender, p.member(),
                            files.attachments());
                    if (single.estimatedBytes() > config.maxMessageBytes()) {
                        results.put(n.id, new Final(NotificationStatus.FAILED, null, "MESSAGE_TOO_LARGE",
                                "The message is larger than SendGrid's 30 MB limit"));
                    } else {
                        requests.add(single);
                    }
                }
                case AttachmentFiles.Missing missing -> results.put(n.id,
                        jobs.get(n.id).delivery().receiveCount() < config.attachmentReceives()
                                ? new Again("ATTACHMENT_MISSING", "Attachment '" + missing.key() + "' is not in storage yet",
                                Duration.ZERO)
                                : new Final(NotificationStatus.FAILED, null, "ATTACHMENT_MISSING",
                                "Attachment '" + missing.key() + "' does not exist"));
                case AttachmentFiles.Refused refused -> results.put(n.id,
                        new Final(NotificationStatus.FAILED, null, refused.code(), refused.reason()));
            }
        }
        for (List<PreparedMessage> group : campaignGroups.values()) {
            Notification first = group.getFirst().notification();
            requests.addAll(PersonalizedGroups.pack(shopId, first.kind, first.campaignId, sender,
                    group.getFirst().template(), group.stream().map(PreparedMessage::member).toList(),
                    Math.max(1, Math.min(1000, config.maxPersonalizations())), config.maxMessageBytes()));
        }
        return new Batch(requests, route);
    }

    private record PreparedMessage(Notification notification, MessageTemplate template, PersonalizedGroups.Member member) {
    }

    /** Everything the shop's batch needs from the database, read once. */
    private record Context(Shop shop, Map<Long, Customer> customers, Map<String, Suppression> suppressions,
                           Map<String, MessageTemplate> templates, Map<String, MessageRenderException> templateProblems) {
    }

    private Uni<Context> context(long shopId, List<Notification> rows) {
        List<Long> customerIds = rows.stream().map(n -> n.customerId).filter(id -> id != null).distinct().toList();
        List<String> addresses = rows.stream().map(n -> n.recipient.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        Map<String, Notification> templateKeys = new LinkedHashMap<>();
        rows.forEach(n -> templateKeys.putIfAbsent(templateKey(n), n));
        Map<String, MessageTemplate> found = new HashMap<>();
        Map<String, MessageRenderException> problems = new HashMap<>();
        return Shop.<Shop>findById(shopId).chain(shop -> {
            if (shop == null) {
                throw new IllegalStateException("Shop " + shopId + " does not exist");
            }
            return (customerIds.isEmpty() ? Uni.createFrom().item(List.<Customer>of())
                    : Customer.<Customer>list("shopId = ?1 and id in ?2", shopId, customerIds))
                    .chain(customers -> Suppression.<Suppression>list("shopId = ?1 and channel = ?2 and address in ?3",
                                    shopId, Channel.EMAIL, addresses)
                            .chain(suppressions -> Multi.createFrom().iterable(templateKeys.entrySet())
                                    .onItem().transformToUniAndConcatenate(e -> findTemplate(shopId, e.getValue())
                                            .invoke(t -> found.put(e.getKey(), t))
                                            .onFailure(MessageRenderException.class).recoverWithItem(f -> {
                                                problems.put(e.getKey(), (MessageRenderException) f);
                                                return null;
                                            }))
                                    .collect().asList()
                                    .map(ignored -> new Context(shop,
                                            customers.stream().collect(Collectors.toMap(c -> c.id, Function.identity())),
                                            suppressions.stream().collect(Collectors.toMap(s -> s.address, Function.identity(),
                                                    (a, b) -> a)),
                                            found, problems))));
        });
    }

    private Uni<MessageTemplate> findTemplate(long shopId, Notification n) {
        return n.templateId != null ? templates.find(shopId, n.templateId)
                : templates.find(shopId, Channel.EMAIL, n.kind, n.locale);
    }

    private static String templateKey(Notification n) {
        return n.templateId != null ? "id:" + n.templateId : n.kind + "/" + n.locale;
    }

    /** Why this row will not be sent at all, or null to go on. */
    private Result check(Notification n, Context context) {
        if (n.channel != Channel.EMAIL) {
            return new Final(NotificationStatus.FAILED, null, "WRONG_CHANNEL",
                    "Notification is for " + n.channel + ", not email; it reached the email queue by mistake");
        }
        String address = n.recipient.trim().toLowerCase(Locale.ROOT);
        Suppression suppression = context.suppressions().get(address);
        if (suppression != null) {
            return new Final(NotificationStatus.SUPPRESSED, null, "SUPPRESSED_" + suppression.reason,
                    "Not sent: " + address + " is on the shop's suppression list (" + describe(suppression.reason)
                            + (suppression.source == null ? "" : ", " + suppression.source) + ")");
        }
        var valid = Email.validate(n.recipient);
        if (!valid.isValid()) {
            return new Final(NotificationStatus.FAILED, null, "INVALID_ADDRESS", valid.rejection().orElseThrow());
        }
        MessageRenderException problem = context.templateProblems().get(templateKey(n));
        if (problem != null) {
            return new Final(NotificationStatus.FAILED, null, "TEMPLATE_" + problem.reason(), problem.getMessage());
        }
        return null;
    }

    private static String describe(Suppression.Reason reason) {
        return switch (reason) {
            case UNSUBSCRIBED -> "unsubscribed";
            case HARD_BOUNCE -> "hard bounce";
            case COMPLAINT -> "marked as spam";
            case OPTED_OUT -> "opted out";
            case INVALID -> "invalid address";
            case MANUAL -> "added by the shop";
        };
    }

    private PreparedMessage render(Notification n, Context context) {
        MessageTemplate template = context.templates().get(templateKey(n));
        Map<String, Object> variables = StandardVariables.complete(variables(n), context.shop(),
                n.customerId == null ? null : context.customers().get(n.customerId), n.locale);
        Map<String, String> headers = new LinkedHashMap<>();
        if (n.bulk) {
            String link = unsubscribeLinks.linkFor(n.shopId, Channel.EMAIL, n.recipient).toString();
            variables.put("unsubscribeUrl", link);
            // RFC 2369 + RFC 8058 one-click unsubscribe, required of bulk senders by Gmail and Yahoo.
            headers.put(LIST_UNSUBSCRIBE, "<" + link + ">");
            headers.put(LIST_UNSUBSCRIBE_POST, "List-Unsubscribe=One-Click");
        }
        RenderedMessage full = template.render(variables);
        if (n.subject != null && !n.subject.isBlank()) {
            // A subject given with the request replaces the template's (same header-injection rule).
            if (n.subject.indexOf('\r') >= 0 || n.subject.indexOf('\n') >= 0) {
                throw new MessageRenderException(MessageRenderException.Reason.UNSAFE_SUBJECT,
                        "The subject given for this message contains a line break (CR/LF); refused to prevent header injection");
            }
            full = new RenderedMessage(n.subject, full.html(), full.text(), full.source());
        }
        if (full.subject() == null) {
            throw new IllegalArgumentException("Template " + full.source() + " has no subject");
        }
        return new PreparedMessage(n, template, new PersonalizedGroups.Member(n.id, n.recipient.trim(), variables, full,
                headers));
    }

    private Map<String, Object> variables(Notification n) {
        if (n.variables == null || n.variables.isBlank()) {
            return new HashMap<>();
        }
        try {
            Map<String, Object> map = json.readValue(n.variables, new TypeReference<>() {
            });
            return map == null ? new HashMap<>() : map;
        } catch (IOException e) {
            throw new IllegalArgumentException("The notification's variables are not a JSON object");
        }
    }

    private static long bodyBytes(RenderedMessage m) {
        return OutgoingEmail.utf8Length(m.html()) + OutgoingEmail.utf8Length(m.text()) + 10_000;
    }

    // ---------------------------------------------------------------------------------------------------
    // Routing and sending

    /**
     * How the shop's mail goes out: SendGrid with its key (else the platform's), and the SMTP server to
     * fall back to (its own, else the platform's).
     */
    private record Route(String sendGridKey, String keyOwner, OutgoingEmail.Sender sender,
                         SmtpMail.Server shopSmtp, OutgoingEmail.Sender smtpSender, boolean platformSmtp) {
        @Override
        public String toString() {
            return "Route[sendGrid=" + (sendGridKey == null ? "none" : keyOwner + " key") + ", smtp="
                    + (shopSmtp != null ? shopSmtp : platformSmtp ? "platform" : "none") + "]";
        }
    }

    private Uni<Route> route(long shopId) {
        return Shop.<Shop>findById(shopId).chain(shop -> credentials.open(shopId, Provider.SENDGRID)
                .chain(sg -> credentials.open(shopId, Provider.SMTP).map(smtpSettings -> {
                    String shopName = StandardVariables.shopName(shop);
                    String replyTo = shop.email != null && Email.validate(shop.email).isValid() ? shop.email.trim() : null;
                    JsonNode sgSettings = settings(sg.map(ProviderCredentials.Opened::settingsJson).orElse(null));
                    String key = sg.map(ProviderCredentials.Opened::secret).filter(s -> !s.isBlank()).orElse(null);
                    String owner = "the shop's";
                    OutgoingEmail.Sender sender;
                    if (key != null) {
                        String from = text(sgSettings, "fromEmail", replyTo != null ? replyTo : config.fromEmail());
                        sender = new OutgoingEmail.Sender(from, text(sgSettings, "fromName", shopName),
                                text(sgSettings, "replyTo", from.equalsIgnoreCase(String.valueOf(replyTo)) ? null : replyTo));
                    } else {
                        key = platformSecrets.value(PlatformSecret.SENDGRID_API_KEY).orElse(null);
                        owner = "the platform's";
                        sender = new OutgoingEmail.Sender(config.fromEmail(), shopName, replyTo);
                    }
                    SmtpMail.Server server = null;
                    OutgoingEmail.Sender smtpSender;
                    if (smtpSettings.isPresent()) {
                        JsonNode s = settings(smtpSettings.get().settingsJson());
                        server = new SmtpMail.Server(text(s, "host", null), s.path("port").asInt(587),
                                text(s, "username", null), smtpSettings.get().secret(), text(s, "security", "STARTTLS"));
                        String user = server.username() != null && server.username().contains("@") ? server.username() : null;
                        String from = text(s, "fromEmail", user != null ? user : replyTo != null ? replyTo : config.fromEmail());
                        smtpSender = new OutgoingEmail.Sender(from, text(s, "fromName", shopName), replyTo);
                        if (server.host() == null) {
                            server = null;
                        }
                    } else {
                        smtpSender = new OutgoingEmail.Sender(config.smtpFromEmail().or(() -> platformSmtpFrom)
                                .orElse(config.fromEmail()), shopName, replyTo);
                    }
                    return new Route(key, owner, sender, server, smtpSender, config.platformSmtp());
                })));
    }

    private JsonNode settings(String text) {
        try {
            return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : otherwise;
    }

    /** SendGrid first; SMTP when SendGrid is not configured or not answering. Outcome per notification. */
    private Map<Long, Result> send(OutgoingEmail request, Route route) {
        Map<Long, Result> results = new LinkedHashMap<>();
        String sendGridProblem = "SendGrid is not configured";
        if (route.sendGridKey() != null) {
            SendOutcome outcome = sendGrid.send(request, route.sendGridKey(), route.keyOwner());
            if (outcome instanceof SendOutcome.Failed failed && failed.code().equals("SENDGRID_BAD_REQUEST")
                    && request.recipients().size() > 1) {
                // One bad personalization refuses the whole request: send each alone so only it fails.
                LOG.warnf("SendGrid refused a %d-recipient request of shop %d (%s); sending them one by one",
                        request.recipients().size(), request.shopId(), failed.reason());
                for (OutgoingEmail.Recipient r : request.recipients()) {
                    results.putAll(send(alone(request, r), route));
                }
                return results;
            }
            if (!(outcome instanceof SendOutcome.Unavailable unavailable)) {
                Result result = toResult(outcome);
                request.recipients().forEach(r -> results.put(r.notificationId(), result));
                return results;
            }
            sendGridProblem = unavailable.reason();
            LOG.warnf("SendGrid unavailable for shop %d (%s): falling back to SMTP for %d recipient(s)",
                    request.shopId(), unavailable.reason(), request.recipients().size());
        }
        if (route.shopSmtp() != null) {
            smtp.send(withSender(request, route.smtpSender()), route.shopSmtp())
                    .forEach((id, outcome) -> results.put(id, toResult(outcome)));
        } else if (route.platformSmtp()) {
            smtp.send(withSender(request, route.smtpSender()), smtp.platform())
                    .forEach((id, outcome) -> results.put(id, toResult(outcome)));
        } else {
            String reason = sendGridProblem + ", and no SMTP server is configured";
            Result result = route.sendGridKey() == null
                    ? new Final(NotificationStatus.FAILED, null, "NO_EMAIL_PROVIDER", reason)
                    : new Again("SENDGRID_UNAVAILABLE", reason, Duration.ZERO);
            request.recipients().forEach(r -> results.put(r.notificationId(), result));
        }
        return results;
    }

    private static OutgoingEmail alone(OutgoingEmail request, OutgoingEmail.Recipient r) {
        return new OutgoingEmail(request.shopId(), request.kind(), request.campaignId(), request.from(),
                request.htmlFor(r), request.textFor(r), request.attachments(), request.headers(),
                List.of(new OutgoingEmail.Recipient(r.notificationId(), r.email(), r.subject(), Map.of(), r.headers())));
    }

    private static OutgoingEmail withSender(OutgoingEmail request, OutgoingEmail.Sender sender) {
        return new OutgoingEmail(request.shopId(), request.kind(), request.campaignId(), sender, request.html(),
                request.text(), request.attachments(), request.headers(), request.recipients());
    }

    private static Result toResult(SendOutcome outcome) {
        return switch (outcome) {
            case SendOutcome.Sent sent -> new Done(sent.provider(), sent.messageId());
            case SendOutcome.Retry retry -> new Again(retry.code(), retry.reason(), retry.atLeast());
            case SendOutcome.Failed failed -> new Final(NotificationStatus.FAILED, null, failed.code(), failed.reason());
            case SendOutcome.Unavailable unavailable -> new Again(unavailable.code(), unavailable.reason(), Duration.ZERO);
        };
    }

    // ---------------------------------------------------------------------------------------------------
    // Recording

    private void finish(long shopId, List<Notification> claimed, Map<Long, Result> results) {
        Map<Done, List<Long>> sent = new LinkedHashMap<>();
        Map<Final, List<Long>> finals = new LinkedHashMap<>();
        Map<Again, List<Long>> again = new LinkedHashMap<>();
        for (var e : results.entrySet()) {
            switch (e.getValue()) {
                case Done d -> sent.computeIfAbsent(d, k -> new ArrayList<>()).add(e.getKey());
                case Final f -> finals.computeIfAbsent(f, k -> new ArrayList<>()).add(e.getKey());
                case Again a -> again.computeIfAbsent(a, k -> new ArrayList<>()).add(e.getKey());
            }
        }
        Set<Long> unaccounted = claimed.stream().map(n -> n.id).filter(id -> !results.containsKey(id))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<Long> campaignIds = claimed.stream().map(n -> n.campaignId).filter(id -> id != null)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        // The messages are out: recording must not be lost to a passing database error (a row left
        // SENDING would be sent again once its lease ends), so it is tried a few times.
        for (int attempt = 1; ; attempt++) {
            try {
                inTransaction(() -> {
                    Uni<?> chain = Uni.createFrom().voidItem();
                    for (var e : sent.entrySet()) {
                        chain = chain.chain(() -> claims.markSent(shopId, e.getValue(), e.getKey().provider(), e.getKey().messageId()));
                    }
                    for (var e : finals.entrySet()) {
                        Final f = e.getKey();
                        chain = chain.chain(() -> claims.markFinal(shopId, e.getValue(), f.status(), f.provider(), f.code(), f.message()));
                    }
                    for (var e : again.entrySet()) {
                        chain = chain.chain(() -> claims.release(shopId, e.getValue(), e.getKey().code(), e.getKey().message()));
                    }
                    if (!unaccounted.isEmpty()) {   // cannot happen; never leave a row SENDING for a whole lease
                        chain = chain.chain(() -> claims.release(shopId, unaccounted, "INTERNAL", "No outcome was recorded"));
                    }
                    for (Long campaignId : campaignIds) {
                        chain = chain.chain(() -> campaigns.refresh(shopId, campaignId));
                    }
                    return chain.replaceWith(Boolean.TRUE);
                });
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
                LOG.warnf("Recording the outcome of %d email(s) of shop %d failed (attempt %d): %s", results.size(),
                        shopId, attempt, e.getMessage());
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void logSummary(long shopId, int commands, int claimed, List<OutgoingEmail> requests, Map<Long, Result> results,
                            long millis) {
        Map<String, Long> counts = results.values().stream().collect(Collectors.groupingBy(r -> switch (r) {
            case Done d -> "sent via " + d.provider();
            case Final f -> f.status().name().toLowerCase(Locale.ROOT);
            case Again a -> "retried";
        }, LinkedHashMap::new, Collectors.counting()));
        LOG.infof("Shop %d: %d command(s), %d claimed, %d provider request(s) planned, %d ms: %s", shopId, commands,
                claimed, requests.size(), millis, counts);
    }
}
