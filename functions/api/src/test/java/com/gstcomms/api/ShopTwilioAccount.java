package com.gstcomms.api;

import com.gstcomms.testing.LocalServers;

import java.util.UUID;

/** A Twilio account of a shop's own at the stand-in, owning the given WhatsApp numbers (E.164). */
record ShopTwilioAccount(String accountSid, String authToken) {

    static ShopTwilioAccount owning(String... numbers) {
        ShopTwilioAccount account = new ShopTwilioAccount("AC" + UUID.randomUUID().toString().replace("-", ""),
                UUID.randomUUID().toString().replace("-", ""));
        LocalServers.twilio().addAccount(account.accountSid(), account.authToken());
        for (String number : numbers) {
            LocalServers.twilio().addNumber(account.accountSid(), number);
        }
        return account;
    }
}
