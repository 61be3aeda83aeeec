package com.gstcomms.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.local.cloud.LocalCloud;
import com.gstcomms.testing.SendGridStandIn;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The demo on a running local cloud, through the public API as a merchant's app would drive it: import
 * the shop's catalogue, the sample customers and the buyers of the sample Shopify order export, import
 * the orders (which issues the GST invoices), render every invoice to a PDF and deliver it by email and
 * WhatsApp, then wait for the providers' delivery and read receipts to come back through the signed
 * webhooks. Each stage shows a progress bar; the end is a {@link Summary}. A stage that cannot run (a
 * function not built yet, an API call not there yet) is reported, and the stages after it that need it
 * are skipped: the demo says what it could not show rather than failing without a word.
 */
public final class Demo {

    /** What the demo did and found, for the terminal and for the end-to-end test. */
    public record Summary(Map<String, ImportResult> imports, long invoices, long pdfs, long emailsCaptured,
                          long emailsWithPdf, long emailPdfsIdenticalToS3, long whatsAppsCaptured, long delivered,
                          long read, long failedDeliveries, JsonNode analytics, List<String> problems) {
        public boolean clean() {
            return problems.isEmpty();
        }
    }

    /** One import's bulk operation as it ended. */
    public record ImportResult(long bulkOperationId, String status, long total, long succeeded, long failed,
                               String errorReportKey) {
    }

    private final LocalCloud cloud;
    private final PrintStream out;
    private final boolean interactive;
    private final Duration stageTimeout;
    private final Path samples;
    private final LocalApi api;
    private final List<String> problems = new ArrayList<>();

    public Demo(LocalCloud cloud, PrintStream out, boolean interactive, Duration stageTimeout) {
        this.cloud = cloud;
        this.out = out;
        this.interactive = interactive;
        this.stageTimeout = stageTimeout;
        this.samples = cloud.options().projectRoot().resolve("infra/local/samples");
        this.api = new LocalApi(cloud.apiUrl(), cloud.shop().apiKey());
    }

    public Summary run() {
        long shopId = cloud.shop().shopId();
        out.println();
        out.println("Demo: " + cloud.shop().domain() + " (Maharashtra) imports its catalogue, customers and a Shopify "
                + "order export, then invoices, renders and delivers.");
        if (!waitForApi()) {
            return summary(Map.of(), List.of());
        }
        providerSettings();

        Map<String, ImportResult> imports = new LinkedHashMap<>();
        importFile("PRODUCTS", "products.csv", "Catalogue import", imports);
        importFile("CUSTOMERS", "shopify-customers-sample.csv", "Customer import", imports);
        importFile("CUSTOMERS", "order-buyers.csv", "Buyers import", imports);
        importFile("ORDERS", "shopify-orders-sample.csv", "Order import", imports);

        List<Long> invoiceIds = cloud.database().query("select id from invoice where shop_id = ? order by id", shopId)
                .stream().map(r -> ((Number) r.get("id")).longValue()).toList();
        if (invoiceIds.isEmpty()) {
            problem("the order import issued no invoices, so there is nothing to render or deliver");
            return summary(imports, invoiceIds);
        }
        LocalApi.Answer bulk = api.post("/v1/bulk/invoices",
                Map.of("invoiceIds", invoiceIds, "deliverVia", List.of("EMAIL", "WHATSAPP")));
        if (!bulk.ok()) {
            problem("POST /v1/bulk/invoices answered " + bulk.describe());
            return summary(imports, invoiceIds);
        }
        String in = inList(invoiceIds);
        waitFor("Invoice PDFs", () -> new Progress(
                cloud.database().count("select count(*) from invoice where pdf_key is not null and id in " + in),
                invoiceIds.size(), null), "PDFs");
        deliveryStage("Emails", "EMAIL", in);
        deliveryStage("WhatsApps", "WHATSAPP", in);
        // SendGrid posts processed, delivered, open; Twilio sent, delivered, read: the stage ends when every
        // message sent has been read or opened.
        waitFor("Delivery receipts", () -> {
            long sent = cloud.database().count("select count(*) from notification where invoice_id in " + in
                    + " and status in ('SENT','DELIVERED','READ','OPENED','CLICKED')");
            long delivered = cloud.database().count("select count(*) from notification where invoice_id in " + in
                    + " and status in ('DELIVERED','READ','OPENED','CLICKED')");
            long read = cloud.database().count("select count(*) from notification where invoice_id in " + in
                    + " and status in ('READ','OPENED','CLICKED')");
            return sent == 0 ? Progress.finished(0, 0, "nothing was sent")
                    : new Progress(read, sent, delivered + " delivered, " + read + " read or opened");
        }, "read or opened");
        return summary(imports, invoiceIds);
    }

