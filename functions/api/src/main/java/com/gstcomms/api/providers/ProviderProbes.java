package com.gstcomms.api.providers;

import com.gstcomms.api.http.Json;
import com.gstcomms.core.net.PublicAddress;
import com.gstcomms.providers.sendgrid.SendGridAnswer;
import com.gstcomms.providers.sendgrid.SendGridMailSend;
import com.gstcomms.providers.smtp.ShopSmtpServers;
import com.gstcomms.providers.twilio.OutgoingMessage;
import com.gstcomms.providers.twilio.TwilioMessages;
import com.gstcomms.providers.twilio.TwilioRefusal;
import com.gstcomms.runtime.outbound.SmtpSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test message and the health checks, through the same provider clients the email and WhatsApp
 * functions send with (shared/providers: {@link SendGridMailSend}, {@link TwilioMessages},
 * {@link ShopSmtpServers}); here only what their answers mean to the merchant. Errors name the provider's
 * answer, never the credential. The API's timeouts are its own ({@code gstcomms.sendgrid.*-timeout},
 * {@code gstcomms.twilio.timeout} in application.properties): a probe answers within the HTTP request.
 */
@ApplicationScoped
public class ProviderProbes {

    static final Duration TIMEOUT = Duration.ofSeconds(8);

    private final SendGridMailSend sendGrid;
    private final TwilioMessages twilio;
    private final ShopSmtpServers smtp;

    public ProviderProbes(SendGridMailSend sendGrid, TwilioMessages twilio, ShopSmtpServers smtp) {
        this.sendGrid = sendGrid;
        this.twilio = twilio;
        this.smtp = smtp;
    }

    /** The shop's SMTP server as saved may be used (public address, SMTP port): the rule the senders apply. */
    void checkSmtpServer(String host, int port) throws PublicAddress.Refused {
        smtp.check(host, port);
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
            SendGridAnswer answer = sendGrid.send(apiKey, Json.write(mail));
            if (answer.accepted()) {
                return new Result(true, answer.messageId(), "accepted by SendGrid");
            }
            return new Result(false, null, "SendGrid answered " + answer.status() + ": " + answer.errors());
        } catch (IOException e) {
            return new Result(false, null, "SendGrid could not be reached: " + e.getClass().getSimpleName());
        }
    }

    /** Whether SendGrid accepts the key, without sending anything ({@link SendGridMailSend#checkKey}). */
    public Result sendGridAnswering(String apiKey) {
        try {
            SendGridAnswer answer = sendGrid.checkKey(apiKey);
            return switch (answer.status()) {
                case 400 -> new Result(true, null, "answering; key accepted");
                case 401, 403 -> new Result(false, null, "answering, but the API key is refused (" + answer.status() + ")");
                default -> new Result(false, null, "SendGrid answered " + answer.status());
            };
        } catch (IOException e) {
            return new Result(false, null, "SendGrid could not be reached: " + e.getClass().getSimpleName());
        }
    }

    public Result twilioWhatsApp(String accountSid, String authToken, String from, String to, String body) {
        OutgoingMessage message = OutgoingMessage.freeForm(to.startsWith("whatsapp:") ? to : "whatsapp:" + to,
                from.startsWith("whatsapp:") ? from : "whatsapp:" + from, body, null, null);
        try {
            return new Result(true, twilio.send(accountSid, authToken, message), "accepted by Twilio");
        } catch (TwilioRefusal refusal) {
            return new Result(false, null, twilioProblem(refusal));
        }
    }

    /** Whether the account SID and auth token work ({@link TwilioMessages#checkAccount}). */
    public Result twilioAnswering(String accountSid, String authToken) {
        try {
            return switch (twilio.checkAccount(accountSid, authToken)) {
                case ACCEPTED -> new Result(true, null, "answering; credentials accepted");
                case REFUSED -> new Result(false, null, "answering, but the Account SID or auth token is refused");
            };
        } catch (TwilioRefusal refusal) {
            return new Result(false, null, refusal.httpStatus() == null ? "Twilio could not be reached"
                    : "Twilio answered " + refusal.httpStatus());
        }
    }

    /** Whether the number is one of the account's own ({@link TwilioMessages#senderOwned}). */
    public TwilioMessages.SenderCheck twilioSenderOwned(String accountSid, String authToken, String e164) {
        return twilio.senderOwned(accountSid, authToken, e164);
    }

    private static String twilioProblem(TwilioRefusal refusal) {
        if (refusal.httpStatus() == null) {
            return "Twilio could not be reached";
        }
        return "Twilio answered " + refusal.httpStatus() + " (error " + (refusal.code() == null ? "?" : refusal.code())
                + "): " + refusal.getMessage();
    }

    /** The test message through the shop's own SMTP server ({@link SmtpTestMail}). */
    public Result smtpMail(SmtpSession.Server server, String from, String to, String subject, String text) {
        return SmtpTestMail.send(smtp, server, from, to, subject, text);
    }

    /**
     * Connects (to the checked public address, see {@link SmtpSession}) and reads the SMTP greeting; sends
     * nothing but QUIT. The answer never repeats what the server said (issue 15 §4: no banner reading).
     */
    public Result smtpAnswering(SmtpSession.Server server) {
        try {
            smtp.probe(server, TIMEOUT);
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
}
