package com.gstcomms.whatsapp;

import com.gstcomms.runtime.secrets.SecretSealer;

/**
 * The Twilio account and WhatsApp sender a shop's messages go out through: the shop's own (Twilio
 * settings with accountSid + sender, the auth token sealed) or the platform's (gstcomms.twilio.*).
 *
 * @param sender            {@code whatsapp:+E164}
 * @param messagesPerSecond this sender's throughput cap
 * @param shopOwned         the shop's own account: its Content templates (HX… SIDs belong to one
 *                          account) and its credential status are the shop's
 */
public record SenderAccount(String accountSid, String authToken, String sender, int messagesPerSecond,
                            boolean shopOwned) {

    /** Never shows the auth token. */
    @Override
    public String toString() {
        return "SenderAccount[" + accountSid + ", token " + SecretSealer.mask(authToken) + ", " + sender + ", "
                + messagesPerSecond + "/s" + (shopOwned ? ", shop's own" : ", platform") + "]";
    }
}
