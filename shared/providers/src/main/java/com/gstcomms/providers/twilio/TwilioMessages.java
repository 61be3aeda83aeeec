package com.gstcomms.providers.twilio;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.List;

/**
 * The one client of Twilio's REST API (twilio-java 13, HTTP Basic auth with the account SID and auth
 * token): the WhatsApp function's sending and the API's test message, status probe and sender check.
 * One HTTP client (and connection pool, {@link TwilioHttpClient}: one attempt per call) for all accounts;
 * a light TwilioRestClient per call carries the account's credentials.
 */
@ApplicationScoped
public class TwilioMessages {

    /** A message SID that cannot exist: fetching it proves the credentials and reads nothing. */
    static final String NO_SUCH_MESSAGE = "SM00000000000000000000000000000000";

    private final TwilioHttpClient http;

    public TwilioMessages(TwilioApiConfig config) {
        this.http = new TwilioHttpClient(config.baseUrl(), config.timeout());
    }

    private TwilioRestClient client(String accountSid, String authToken) {
        return new TwilioRestClient.Builder(accountSid, authToken).accountSid(accountSid).httpClient(http).build();
    }

    /**
     * {@code POST /2010-04-01/Accounts/{sid}/Messages.json}.
     *
     * @return Twilio's message SID ({@code SM…} or {@code MM…})
     * @throws TwilioRefusal when Twilio did not take it (with its error code), or could not be reached
     */
    public String send(String accountSid, String authToken, OutgoingMessage message) {
        // The null Body must be cast: creator(sid, to, from, null) matches both String and List<URI>.
        MessageCreator creator = Message.creator(accountSid, new PhoneNumber(message.to()),
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
            return creator.create(client(accountSid, authToken)).getSid();
        } catch (ApiException e) {
            throw refusal(e);
        } catch (TwilioException e) {
            throw unreachable(e);
        }
    }

    /** What Twilio says about an account's credentials. */
    public enum Credentials { ACCEPTED, REFUSED }

    /**
     * Fetches a message that cannot exist: 404 means the account and token work, 401/403 that they do not.
     *
     * @throws TwilioRefusal for any other answer, or none
     */
    public Credentials checkAccount(String accountSid, String authToken) {
        try {
            Message.fetcher(accountSid, NO_SUCH_MESSAGE).fetch(client(accountSid, authToken));
            return Credentials.ACCEPTED;
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            if (status != null && status == 404) {
                return Credentials.ACCEPTED;
            }
            if (status != null && (status == 401 || status == 403)) {
                return Credentials.REFUSED;
            }
            throw refusal(e);
        } catch (TwilioException e) {
            throw unreachable(e);
        }
    }

    /** What Twilio says about a sender number and an account (issue 15 §5: a shop uses only its own senders). */
    public enum SenderCheck { OWNED, NOT_OWNED, CREDENTIALS_REFUSED, UNREACHABLE }

    /**
     * Whether the number is one of the account's own, by Twilio's IncomingPhoneNumbers list filtered by
     * the exact number ({@code GET /2010-04-01/Accounts/{Sid}/IncomingPhoneNumbers.json?PhoneNumber=+91…});
     * the call authenticates as that account, so it also proves the auth token.
     */
    public SenderCheck senderOwned(String accountSid, String authToken, String e164) {
        try {
            for (IncomingPhoneNumber number : IncomingPhoneNumber.reader(accountSid)
                    .setPhoneNumber(new PhoneNumber(e164)).read(client(accountSid, authToken))) {
                if (number.getPhoneNumber() != null && e164.equals(number.getPhoneNumber().toString())
                        && (number.getAccountSid() == null || accountSid.equals(number.getAccountSid()))) {
                    return SenderCheck.OWNED;
                }
            }
            return SenderCheck.NOT_OWNED;
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            return status != null && (status == 401 || status == 403 || status == 404)
                    ? SenderCheck.CREDENTIALS_REFUSED : SenderCheck.UNREACHABLE;
        } catch (TwilioException | IllegalArgumentException e) {
            return SenderCheck.UNREACHABLE;
        }
    }

    /** Twilio's error body: code, message, more_info, status. getStatusCode() is that status. */
    private static TwilioRefusal refusal(ApiException e) {
        return new TwilioRefusal(e.getCode(), e.getStatusCode(), e.getMessage());
    }

    /** No answer (connection refused, timeout): worth another try later. */
    private static TwilioRefusal unreachable(TwilioException e) {
        return new TwilioRefusal(null, null, "Twilio could not be reached: " + e.getMessage());
    }
}
