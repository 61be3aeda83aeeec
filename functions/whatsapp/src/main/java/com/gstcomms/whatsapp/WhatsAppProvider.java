package com.gstcomms.whatsapp;

import com.gstcomms.providers.twilio.OutgoingMessage;
import com.gstcomms.providers.twilio.TwilioRefusal;

/** Where WhatsApp messages leave us (docs/ARCHITECTURE.md "Provider HTTP clients"): Twilio's Messages API. */
public interface WhatsAppProvider {

    /** The provider's name on notification rows. */
    String name();

    /**
     * Sends one message.
     *
     * @return the provider's message id (Twilio SID, {@code SM…} or {@code MM…})
     * @throws TwilioRefusal when the provider did not take it (with its error code), or could not be reached
     */
    String send(SenderAccount account, OutgoingMessage message);
}
