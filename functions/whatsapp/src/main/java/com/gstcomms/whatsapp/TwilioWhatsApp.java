package com.gstcomms.whatsapp;

import com.gstcomms.providers.twilio.OutgoingMessage;
import com.gstcomms.providers.twilio.TwilioMessages;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@link WhatsAppProvider} over shared/providers' {@link TwilioMessages} (the one Twilio client):
 * {@code POST /2010-04-01/Accounts/{sid}/Messages.json} with the sender account's credentials.
 */
@ApplicationScoped
public class TwilioWhatsApp implements WhatsAppProvider {

    private final TwilioMessages messages;

    public TwilioWhatsApp(TwilioMessages messages) {
        this.messages = messages;
    }

    @Override
    public String name() {
        return "TWILIO";
    }

    @Override
    public String send(SenderAccount account, OutgoingMessage message) {
        return messages.send(account.accountSid(), account.authToken(), message);
    }
}
