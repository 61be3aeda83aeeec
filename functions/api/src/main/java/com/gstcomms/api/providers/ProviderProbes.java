package com.gstcomms.api.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.gstcomms.api.ProvidersConfig;
import com.gstcomms.api.http.Json;
import com.gstcomms.core.net.PublicAddress;
import com.gstcomms.runtime.outbound.OutboundConfig;
import com.gstcomms.runtime.outbound.SmtpSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Talks to the providers directly for the test message and the health check (the JDK's HTTP client: no
 * SDK, no Jackson clash, native friendly). Errors name the provider's answer, never the credential.
 */
@ApplicationScoped
public class ProviderProbes {

    static final Duration TIMEOUT = Duration.ofSeconds(8);

    private final ProvidersConfig.SendGrid sendGrid;
    private final ProvidersConfig.Twilio twilio;
    private final OutboundConfig outbound;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public ProviderProbes(ProvidersConfig.SendGrid sendGrid, ProvidersConfig.Twilio twilio, OutboundConfig outbound) {
        this.sendGrid = sendGrid;
        this.twilio = twilio;
        this.outbound = outbound;
    }

    boolean loopbackAllowed() {
        return outbound.allowLoopback();
    }

    /** What a provider said: ok, its message id, or why not. */
    public record Result(boolean ok, String providerMessageId, String detail) {
    }

