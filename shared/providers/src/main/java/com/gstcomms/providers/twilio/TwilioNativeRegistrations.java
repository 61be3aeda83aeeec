package com.gstcomms.providers.twilio;

import com.twilio.converter.CurrencyDeserializer;
import com.twilio.converter.RFC2822Deserializer;
import com.twilio.exception.RestException;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import com.twilio.type.PhoneNumberCapabilities;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: twilio-java reads Twilio's answers with Jackson through reflection — the Message
 * resource on 201, RestException ({code, message, more_info, status}) on errors. Message's creator
 * also needs what its parameters name: {@code @JsonDeserialize(using = RFC2822Deserializer / CurrencyDeserializer)}
 * (instantiated by Jackson through their no-argument constructors) for date_created/date_sent/
 * date_updated and price_unit, and PhoneNumber's String constructor for "from". Not verified natively
 * here (no GraalVM on the build machines): WhatsAppSendingIT and the native workflow check a send and an
 * error against the stand-in; the API's sender check is not covered natively.
 */
@RegisterForReflection(targets = {
        Message.class, Message.Status.class, Message.Direction.class,
        RFC2822Deserializer.class, CurrencyDeserializer.class, PhoneNumber.class,
        RestException.class,
        // The sender check (TwilioMessages.senderOwned): a page of IncomingPhoneNumber resources.
        IncomingPhoneNumber.class, IncomingPhoneNumber.AddressRequirement.class,
        IncomingPhoneNumber.EmergencyAddressStatus.class, IncomingPhoneNumber.EmergencyStatus.class,
        IncomingPhoneNumber.VoiceReceiveMode.class, PhoneNumberCapabilities.class
})
final class TwilioNativeRegistrations {
    private TwilioNativeRegistrations() {
    }
}
