package com.gstcomms.whatsapp;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.List;

/**
 * {@link WhatsAppProvider} over twilio-java 13: {@code POST /2010-04-01/Accounts/{sid}/Messages.json}
 * with HTTP Basic auth (account SID + auth token). One HTTP client (and connection pool) for all
 * accounts; a light TwilioRestClient per call carries the account's credentials.
 */
@ApplicationScoped
public class TwilioWhatsApp implements WhatsAppProvider {

    private final TwilioHttpClient http;

    public TwilioWhatsApp(TwilioConfig config) {
        this.http = new TwilioHttpClient(config.baseUrl(), config.timeout());
    }

    @Override
    public String name() {
        return "TWILIO";
    }

    @Override
    public String send(SenderAccount account, OutgoingMessage message) {
        TwilioRestClient client = new TwilioRestClient.Builder(account.accountSid(), account.authToken())
                .accountSid(account.accountSid())
                .httpClient(http)
                .build();
        // The null Body must be cast: creator(sid, to, from, null) matches both String and List<URI>.
        MessageCreator creator = Message.creator(account.accountSid(), new PhoneNumber(message.to()),
                new PhoneNumber(message.from()), (String) message.body());
        if (message.isTemplate()) {
            creator.setContentSid(message.contentSid());
            if (message.contentVariables() != null) {
                creator.setContentVariables(message.contentVariables());
            }
        }
        if (message.mediaUrl() != null) {
            creator.setMediaUrl(List.of(message.mediaUrl()));
        }
        if (message.statusCallback() != null) {
            creator.setStatusCallback(URI.create(message.statusCallback()));
        }
        try {
            return creator.create(client).getSid();
        } catch (ApiException e) {
            // Twilio's error body: code, message, more_info, status. getStatusCode() is that status.
            throw new TwilioRefusal(e.getCode(), e.getStatusCode(), e.getMessage());
        } catch (TwilioException e) {
            // No answer (connection refused, timeout): worth another try later.
            throw new TwilioRefusal(null, null, "Twilio could not be reached: " + e.getMessage());
        }
    }
}
