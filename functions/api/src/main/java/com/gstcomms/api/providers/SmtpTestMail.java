package com.gstcomms.api.providers;

import com.gstcomms.providers.smtp.ShopSmtpServers;
import com.gstcomms.runtime.outbound.SmtpSession;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Sends the provider test message through the shop's SMTP server: one short text message over the shared
 * {@link SmtpSession} from {@link ShopSmtpServers} (checked public address, TLS on the configured name, AUTH PLAIN
 * when a user is set).
 * Only for the test: real mail goes through the email function.
 */
final class SmtpTestMail {

    private SmtpTestMail() {
    }

    static ProviderProbes.Result send(ShopSmtpServers servers, SmtpSession.Server server, String from, String to,
                                      String subject, String text) {
        String id = UUID.randomUUID() + "@" + SmtpSession.OWN_NAME;
        try (SmtpSession session = servers.open(server, ProviderProbes.TIMEOUT)) {
            session.send(from, to, "From: <" + from + ">\r\nTo: <" + to + ">\r\nSubject: " + subject + "\r\nMessage-ID: <" + id + ">\r\n"
                    + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()) + "\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n");
            return new ProviderProbes.Result(true, id, "accepted by the SMTP server");
        } catch (IOException e) {
            return new ProviderProbes.Result(false, null, ProviderProbes.smtpProblem(e));
        }
    }
}
