package com.gstcomms.api.settings;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.gstcomms.runtime.settings.ReminderSettings;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code GET/PUT /v1/settings/shop}: the supplier printed on invoices (CGST Rule 46(a): name, address,
 * GSTIN), payment and numbering preferences, the WhatsApp→email fallback, and the payment reminders with
 * the hours customers may be messaged — stored as the scheduler runs them ({@link ReminderSettings}).
 * {@code reminders} and {@code sendWindow} are optional in a PUT: left out, the stored ones stay.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShopSettings(
        String shopDomain, String legalName, String tradeName, String addressLine1, String addressLine2, String city,
        String stateCode, String stateName, String pin, String gstin, String email, String phone, String upiId,
        String logoKey, Boolean pricesIncludeTax, String invoicePrefix, Boolean whatsappFallbackToEmail,
        ReminderSettings.Reminders reminders, ReminderSettings.SendWindow sendWindow) {
}
