package com.gstcomms.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.eventwebhook.EventWebhook;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Attachments;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendGridStandInTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SendGridStandIn standIn = LocalServers.sendGrid();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void bouncyCastle() {
        // sendgrid-java's EventWebhook verifier asks for the "BC" provider by name (docs/TRAPS.md "BouncyCastle for the SendGrid webhook").
        Security.addProvider(new BouncyCastleProvider());
    }

    @BeforeEach
    void reset() {
        standIn.reset();
    }

    @Test
    void acceptsAValidMailFromTheRealClientWith202AndAMessageId() throws IOException {
        Response response = send(standIn.validApiKey(), invoiceMail());

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(response.getBody()).isEmpty();
        String messageId = response.getHeaders().get("X-Message-Id");
        assertThat(messageId).matches("[A-Za-z0-9_-]{22}");

        assertThat(standIn.sent()).singleElement().satisfies(mail -> {
            assertThat(mail.messageId()).isEqualTo(messageId);
            assertThat(mail.fromEmail()).isEqualTo("billing@gstcomms.test");
            assertThat(mail.subject()).isEqualTo("Invoice INV-2024-0001");
            assertThat(mail.toEmails()).containsExactly("buyer@example.com");
            assertThat(mail.content("text/html")).contains("<b>₹1,180.00</b>");
            assertThat(mail.customArgs()).containsEntry("notification_id", "n-1");
            assertThat(mail.json().path("attachments").path(0).path("filename").asText()).isEqualTo("INV-2024-0001.pdf");
        });
    }

    @Test
    void answers401ForAnUnknownKey() throws IOException {
        Response response = send("SG.not-a-key", invoiceMail());

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getBody()).isEqualTo("{\"errors\":[{\"message\":\"The provided authorization grant is "
                + "invalid, expired, or revoked\",\"field\":null,\"help\":null}]}");
        assertThat(standIn.sent()).isEmpty();
    }

    @Test
    void answers403ForAKeyWithoutMailSend() throws IOException {
        standIn.addApiKeyWithoutMailSend("SG.read-only");
        assertThat(send("SG.read-only", invoiceMail()).getStatusCode()).isEqualTo(403);
        standIn.addApiKey("SG.second-key");
        assertThat(send("SG.second-key", invoiceMail()).getStatusCode()).isEqualTo(202);
    }

    @Test
    void answers400NamingTheFieldWhenSubjectIsMissing() throws IOException {
        Mail mail = invoiceMail();
        mail.setSubject(null);

        Response response = send(standIn.validApiKey(), mail);

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.getBody()).path("errors").path(0);
        assertThat(error.path("field").asText()).isEqualTo("subject");
        assertThat(error.path("message").asText()).startsWith("The subject is required.");
        assertThat(error.path("help").asText()).startsWith("http://sendgrid.com/docs/");
        assertThat(standIn.sent()).isEmpty();
    }

    @Test
    void answers400NamingTheFieldWhenFromIsMissing() throws IOException {
        Mail mail = invoiceMail();
        mail.setFrom(null);

        Response response = send(standIn.validApiKey(), mail);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.getBody()).path("errors").path(0).path("field").asText())
                .isEqualTo("from.email");
    }

    @Test
    void aSubjectInEveryPersonalizationIsEnough() throws IOException {
        Mail mail = invoiceMail();
        mail.setSubject(null);
        mail.getPersonalization().getFirst().setSubject("Per-recipient subject");
        assertThat(send(standIn.validApiKey(), mail).getStatusCode()).isEqualTo(202);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        no personalizations      | {"from":{"email":"a@b.co"},"subject":"s","content":[{"type":"text/plain","value":"v"}]}                                                                 | personalizations
        personalization, no to   | {"personalizations":[{"cc":[{"email":"c@d.co"}]}],"from":{"email":"a@b.co"},"subject":"s","content":[{"type":"text/plain","value":"v"}]}                  | personalizations.0.to
        invalid to address       | {"personalizations":[{"to":[{"email":"not-an-address"}]}],"from":{"email":"a@b.co"},"subject":"s","content":[{"type":"text/plain","value":"v"}]}          | personalizations.0.to.0.email
        duplicate to and cc      | {"personalizations":[{"to":[{"email":"x@y.co"}],"cc":[{"email":"X@y.co"}]}],"from":{"email":"a@b.co"},"subject":"s","content":[{"type":"text/plain","value":"v"}]} | personalizations.0
        invalid from             | {"personalizations":[{"to":[{"email":"x@y.co"}]}],"from":{"email":"billing"},"subject":"s","content":[{"type":"text/plain","value":"v"}]}                 | from.email
        no content               | {"personalizations":[{"to":[{"email":"x@y.co"}]}],"from":{"email":"a@b.co"},"subject":"s"}                                                               | content
        empty content value      | {"personalizations":[{"to":[{"email":"x@y.co"}]}],"from":{"email":"a@b.co"},"subject":"s","content":[{"type":"text/plain","value":""}]}                   | content.0.value
        html before plain        | {"personalizations":[{"to":[{"email":"x@y.co"}]}],"from":{"email":"a@b.co"},"subject":"s","content":[{"type":"text/html","value":"h"},{"type":"text/plain","value":"p"}]} | content
        attachment not base64    | {"personalizations":[{"to":[{"email":"x@y.co"}]}],"from":{"email":"a@b.co"},"subject":"s","content":[{"type":"text/plain","value":"v"}],"attachments":[{"content":"not base64!","filename":"a.pdf"}]} | attachments.0.content
        attachment no filename   | {"personalizations":[{"to":[{"email":"x@y.co"}]}],"from":{"email":"a@b.co"},"subject":"s","content":[{"type":"text/plain","value":"v"}],"attachments":[{"content":"dGVzdA=="}]} | attachments.0.filename
        numeric custom_args      | {"personalizations":[{"to":[{"email":"x@y.co"}],"custom_args":{"invoice":42}}],"from":{"email":"a@b.co"},"subject":"s","content":[{"type":"text/plain","value":"v"}]} | personalizations.0.custom_args
        reserved header          | {"personalizations":[{"to":[{"email":"x@y.co"}]}],"from":{"email":"a@b.co"},"subject":"s","content":[{"type":"text/plain","value":"v"}],"headers":{"Reply-To":"r@y.co"}} | headers
        empty subject            | {"personalizations":[{"to":[{"email":"x@y.co"}]}],"from":{"email":"a@b.co"},"subject":"","content":[{"type":"text/plain","value":"v"}]}                   | subject
        """)
    void rejectsWhatTheRealApiRejects(String description, String body, String field) throws Exception {
        HttpResponse<String> response = post(standIn.validApiKey(), body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = JSON.readTree(response.body()).path("errors");
        assertThat(errors).extracting(e -> e.path("field").asText()).contains(field);
        assertThat(standIn.sent()).isEmpty();
    }

    @Test
    void aTemplateNeedsNeitherSubjectNorContent() throws Exception {
        HttpResponse<String> response = post(standIn.validApiKey(), """
                {"personalizations":[{"to":[{"email":"x@y.co"}],"dynamic_template_data":{"total":"1,180.00"}}],
                 "from":{"email":"a@b.co"},"template_id":"d-0123456789abcdef0123456789abcdef"}""");
        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void refusesMoreThan1000Recipients() throws Exception {
        StringBuilder to = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            to.append(i == 0 ? "" : ",").append("{\"email\":\"r").append(i).append("@example.com\"}");
        }
        HttpResponse<String> response = post(standIn.validApiKey(), "{\"personalizations\":[{\"to\":[" + to
                + "]}],\"from\":{\"email\":\"a@b.co\"},\"subject\":\"s\",\"content\":[{\"type\":\"text/plain\",\"value\":\"v\"}]}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("There is a limit of 1000 total recipients");
    }

    @Test
    void answers413ForAMessageOver30Megabytes() throws Exception {
        String attachment = Base64.getEncoder().encodeToString(new byte[23 * 1024 * 1024]);   // ~31 MB as base64
        HttpResponse<String> response = post(standIn.validApiKey(), "{\"personalizations\":[{\"to\":[{\"email\":"
                + "\"x@y.co\"}]}],\"from\":{\"email\":\"a@b.co\"},\"subject\":\"s\",\"content\":[{\"type\":\"text/plain\","
                + "\"value\":\"v\"}],\"attachments\":[{\"content\":\"" + attachment + "\",\"filename\":\"big.bin\"}]}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(standIn.sent()).isEmpty();
    }

    @Test
    void programmedRateLimitComesBackWithRateLimitHeadersThenNormalServiceResumes() throws IOException {
        standIn.failNext(429);

        Response limited = send(standIn.validApiKey(), invoiceMail());
        Response next = send(standIn.validApiKey(), invoiceMail());

        assertThat(limited.getStatusCode()).isEqualTo(429);
        assertThat(limited.getHeaders()).containsEntry("X-RateLimit-Remaining", "0").containsKey("X-RateLimit-Reset");
        assertThat(limited.getBody()).contains("too many requests");
        assertThat(next.getStatusCode()).isEqualTo(202);
        assertThat(standIn.sent()).hasSize(1);
    }

    @Test
    void programmedFailureUsesTheGivenStatusBodyAndHeaders() throws IOException {
        standIn.failNext(503, "{\"errors\":[{\"message\":\"maintenance\"}]}", Map.of("Retry-After", "7"));
        Response response = send(standIn.validApiKey(), invoiceMail());
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).contains("maintenance");
        assertThat(response.getHeaders()).containsEntry("Retry-After", "7");
    }

    @Test
    void programmedDelayMakesAClientTimeOut() {
        standIn.delayNext(Duration.ofSeconds(2));
        HttpRequest request = HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/v3/mail/send"))
                .timeout(Duration.ofMillis(300))
                .header("Authorization", "Bearer " + standIn.validApiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void signsEventsSoSendGridsOwnVerifierAcceptsThem() throws Exception {
        byte[] payload = "[{\"email\":\"buyer@example.com\",\"event\":\"delivered\",\"sg_message_id\":\"abc\"}]\r\n"
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = standIn.signedEventHeaders(payload);
        String signature = headers.get(SendGridStandIn.SIGNATURE_HEADER);
        String timestamp = headers.get(SendGridStandIn.TIMESTAMP_HEADER);

        EventWebhook verifier = new EventWebhook();
        ECPublicKey key = verifier.ConvertPublicKeyToECDSA(standIn.verificationPublicKeyBase64());

        assertThat(verifier.VerifySignature(key, payload, signature, timestamp)).isTrue();
        byte[] tampered = new String(payload, StandardCharsets.UTF_8).replace("delivered", "bounce")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.VerifySignature(key, tampered, signature, timestamp)).isFalse();
        assertThat(verifier.VerifySignature(key, payload, signature, "1")).isFalse();
    }

    private Mail invoiceMail() {
        Mail mail = new Mail(new Email("billing@gstcomms.test", "GST Comms"), "Invoice INV-2024-0001",
                new Email("buyer@example.com"), new Content("text/plain", "Total: Rs 1,180.00"));
        mail.addContent(new Content("text/html", "<p>Total: <b>₹1,180.00</b></p>"));
        Attachments pdf = new Attachments();
        pdf.setContent(Base64.getEncoder().encodeToString("%PDF-1.7 fake".getBytes(StandardCharsets.US_ASCII)));
        pdf.setFilename("INV-2024-0001.pdf");
        pdf.setType("application/pdf");
        pdf.setDisposition("attachment");
        mail.addAttachments(pdf);
        mail.addCustomArg("notification_id", "n-1");
        return mail;
    }

    private Response send(String apiKey, Mail mail) throws IOException {
        SendGrid client = new SendGrid(apiKey, true);   // true: plain http, for a local host
        client.setHost(standIn.host());
        Request request = new Request();
        request.setMethod(Method.POST);
        request.setEndpoint("mail/send");
        request.setBody(mail.build());
        return client.api(request);
    }

    private HttpResponse<String> post(String apiKey, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/v3/mail/send"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
