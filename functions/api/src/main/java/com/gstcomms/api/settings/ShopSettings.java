package com.gstcomms.api.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * {@code GET/PUT /v1/settings/shop}: the supplier printed on invoices (CGST Rule 46(a): name, address,
 * GSTIN), payment and numbering preferences, reminder rules and the WhatsApp→email fallback.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShopSettings(
        String shopDomain, String legalName, String tradeName, String addressLine1, String addressLine2, String city,
        String stateCode, String stateName, String pin, String gstin, String email, String phone, String upiId,
        String logoKey, Boolean pricesIncludeTax, String invoicePrefix, Boolean whatsappFallbackToEmail,
        List<ReminderRule> reminderRules) {

    /**
     * A payment reminder {@code daysFromDue} days after (negative: before) an unpaid invoice's due date,
     * on {@code channel} EMAIL, WHATSAPP or AUTO.
     */
    @RegisterForReflection
    public record ReminderRule(Integer daysFromDue, String channel) {
    }
}
