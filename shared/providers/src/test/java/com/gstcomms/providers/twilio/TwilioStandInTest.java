package com.gstcomms.providers.twilio;

import com.gstcomms.testing.LocalServers;
import com.gstcomms.testing.TwilioStandIn;

import com.sun.net.httpserver.HttpServer;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Twilio stand-in of shared/testing, checked with the real client: twilio-java under our
 * {@link TwilioHttpClient} (the one the functions and the API use, pointed at the stand-in). It lives here,
 * not in shared/testing, because these tests need this module and this module's tests need shared/testing.
 */
class TwilioStandInTest {

    private static final String CONTENT_SID = "HX0123456789abcdef0123456789abcdef";
    private final TwilioStandIn standIn = LocalServers.twilio();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        standIn.reset();
    }

    private TwilioRestClient client(String accountSid, String authToken) {
        return new TwilioRestClient.Builder(accountSid, authToken)
                .httpClient(new TwilioHttpClient(Optional.of(standIn.baseUrl()), Duration.ofSeconds(10)))
                .build();
    }

    @Test
    void listsAnAccountsOwnNumbersOnlyToThatAccountWithTheRealClient() {
        String other = "AC" + "1".repeat(32);
        standIn.addAccount(other, "f".repeat(32));
        standIn.addNumber(other, "+912240001111");
        var mine = com.twilio.rest.api.v2010.account.IncomingPhoneNumber.reader(other)
                .setPhoneNumber(new PhoneNumber("+912240001111")).read(client(other, "f".repeat(32)));
        assertThat(mine).singleElement().satisfies(n -> {
            assertThat(n.getPhoneNumber().toString()).isEqualTo("+912240001111");
            assertThat(n.getAccountSid()).isEqualTo(other);
        });
        var notTheirs = com.twilio.rest.api.v2010.account.IncomingPhoneNumber.reader(standIn.accountSid())
                .setPhoneNumber(new PhoneNumber("+912240001111")).read(client(standIn.accountSid(), standIn.authToken()));
        assertThat(notTheirs).isEmpty();
        assertThatThrownBy(() -> com.twilio.rest.api.v2010.account.IncomingPhoneNumber.reader(other)
                .read(client(other, "0".repeat(32))).iterator().hasNext()).isInstanceOf(ApiException.class);
    }

    @Test
    void createsAWhatsAppTemplateMessageWithTheRealClient() {
        Message message = Message.creator(new PhoneNumber("whatsapp:+919876543210"),
                        new PhoneNumber("whatsapp:+14155238886"), (String) null)
                .setContentSid(CONTENT_SID)
                .setContentVariables("{\"1\":\"INV-2024-0001\",\"2\":\"1,180.00\"}")
                .setStatusCallback(URI.create("https://example.test/twilio/status"))
                .create(client(standIn.accountSid(), standIn.authToken()));

        assertThat(message.getSid()).matches("SM[0-9a-f]{32}");
        assertThat(message.getStatus()).isEqualTo(Message.Status.QUEUED);
        assertThat(message.getAccountSid()).isEqualTo(standIn.accountSid());
        assertThat(message.getTo()).isEqualTo("whatsapp:+919876543210");
        assertThat(message.getFrom().toString()).isEqualTo("whatsapp:+14155238886");
        assertThat(message.getDirection()).isEqualTo(Message.Direction.OUTBOUND_API);
        assertThat(message.getApiVersion()).isEqualTo("2010-04-01");
        assertThat(message.getDateCreated()).isNotNull();
        assertThat(message.getErrorCode()).isNull();
        assertThat(message.getUri()).isEqualTo("/2010-04-01/Accounts/" + standIn.accountSid() + "/Messages/"
                + message.getSid() + ".json");

        assertThat(standIn.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.sid()).isEqualTo(message.getSid());
            assertThat(sent.contentSid()).isEqualTo(CONTENT_SID);
            assertThat(sent.contentVariables()).isEqualTo("{\"1\":\"INV-2024-0001\",\"2\":\"1,180.00\"}");
            assertThat(sent.statusCallback()).isEqualTo("https://example.test/twilio/status");
        });
    }

    @Test
    void sendsAnSmsWithABodyAndCountsSegments() {
        Message message = Message.creator(new PhoneNumber("+919876543210"), new PhoneNumber("+14155550100"),
                "x".repeat(161)).create(client(standIn.accountSid(), standIn.authToken()));
        assertThat(message.getNumSegments()).isEqualTo("2");
        assertThat(message.getBody()).hasSize(161);
        assertThat(message.getPrice()).isNull();
    }

    @Test
    void aMessagingServiceAloneIsAcceptedNotQueued() {
        Message message = Message.creator(new PhoneNumber("+919876543210"), "MG0123456789abcdef0123456789abcdef",
                "hello").create(client(standIn.accountSid(), standIn.authToken()));
        assertThat(message.getStatus()).isEqualTo(Message.Status.ACCEPTED);
        assertThat(message.getMessagingServiceSid()).isEqualTo("MG0123456789abcdef0123456789abcdef");
    }

    @Test
    void wrongAuthTokenIsRefusedWith20003() {
        assertThatThrownBy(() -> Message.creator(new PhoneNumber("whatsapp:+919876543210"),
                        new PhoneNumber("whatsapp:+14155238886"), "hi")
                .create(client(standIn.accountSid(), "wrong-token")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20003);
                    assertThat(e.getStatusCode()).isEqualTo(401);
                    assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/20003");
                });
        assertThat(standIn.sent()).isEmpty();
    }

    @Test
    void missingToIsRefusedWith21604() {
        assertThatThrownBy(() -> Message.creator(new PhoneNumber(""), new PhoneNumber("whatsapp:+14155238886"), "hi")
                .create(client(standIn.accountSid(), standIn.authToken())))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(21604);
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("A 'To' phone number is required.");
                });
    }

    @Test
    void anotherAccountsPathIsForbidden() throws Exception {
        standIn.addAccount("AC11111111111111111111111111111111", "token-of-the-other-account-000000");
        HttpResponse<String> response = createRaw("AC11111111111111111111111111111111", standIn.accountSid(),
                standIn.authToken(), "To=%2B919876543210&From=%2B14155550100&Body=hi");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":20003");
    }

    @Test
    void programmedFailureAndRecipientRuleReachTheClientAsApiExceptions() {
        TwilioRestClient client = client(standIn.accountSid(), standIn.authToken());
        standIn.failNextWith(400, 63016, "Failed to send freeform message because you are outside the allowed window.");
        standIn.rejectRecipient("whatsapp:+911234567890", 63003, "Channel could not find To address");

        assertThatThrownBy(() -> whatsapp("whatsapp:+919876543210").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(63016));
        assertThatThrownBy(() -> whatsapp("whatsapp:+911234567890").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(63003));
        assertThat(whatsapp("whatsapp:+919876543210").create(client).getSid()).startsWith("SM");
        assertThat(standIn.sent()).hasSize(1);
    }

    @Test
    void programmedServerErrorsAreReturnedAsIs() throws Exception {
        standIn.failNextWith(429, 20429, "Too Many Requests");
        HttpResponse<String> response = createRaw(standIn.accountSid(), standIn.accountSid(), standIn.authToken(),
                "To=%2B919876543210&From=%2B14155550100&Body=hi");
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.body()).isEqualTo("{\"code\":20429,\"message\":\"Too Many Requests\","
                + "\"more_info\":\"https://www.twilio.com/docs/errors/20429\",\"status\":429}");
    }

    @Test
    void ourClientMakesOneAttemptWhereTheSdkAloneWouldRetry() {
        TwilioRestClient client = client(standIn.accountSid(), standIn.authToken());

        // twilio-java alone retries a 5xx (HttpClient.RETRY_CODES) and a 429; TwilioHttpClient does not:
        // the queue retries later, after the claim was released.
        standIn.failNextWith(503, 20503, "Service Unavailable");
        assertThatThrownBy(() -> whatsapp("whatsapp:+919876543210").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20503);
                    assertThat(e.getStatusCode()).isEqualTo(503);
                });
        standIn.failNextWith(429, 20429, "Too Many Requests");
        assertThatThrownBy(() -> whatsapp("whatsapp:+919876543210").create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(429));
        assertThat(whatsapp("whatsapp:+919876543210").create(client).getSid()).startsWith("SM");
        assertThat(standIn.sent()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        no From or service         | To=%2B919876543210&Body=hi                                                             | 21603
        no Body, ContentSid, Media | To=%2B919876543210&From=%2B14155550100                                                 | 21602
        invalid WhatsApp To        | To=whatsapp%3A919876543210&From=whatsapp%3A%2B14155238886&Body=hi                      | 21211
        invalid From               | To=%2B919876543210&From=not+a+number!&Body=hi                                          | 21212
        WhatsApp From, SMS To      | To=%2B919876543210&From=whatsapp%3A%2B14155238886&Body=hi                              | 21910
        body over 1600             | To=%2B919876543210&From=%2B14155550100&Body=BODY1601                                   | 21617
        malformed ContentSid       | To=whatsapp%3A%2B919876543210&From=whatsapp%3A%2B14155238886&ContentSid=HX123          | 21655
        variables without content  | To=whatsapp%3A%2B919876543210&From=whatsapp%3A%2B14155238886&Body=hi&ContentVariables=%7B%7D | 21654
        non-string variable        | To=whatsapp%3A%2B919876543210&From=whatsapp%3A%2B14155238886&ContentSid=HX0123456789abcdef0123456789abcdef&ContentVariables=%7B%221%22%3A5%7D | 21656
        variables not JSON         | To=whatsapp%3A%2B919876543210&From=whatsapp%3A%2B14155238886&ContentSid=HX0123456789abcdef0123456789abcdef&ContentVariables=name%3DA | 21656
        media URL not http         | To=whatsapp%3A%2B919876543210&From=whatsapp%3A%2B14155238886&MediaUrl=ftp%3A%2F%2Fx%2Finv.pdf | 21620
        StatusCallback not a URL   | To=%2B919876543210&From=%2B14155550100&Body=hi&StatusCallback=status-hook              | 21609
        """)
    void rejectsWhatTheRealApiRejects(String description, String form, int code) throws Exception {
        String body = form.replace("BODY1601", "a".repeat(1601));
        HttpResponse<String> response = createRaw(standIn.accountSid(), standIn.accountSid(), standIn.authToken(), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":" + code);
        assertThat(standIn.sent()).isEmpty();
    }

    @Test
    void fetchReturnsTheCreatedMessage() {
        TwilioRestClient client = client(standIn.accountSid(), standIn.authToken());
        Message created = Message.creator(new PhoneNumber("whatsapp:+919876543210"),
                new PhoneNumber("whatsapp:+14155238886"), "hi")
                .setMediaUrl(List.of(URI.create("https://files.example.test/INV-1.pdf"))).create(client);
        assertThat(created.getSid()).startsWith("MM");
        assertThat(created.getNumMedia()).isEqualTo("1");
        assertThat(Message.fetcher(created.getSid()).fetch(client).getSid()).isEqualTo(created.getSid());
    }

    @Test
    void callbackSignatureIsAcceptedByTwiliosOwnValidator() {
        Map<String, String> params = Map.of("MessageSid", "SM0123", "MessageStatus", "delivered",
                "To", "whatsapp:+919876543210");
        String url = "https://hooks.gstcomms.test/twilio/status?tenant=7";

        String signature = standIn.signCallback(url, params);

        RequestValidator validator = new RequestValidator(standIn.authToken());
        assertThat(validator.validate(url, params, signature)).isTrue();
        assertThat(validator.validate(url, Map.of("MessageSid", "SM0123", "MessageStatus", "failed",
                "To", "whatsapp:+919876543210"), signature)).isFalse();
    }

    @Test
    void postsASignedStatusCallbackForAnAcceptedMessage() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CompletableFuture<Map<String, String>> received = new CompletableFuture<>();
        CompletableFuture<String> signature = new CompletableFuture<>();
        receiver.createContext("/twilio/status", exchange -> {
            Map<String, String> form = new HashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            signature.complete(exchange.getRequestHeaders().getFirst("X-Twilio-Signature"));
            received.complete(form);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String callback = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/twilio/status";
            Message created = whatsapp("whatsapp:+919876543210").setStatusCallback(URI.create(callback))
                    .create(client(standIn.accountSid(), standIn.authToken()));
            TwilioStandIn.Message sent = standIn.sent().getFirst();

            int status = standIn.sendStatusCallback(sent, "failed", 63016);

            assertThat(status).isEqualTo(204);
            Map<String, String> form = received.get(5, TimeUnit.SECONDS);
            assertThat(form).containsEntry("MessageSid", created.getSid()).containsEntry("MessageStatus", "failed")
                    .containsEntry("ErrorCode", "63016").containsEntry("To", "whatsapp:+919876543210");
            assertThat(new RequestValidator(standIn.authToken()).validate(callback, form, signature.get())).isTrue();
        } finally {
            receiver.stop(0);
        }
    }

    private static com.twilio.rest.api.v2010.account.MessageCreator whatsapp(String to) {
        return Message.creator(new PhoneNumber(to), new PhoneNumber("whatsapp:+14155238886"), (String) null)
                .setContentSid(CONTENT_SID).setContentVariables("{\"1\":\"INV-1\"}");
    }

    private HttpResponse<String> createRaw(String pathAccount, String user, String password, String form)
            throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/2010-04-01/Accounts/" + pathAccount
                        + "/Messages.json"))
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