    public Result sendGridMail(String apiKey, String from, String fromName, String to, String subject, String text) {
        Map<String, Object> mail = new LinkedHashMap<>();
        mail.put("personalizations", List.of(Map.of("to", List.of(Map.of("email", to)))));
        mail.put("from", fromName == null ? Map.of("email", from) : Map.of("email", from, "name", fromName));
        mail.put("subject", subject);
        mail.put("content", List.of(Map.of("type", "text/plain", "value", text)));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sendGrid.baseUrl() + "/v3/mail/send"))
                    .timeout(TIMEOUT).header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(mail))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                return new Result(true, response.headers().firstValue("X-Message-Id").orElse(null), "accepted by SendGrid");
            }
            return new Result(false, null, "SendGrid answered " + response.statusCode() + ": " + sendGridErrors(response.body()));
        } catch (IOException e) {
            return new Result(false, null, "SendGrid could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, null, "interrupted");
        }
    }

    /**
     * Whether SendGrid accepts the key, without sending anything: Mail Send checks the key before the body,
     * so an empty body answers 400 for a good key and 401/403 for a bad one.
     */
    public Result sendGridAnswering(String apiKey) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sendGrid.baseUrl() + "/v3/mail/send"))
                    .timeout(TIMEOUT).header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 400 -> new Result(true, null, "answering; key accepted");
                case 401, 403 -> new Result(false, null, "answering, but the API key is refused (" + response.statusCode() + ")");
                default -> new Result(false, null, "SendGrid answered " + response.statusCode());
            };
        } catch (IOException e) {
            return new Result(false, null, "SendGrid could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, null, "interrupted");
        }
    }

    public Result twilioWhatsApp(String accountSid, String authToken, String from, String to, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to.startsWith("whatsapp:") ? to : "whatsapp:" + to);
        form.put("From", from.startsWith("whatsapp:") ? from : "whatsapp:" + from);
        form.put("Body", body);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(twilio.baseUrl()
                            + "/2010-04-01/Accounts/" + accountSid + "/Messages.json"))
                    .timeout(TIMEOUT).header("Authorization", basic(accountSid, authToken))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(form))).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = Json.tree(response.body());
            if (response.statusCode() == 201) {
                return new Result(true, json.path("sid").asText(null), "accepted by Twilio");
            }
            return new Result(false, null, "Twilio answered " + response.statusCode() + " (error "
                    + json.path("code").asText("?") + "): " + json.path("message").asText(""));
        } catch (IOException | IllegalArgumentException e) {
            return new Result(false, null, "Twilio could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, null, "interrupted");
        }
    }

    /** Fetches a message that cannot exist: 404 means the account and token work, 401 that they do not. */
    public Result twilioAnswering(String accountSid, String authToken) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(twilio.baseUrl()
                            + "/2010-04-01/Accounts/" + accountSid + "/Messages/SM00000000000000000000000000000000.json"))
                    .timeout(TIMEOUT).header("Authorization", basic(accountSid, authToken)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 404, 200 -> new Result(true, null, "answering; credentials accepted");
                case 401, 403 -> new Result(false, null, "answering, but the Account SID or auth token is refused");
                default -> new Result(false, null, "Twilio answered " + response.statusCode());
            };
        } catch (IOException | IllegalArgumentException e) {
            return new Result(false, null, "Twilio could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, null, "interrupted");
        }
    }

    /** What Twilio says about a sender number and an account (issue 15 §5: a shop uses only its own senders). */
    public enum SenderCheck { OWNED, NOT_OWNED, CREDENTIALS_REFUSED, UNREACHABLE }

    /**
     * Whether the number is one of the account's own, by Twilio's IncomingPhoneNumbers list filtered by
     * the exact number ({@code GET /2010-04-01/Accounts/{Sid}/IncomingPhoneNumbers.json?PhoneNumber=+91…});
     * the call authenticates as that account, so it also proves the auth token.
     */
    public SenderCheck twilioSenderOwned(String accountSid, String authToken, String e164) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(twilio.baseUrl()
                            + "/2010-04-01/Accounts/" + accountSid + "/IncomingPhoneNumbers.json?PhoneNumber="
                            + URLEncoder.encode(e164, StandardCharsets.UTF_8)))
                    .timeout(TIMEOUT).header("Authorization", basic(accountSid, authToken)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 -> {
                    for (JsonNode number : Json.tree(response.body()).path("incoming_phone_numbers")) {
                        if (e164.equals(number.path("phone_number").asText())
                                && accountSid.equals(number.path("account_sid").asText(accountSid))) {
                            yield SenderCheck.OWNED;
                        }
                    }
                    yield SenderCheck.NOT_OWNED;
                }
                case 401, 403, 404 -> SenderCheck.CREDENTIALS_REFUSED;
                default -> SenderCheck.UNREACHABLE;
            };
        } catch (IOException | IllegalArgumentException e) {
            return SenderCheck.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SenderCheck.UNREACHABLE;
        }
    }

    /**
     * Connects (to the checked public address, see {@link SmtpSession}) and reads the SMTP greeting; sends
     * nothing but QUIT. The answer never repeats what the server said (issue 15 §4: no banner reading).
     */
    public Result smtpAnswering(SmtpSession.Server server) {
        try {
            SmtpSession.probe(server, outbound.allowLoopback(), PublicAddress.DNS, TIMEOUT);
            return new Result(true, null, "answering");
        } catch (IOException e) {
            return new Result(false, null, smtpProblem(e));
        }
    }

    /** What to tell the merchant about a failed SMTP dialogue: the step and code, never the server's text. */
    static String smtpProblem(IOException e) {
        if (e instanceof SmtpSession.NotAllowed notAllowed) {
            return "not allowed: " + notAllowed.getMessage();
        }
        if (e instanceof SmtpSession.Refused) {
            return e.getMessage();
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "could not connect: the TLS certificate is not trusted or not for this host name";
        }
        return "could not connect to the SMTP server";
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String sendGridErrors(String body) {
        StringBuilder out = new StringBuilder();
        Json.tree(body == null || !body.trim().startsWith("{") ? "{}" : body).path("errors").forEach(e -> {
            if (!out.isEmpty()) {
                out.append("; ");
            }
            out.append(e.path("field").isTextual() ? e.path("field").asText() + ": " : "").append(e.path("message").asText());
        });
        return out.isEmpty() ? "no details" : out.toString();
    }
}
