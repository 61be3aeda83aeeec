package com.gstcomms.local.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gstcomms.core.json.JsonMappers;
import com.gstcomms.local.cloud.LocalCloud;
import com.gstcomms.local.events.ScheduleEventSource;
import com.gstcomms.local.events.SqsEventSource;
import com.gstcomms.local.lambda.LocalFunction;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local cloud's console: one page (console/index.html) over a small JSON API — the functions and
 * their recent invocations and cold starts, queue depths and dead-letter queues (with their messages),
 * schedules (run now), bulk operations with progress, the captured emails (HTML as sent, attachments
 * downloadable) and WhatsApp messages, and the notification log.
 */
public final class Console implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMappers.standard()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private static final int LOG_TAIL_BYTES = 64 * 1024;

    private final LocalCloud cloud;
    private final HttpServer server;

    private Console(LocalCloud cloud, HttpServer server) {
        this.cloud = cloud;
        this.server = server;
    }

    public static Console start(LocalCloud cloud, Vertx vertx, String host, int port) {
        Router router = Router.router(vertx);
        Console[] self = new Console[1];
        router.get("/").handler(ctx -> page(ctx));
        router.get("/api/overview").blockingHandler(ctx -> self[0].json(ctx, self[0].overview()), false);
        router.get("/api/functions/:name/invocations").blockingHandler(ctx -> self[0].invocations(ctx), false);
        router.get("/api/functions/:name/log").blockingHandler(ctx -> self[0].log(ctx), false);
        router.post("/api/schedules/:id/run").blockingHandler(ctx -> self[0].runSchedule(ctx), false);
        router.get("/api/queues/:id/messages").blockingHandler(ctx -> self[0].deadLetters(ctx), false);
        router.get("/api/bulk-operations").blockingHandler(ctx -> self[0].json(ctx, self[0].bulkOperations()), false);
        router.get("/api/notifications").blockingHandler(ctx -> self[0].json(ctx, self[0].notifications()), false);
        router.get("/api/emails").blockingHandler(ctx -> self[0].json(ctx, self[0].emails()), false);
        router.get("/api/emails/:id/html").blockingHandler(ctx -> self[0].emailHtml(ctx), false);
        router.get("/api/emails/:id/attachments/:n").blockingHandler(ctx -> self[0].attachment(ctx), false);
        router.get("/api/whatsapps").blockingHandler(ctx -> self[0].json(ctx, self[0].whatsapps()), false);
        HttpServer server = vertx.createHttpServer().requestHandler(router);
        try {
            server.listen(port, host).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " for the console; choose "
                    + "another port with --console-port", e);
        }
        self[0] = new Console(cloud, server);
        return self[0];
    }

    public int port() {
        return server.actualPort();
    }

    private static void page(RoutingContext ctx) {
        try (InputStream in = Console.class.getResourceAsStream("/console/index.html")) {
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .end(Buffer.buffer(in.readAllBytes()));
        } catch (IOException | NullPointerException e) {
            ctx.response().setStatusCode(500).end("console page missing from the build");
        }
    }

    private void json(RoutingContext ctx, Object body) {
        try {
            ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                    .end(Buffer.buffer(JSON.writeValueAsBytes(body)));
        } catch (Exception e) {
            error(ctx, 500, e.getMessage());
        }
    }

    private static void error(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(JSON.createObjectNode().put("error", message == null ? "error" : message).toString());
    }

    // ---- overview ----

    ObjectNode overview() {
        ObjectNode root = JSON.createObjectNode();
        root.put("apiUrl", cloud.apiUrl());
        root.put("consoleUrl", cloud.consoleUrl());
        root.put("shop", cloud.shop().domain());
        root.put("bucket", cloud.bucket());
        root.put("logs", cloud.logDirectory().toString());
        ArrayNode problems = root.putArray("templateProblems");
        cloud.templateProblems().forEach(problems::add);

        ArrayNode functions = root.putArray("functions");
        for (LocalFunction function : cloud.functions()) {
            LocalFunction.Statistics stats = function.statistics();
            ObjectNode f = functions.addObject();
            f.put("name", function.name());
            f.put("module", function.spec().modulePath());
            f.put("state", function.state());
            f.put("built", function.built());
            function.pid().ifPresent(pid -> f.put("pid", pid));
            f.put("timeoutSeconds", function.spec().timeoutSeconds());
            f.put("memoryMb", function.spec().memoryMb());
            f.put("pending", function.pendingCount());
            f.put("invocations", stats.invocations());
            f.put("failures", stats.failures());
            f.put("restarts", stats.restarts());
            // The entry point of a shared artifact: a @Named RequestHandler, or a Funqy module's @Funq function.
            String handler = function.spec().environment().getOrDefault("QUARKUS_LAMBDA_HANDLER",
                    function.spec().environment().get("QUARKUS_FUNQY_EXPORT"));
            if (handler != null) {
                f.put("handler", handler);
            }
            ArrayNode cold = f.putArray("coldStarts");
            stats.coldStarts().forEach(c -> cold.addObject().put("instance", c.instanceId())
                    .put("initMs", c.initMillis()).put("firstResponseMs", c.firstResponseMillis()));
            ArrayNode recent = f.putArray("recent");
            stats.recent().stream().limit(5).forEach(r -> recent.add(JSON.valueToTree(r)));
            if (function.lastInitFailure() != null) {
                f.put("lastInitFailure", function.lastInitFailure());
            }
        }

        ArrayNode queues = root.putArray("queues");
        for (LocalCloud.LocalQueue queue : cloud.queues()) {
            ObjectNode q = queues.addObject();
            q.put("id", queue.logicalId());
            q.put("name", queue.name());
            q.put("deadLetterQueue", queue.isDeadLetterQueue());
            if (queue.deadLetterQueueId() != null) {
                q.put("redrivesTo", queue.deadLetterQueueId());
                q.put("maxReceiveCount", queue.maxReceiveCount());
            }
            q.put("visibilityTimeout", queue.localVisibilityTimeout());
            q.put("templateVisibilityTimeout", queue.templateVisibilityTimeout());
            try {
                Map<QueueAttributeName, String> attributes = cloud.sqs().client().getQueueAttributes(b -> b
                        .queueUrl(queue.url()).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
                q.put("visible", Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")));
                q.put("inFlight", Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
                q.put("delayed", Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0")));
            } catch (RuntimeException e) {
                q.put("error", e.getMessage());
            }
            ArrayNode consumers = q.putArray("consumers");
            for (SqsEventSource source : cloud.sqsSources()) {
                if (source.queueName().equals(queue.name())) {
                    consumers.addObject().put("event", source.id()).put("batches", source.batches())
                            .put("deleted", source.deleted()).put("retried", source.retried());
                }
            }
        }

        ArrayNode schedules = root.putArray("schedules");
        for (ScheduleEventSource schedule : cloud.schedules()) {
            ObjectNode s = schedules.addObject();
            s.put("id", schedule.id());
            s.put("expression", schedule.expression());
            s.put("enabled", schedule.enabled());
            if (schedule.next() != null) {
                s.put("next", schedule.next().toInstant().toString());
            }
            s.put("firings", schedule.firings());
        }
        ArrayNode uploads = root.putArray("uploads");
        cloud.s3Sources().forEach(s -> uploads.addObject().put("id", s.id()).put("watch", s.description())
                .put("events", s.events()));
        ObjectNode http = root.putObject("httpApi");
        http.put("url", cloud.apiUrl());
        http.put("requests", cloud.gateway().requests());
        ArrayNode routes = http.putArray("routes");
        cloud.gateway().routes().forEach(r -> routes.addObject().put("route", r.routeKey())
                .put("function", r.function().name()));
        ObjectNode providers = root.putObject("providers");
        providers.put("sendGridEventPosts", cloud.callbacks().sendGridPosts());
        providers.put("twilioStatusCallbacks", cloud.callbacks().twilioCallbacks());
        providers.put("webhookPostsRefused", cloud.callbacks().failedPosts());
        providers.put("emailsCaptured", cloud.smtp().receivedMessages().size() + cloud.sendGrid().sent().size());
        providers.put("whatsAppsCaptured", cloud.twilio().sent().size());
        return root;
    }

    private void invocations(RoutingContext ctx) {
        Optional<LocalFunction> function = cloud.function(ctx.pathParam("name"));
        if (function.isEmpty()) {
            error(ctx, 404, "no function " + ctx.pathParam("name"));
            return;
        }
        json(ctx, function.get().statistics().recent());
    }

    private void log(RoutingContext ctx) {
        Optional<LocalFunction> function = cloud.function(ctx.pathParam("name"));
        if (function.isEmpty()) {
            error(ctx, 404, "no function " + ctx.pathParam("name"));
            return;
        }
        Path file = function.get().logFile();
        String text;
        try {
            text = tail(file);
        } catch (IOException e) {
            text = "(no log yet: " + file + ")";
        }
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(text);
    }

    static String tail(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - LOG_TAIL_BYTES);
            in.seek(start);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private void runSchedule(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Optional<ScheduleEventSource> schedule = cloud.schedules().stream().filter(s -> s.id().equals(id)).findFirst();
        if (schedule.isEmpty()) {
            error(ctx, 404, "no schedule " + id);
            return;
        }
        schedule.get().runNow();
        json(ctx, Map.of("fired", id));
    }

    /** Messages of a dead-letter queue, read without hiding them (visibility 0). Only DLQs: reading a
     * working queue would count as a receive and push its messages toward their DLQ. */
    private void deadLetters(RoutingContext ctx) {
        Optional<LocalCloud.LocalQueue> queue = cloud.queue(ctx.pathParam("id"));
        if (queue.isEmpty() || !queue.get().isDeadLetterQueue()) {
            error(ctx, 404, "no dead-letter queue " + ctx.pathParam("id"));
            return;
        }
        var messages = cloud.sqs().client().receiveMessage(b -> b.queueUrl(queue.get().url()).maxNumberOfMessages(10)
                .visibilityTimeout(0).messageSystemAttributeNamesWithStrings("All")).messages();
        List<Map<String, Object>> out = new ArrayList<>();
        messages.forEach(m -> out.add(Map.of("messageId", m.messageId(), "body", m.body(),
                "receiveCount", m.attributesAsStrings().getOrDefault("ApproximateReceiveCount", "?"))));
        json(ctx, out);
    }

    // ---- database views ----

    List<Map<String, Object>> bulkOperations() {
        return cloud.database().query("""
                select id, type, status, total, processed, succeeded, failed,
                       case when total is null or total = 0 then null else round(100.0 * processed / total) end as percent,
                       input_key, output_key, error_report_key, error_summary, created_at, finished_at
                from bulk_operation order by id desc limit 50""");
    }

    List<Map<String, Object>> notifications() {
        return cloud.database().query("""
                select id, channel, kind, status, recipient, provider, provider_message_id, attempts, error_code,
                       error_message, invoice_id, created_at, sent_at, delivered_at, read_at, opened_at
                from notification order by id desc limit 200""");
    }

    // ---- captured messages ----

    List<CapturedMail> capturedMails() {
        List<CapturedMail> mails = new ArrayList<>();
        var smtp = cloud.smtp().receivedMessages();
        for (int i = 0; i < smtp.size(); i++) {
            mails.add(CapturedMail.fromSmtp(i, smtp.get(i)));
        }
        cloud.sendGrid().sent().forEach(m -> mails.add(CapturedMail.fromSendGrid(m)));
        mails.sort((a, b) -> b.receivedAt().compareTo(a.receivedAt()));
        return mails;
    }

    private List<Map<String, Object>> emails() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (CapturedMail mail : capturedMails()) {
            List<Map<String, Object>> attachments = new ArrayList<>();
            for (int i = 0; i < mail.attachments().size(); i++) {
                CapturedMail.Attachment a = mail.attachments().get(i);
                attachments.add(Map.of("index", i, "filename", a.filename(), "contentType", a.contentType(),
                        "size", a.content().length));
            }
            out.add(Map.of("id", mail.id(), "via", mail.via(), "from", String.valueOf(mail.from()), "to", mail.to(),
                    "subject", String.valueOf(mail.subject()), "receivedAt", mail.receivedAt().toString(),
                    "attachments", attachments));
        }
        return out;
    }

    private Optional<CapturedMail> mail(String id) {
        return capturedMails().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    private void emailHtml(RoutingContext ctx) {
        Optional<CapturedMail> mail = mail(ctx.pathParam("id"));
        if (mail.isEmpty()) {
            error(ctx, 404, "no captured email " + ctx.pathParam("id"));
            return;
        }
        // Shown in a sandboxed frame: a mail's HTML may not run scripts in the console's origin.
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", "sandbox; default-src 'none'; img-src data: http: https:; style-src 'unsafe-inline'")
                .end(mail.get().displayHtml());
    }

    private void attachment(RoutingContext ctx) {
        Optional<CapturedMail> mail = mail(ctx.pathParam("id"));
        int n;
        try {
            n = Integer.parseInt(ctx.pathParam("n"));
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (mail.isEmpty() || n < 0 || n >= mail.get().attachments().size()) {
            error(ctx, 404, "no such attachment");
            return;
        }
        CapturedMail.Attachment a = mail.get().attachments().get(n);
        String safeName = a.filename().replaceAll("[^A-Za-z0-9._-]", "_");
        ctx.response().putHeader("Content-Type", a.contentType())
                .putHeader("Content-Disposition", "attachment; filename=\"" + safeName + "\"")
                .end(Buffer.buffer(a.content()));
    }

    private List<Map<String, Object>> whatsapps() {
        List<Map<String, Object>> out = new ArrayList<>();
        var sent = new ArrayList<>(cloud.twilio().sent());
        java.util.Collections.reverse(sent);
        for (var m : sent) {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("sid", m.sid());
            row.put("to", m.to());
            row.put("from", m.from() != null ? m.from() : m.messagingServiceSid());
            row.put("body", m.body());
            row.put("contentSid", m.contentSid());
            row.put("contentVariables", m.contentVariables());
            row.put("mediaUrls", m.mediaUrls());
            row.put("createdAt", m.createdAt().toString());
            out.add(row);
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
    }

}