    private boolean waitForApi() {
        var api = cloud.function(cloud.gateway().routes().isEmpty() ? "" : cloud.gateway().routes().getFirst()
                .function().name());
        if (api.isEmpty() || !api.get().built()) {
            problem("the api function is not built (functions/api/target/function.zip): the demo drives the chain "
                    + "through the API");
            return false;
        }
        ProgressBar bar = new ProgressBar(out, "API warm-up", interactive);
        long deadline = System.nanoTime() + stageTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            LocalApi.Answer answer = this.api.get("/v1/settings/shop");
            if (answer.ok()) {
                bar.finish(1, 1, "");
                return true;
            }
            bar.update(0, 1, answer.describe());
            sleep(500);
        }
        bar.finish(0, 1, "no answer");
        problem("the API did not answer GET /v1/settings/shop within " + stageTimeout.toSeconds() + " s (see "
                + cloud.logDirectory() + ")");
        return false;
    }

    static final String DEMO_TWILIO_ACCOUNT = "AC" + "0".repeat(28) + "d3e0";
    static final String DEMO_TWILIO_TOKEN = "d3e0d3e0d3e0d3e0d3e0d3e0d3e0d3e0";

    /** The shop's own SendGrid key and Twilio account (the stand-ins'), as a merchant enters them. */
    private void providerSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("sendgrid", Map.of("apiKey", cloud.sendGrid().validApiKey(),
                "fromEmail", "invoices@demo-kirana.example.in", "fromName", "Demo Kirana"));
        // The shop's own Twilio account (not the platform's: the API refuses that), owning its sender number,
        // which the API checks with Twilio when the settings are saved.
        cloud.twilio().addAccount(DEMO_TWILIO_ACCOUNT, DEMO_TWILIO_TOKEN);
        cloud.twilio().addNumber(DEMO_TWILIO_ACCOUNT, "+912024450000");
        settings.put("twilio", Map.of("accountSid", DEMO_TWILIO_ACCOUNT, "authToken", DEMO_TWILIO_TOKEN,
                "sender", "whatsapp:+912024450000"));
        LocalApi.Answer answer = api.put("/v1/settings/providers", settings);
        if (answer.ok()) {
            out.println("  Provider settings      SendGrid and Twilio saved for the shop (secrets sealed, read back "
                    + "masked)");
        } else if (answer.status() == 404 || answer.status() == 405) {
            out.println("  Provider settings      PUT /v1/settings/providers is not in the API yet: the functions "
                    + "use the platform's keys");
            return;
        } else {
            problem("PUT /v1/settings/providers answered " + answer.describe());
            return;
        }
        // WhatsApp business messages go as templates Meta approved; a shop sending through its own Twilio
        // account registers its own (Content SID HX…, variables in {{1}}, {{2}} … order).
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("channel", "WHATSAPP");
        template.put("kind", "INVOICE_DELIVERY");
        template.put("locale", "en");
        template.put("name", "Invoice with PDF (approved)");
        template.put("bodyText", "Namaste {{1}}, your tax invoice {{2}} for {{3}} from {{4}} is attached.");
        template.put("whatsappContentSid", "HX0123456789abcdef0123456789abcdef");
        // {{5}}: the document header's media path (the whatsapp function fills it with the invoice PDF's).
        template.put("variables", List.of("customerName", "invoiceNumber", "grandTotal", "shopName", "mediaPath"));
        LocalApi.Answer saved = api.post("/v1/templates", template);
        if (saved.ok()) {
            out.println("  WhatsApp template      INVOICE_DELIVERY registered (Content SID HX0123…cdef)");
        } else {
            problem("POST /v1/templates (the shop's approved WhatsApp invoice template) answered " + saved.describe());
        }
    }

    private void importFile(String type, String file, String label, Map<String, ImportResult> results) {
        Path path = samples.resolve(file);
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            problem(label + ": cannot read " + path);
            return;
        }
        LocalApi.Answer started = api.post("/v1/imports", Map.of("type", type, "fileName", file));
        if (!started.ok()) {
            problem(label + ": POST /v1/imports answered " + started.describe());
            return;
        }
        JsonNode body = started.body();
        Map<String, String> headers = new LinkedHashMap<>();
        body.path("uploadHeaders").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        int uploaded = api.upload(body.path("uploadUrl").asText(), body.path("uploadMethod").asText("PUT"), headers,
                content);
        if (uploaded / 100 != 2) {
            problem(label + ": the upload to the presigned URL answered " + uploaded);
            return;
        }
        long id = body.path("bulkOperationId").asLong();
        ImportResult[] last = new ImportResult[1];
        boolean finished = waitFor(label, () -> {
            var rows = cloud.database().query("select status, total, processed, succeeded, failed, error_report_key "
                    + "from bulk_operation where id = ?", id);
            if (rows.isEmpty()) {
                return new Progress(0, 0, "waiting for the operation");
            }
            var row = rows.getFirst();
            String status = (String) row.get("status");
            long total = row.get("total") == null ? 0 : ((Number) row.get("total")).longValue();
            long processed = ((Number) row.get("processed")).longValue();
            last[0] = new ImportResult(id, status, total, ((Number) row.get("succeeded")).longValue(),
                    ((Number) row.get("failed")).longValue(), (String) row.get("error_report_key"));
            // Refused rows: the error report is written just after the operation completes; wait for it.
            boolean done = Set.of("COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED", "CANCELLED").contains(status)
                    && (last[0].failed() == 0 || last[0].errorReportKey() != null || status.equals("FAILED"));
            String note = status + (last[0].failed() > 0 ? ", " + last[0].failed() + " rows refused ("
                    + (last[0].errorReportKey() == null ? "writing the error report" : "error report") + ")" : "");
            return new Progress(processed, total, note, done);
        }, "rows");
        if (last[0] != null) {
            results.put(file, last[0]);
            if (finished && "FAILED".equals(last[0].status())) {
                problem(label + ": the import failed as a whole (bulk operation " + id + ")");
            }
        }
    }

    private void deliveryStage(String label, String channel, String invoiceIn) {
        waitFor(label, () -> {
            long total = cloud.database().count("select count(*) from notification where channel = ? and invoice_id in "
                    + invoiceIn, channel);
            long done = cloud.database().count("select count(*) from notification where channel = ? and invoice_id in "
                    + invoiceIn + " and status not in ('SCHEDULED','QUEUED','SENDING')", channel);
            long failed = cloud.database().count("select count(*) from notification where channel = ? and invoice_id in "
                    + invoiceIn + " and status in ('FAILED','BOUNCED','UNDELIVERED','SUPPRESSED','CANCELLED')", channel);
            return new Progress(done, total, failed > 0 ? failed + " not delivered" : null);
        }, channel.toLowerCase());
    }

    /** A stage's state: how far, out of how many, and whether it has ended. */
    record Progress(long done, long total, String note, boolean ended) {
        Progress(long done, long total, String note) {
            this(done, total, note, total > 0 && done >= total);
        }

        static Progress finished(long done, long total, String note) {
            return new Progress(done, total, note, true);
        }
    }

    /** Redraws the stage's bar until it ends or the stage timeout passes; false on timeout. */
    private boolean waitFor(String label, Supplier<Progress> probe, String unit) {
        ProgressBar bar = new ProgressBar(out, label, interactive);
        long deadline = System.nanoTime() + stageTimeout.toNanos();
        Progress progress = new Progress(0, 0, null);
        while (System.nanoTime() < deadline) {
            try {
                progress = probe.get();
            } catch (RuntimeException e) {
                progress = new Progress(progress.done(), progress.total(), e.getMessage());
            }
            if (progress.ended()) {
                bar.finish(progress.done(), progress.total(), progress.note());
                return true;
            }
            bar.update(progress.done(), progress.total(), progress.note());
            sleep(300);
        }
        bar.finish(progress.done(), progress.total(), "timed out" + (progress.note() == null ? "" : ": " + progress.note()));
        problem(label + ": " + progress.done() + " of " + progress.total() + " " + unit + " after "
                + stageTimeout.toSeconds() + " s" + (progress.note() == null ? "" : " (" + progress.note() + ")")
                + " — see the console and " + cloud.logDirectory());
        return false;
    }

    private Summary summary(Map<String, ImportResult> imports, List<Long> invoiceIds) {
        String in = invoiceIds.isEmpty() ? "(null)" : inList(invoiceIds);
        long pdfs = invoiceIds.isEmpty() ? 0
                : cloud.database().count("select count(*) from invoice where pdf_key is not null and id in " + in);
        Map<String, byte[]> s3Pdfs = new LinkedHashMap<>();
        if (!invoiceIds.isEmpty()) {
            for (var row : cloud.database().query("select pdf_key from invoice where pdf_key is not null and id in " + in)) {
                String key = (String) row.get("pdf_key");
                try {
                    s3Pdfs.put(key, cloud.s3().client().getObjectAsBytes(b -> b.bucket(cloud.bucket()).key(key)).asByteArray());
                } catch (RuntimeException e) {
                    problem("invoice PDF " + key + " is recorded but not in S3: " + e.getMessage());
                }
            }
        }
        List<byte[]> mailedPdfs = mailedPdfs();
        long identical = mailedPdfs.stream().filter(p -> s3Pdfs.values().stream().anyMatch(s -> Arrays.equals(s, p))).count();
        long emails = cloud.smtp().receivedMessages().size() + cloud.sendGrid().sent().size();
        long delivered = invoiceIds.isEmpty() ? 0 : cloud.database().count("select count(*) from notification where "
                + "invoice_id in " + in + " and status in ('DELIVERED','READ','OPENED','CLICKED')");
        long read = invoiceIds.isEmpty() ? 0 : cloud.database().count("select count(*) from notification where "
                + "invoice_id in " + in + " and status in ('READ','OPENED','CLICKED')");
        long failed = invoiceIds.isEmpty() ? 0 : cloud.database().count("select count(*) from notification where "
                + "invoice_id in " + in + " and status in ('FAILED','BOUNCED','UNDELIVERED')");
        JsonNode analytics = null;
        if (!invoiceIds.isEmpty()) {
            LocalApi.Answer answer = api.get("/v1/analytics");
            if (answer.ok()) {
                analytics = answer.body();
            } else if (answer.status() != 404) {
                problem("GET /v1/analytics answered " + answer.describe());
            }
        }
        Summary summary = new Summary(imports, invoiceIds.size(), pdfs, emails, mailedPdfs.size(), identical,
                cloud.twilio().sent().size(), delivered, read, failed, analytics, List.copyOf(problems));
        print(summary);
        return summary;
    }

    /** Every PDF attached to a captured email (SMTP or SendGrid). */
    private List<byte[]> mailedPdfs() {
        List<byte[]> pdfs = new ArrayList<>();
        for (SendGridStandIn.SentMail mail : cloud.sendGrid().sent()) {
            for (JsonNode attachment : mail.json().path("attachments")) {
                if (attachment.path("type").asText().contains("pdf") || attachment.path("filename").asText().endsWith(".pdf")) {
                    pdfs.add(Base64.getMimeDecoder().decode(attachment.path("content").asText()));
                }
            }
        }
        for (MimeMessage message : cloud.smtp().receivedMessages()) {
            try {
                collectPdfs(message, pdfs);
            } catch (Exception e) {
                problem("a captured SMTP message could not be read: " + e.getMessage());
            }
        }
        return pdfs;
    }

    private static void collectPdfs(Part part, List<byte[]> pdfs) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectPdfs(multipart.getBodyPart(i), pdfs);
            }
        } else if (part.isMimeType("application/pdf") || (part.getFileName() != null && part.getFileName().endsWith(".pdf"))) {
            try (InputStream in = part.getInputStream()) {
                pdfs.add(in.readAllBytes());
            }
        }
    }

    private void print(Summary s) {
        out.println();
        out.println("Summary");
        s.imports().forEach((file, r) -> out.printf("  %-34s %s: %d rows, %d imported, %d refused%s%n", file, r.status(),
                r.total(), r.succeeded(), r.failed(), r.errorReportKey() == null ? ""
                        : " (error report s3://" + cloud.bucket() + "/" + r.errorReportKey() + ")"));
        out.printf("  %-34s %d%n", "invoices issued", s.invoices());
        out.printf("  %-34s %d%n", "invoice PDFs in S3", s.pdfs());
        out.printf("  %-34s %d (with a PDF: %d, identical to S3: %d)%n", "emails captured", s.emailsCaptured(),
                s.emailsWithPdf(), s.emailPdfsIdenticalToS3());
        out.printf("  %-34s %d%n", "WhatsApps captured", s.whatsAppsCaptured());
        out.printf("  %-34s %d delivered, %d read or opened%n", "receipts back through webhooks", s.delivered(), s.read());
        out.printf("  %-34s %d%n", "failed deliveries", s.failedDeliveries());
        if (s.failedDeliveries() > 0 && s.invoices() > 0) {
            for (var row : cloud.database().query("""
                    select channel, status, coalesce(error_code, '-') as code, coalesce(error_message, '') as message,
                           count(*) as n
                    from notification where shop_id = ? and status in ('FAILED','BOUNCED','UNDELIVERED','SUPPRESSED')
                    group by 1, 2, 3, 4 order by n desc limit 5""", cloud.shop().shopId())) {
                out.printf("  %-34s %s x %s %s %s: %s%n", "", row.get("n"), row.get("channel"), row.get("status"),
                        row.get("code"), abbreviate(String.valueOf(row.get("message")), 100));
            }
        }
        if (s.analytics() != null) {
            out.println("  analytics (GET /v1/analytics)      " + abbreviate(s.analytics().toString(), 160));
        }
        out.println();
        out.println("Where to look");
        out.println("  console                            " + cloud.consoleUrl() + " (Emails: open one; WhatsApp; "
                + "Bulk operations; Notifications)");
        out.println("  API                                " + cloud.apiUrl() + " (X-Api-Key " + cloud.shop().apiKey() + ")");
        out.println("  function logs                      " + cloud.logDirectory());
        if (!s.problems().isEmpty()) {
            out.println();
            out.println("Not shown (" + s.problems().size() + "):");
            s.problems().forEach(p -> out.println("  - " + p));
        }
    }

    private void problem(String text) {
        problems.add(text);
    }

    private static String inList(List<Long> ids) {
        StringBuilder in = new StringBuilder("(");
        Set<Long> seen = new HashSet<>();
        for (Long id : ids) {
            if (seen.add(id)) {
                in.append(in.length() > 1 ? "," : "").append(id);
            }
        }
        return in.append(")").toString();
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
