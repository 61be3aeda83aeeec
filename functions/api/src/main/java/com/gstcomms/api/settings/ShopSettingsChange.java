package com.gstcomms.api.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.http.Problem;
import com.gstcomms.core.gstin.Gstin;
import com.gstcomms.core.gstin.GstinValidator;
import com.gstcomms.core.invoice.FinancialYear;
import com.gstcomms.core.invoice.InvoiceNumber;
import com.gstcomms.core.payment.UpiId;
import com.gstcomms.core.time.India;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.core.validation.Email;
import com.gstcomms.core.validation.Phone;
import com.gstcomms.core.validation.PinCode;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.settings.ReminderSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * A merchant's change of the shop's settings ({@code PUT /v1/settings/shop}): the supplier printed on
 * invoices, payment and numbering preferences, and the reminders. The whole change is checked first
 * ({@link #check}: every wrong field at once, nothing stored then), then stored with an audit row.
 */
@ApplicationScoped
public class ShopSettingsChange {

    private final AuditTrail audit;
    private final Clock clock;

    public ShopSettingsChange(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The settings as they will be stored. {@code reminders} and {@code window} are null when the change
     * leaves them out (the stored ones stay).
     */
    record Checked(String legalName, String tradeName, String addressLine1, String addressLine2, String city,
                   IndianState state, String pin, Gstin gstin, String email, String phone, String upiId,
                   boolean pricesIncludeTax, String invoicePrefix, boolean whatsappFallbackToEmail,
                   ReminderSettings.Reminders reminders, ReminderSettings.SendWindow window) {
    }

    /** Checks the whole change; a 400 problem naming every wrong field, if any. */
    static Checked check(ShopSettings body, LocalDate today) {
        if (body == null) {
            throw Problem.badRequest("Send the settings as a JSON body");
        }
        FieldErrors errors = new FieldErrors();
        String legalName = errors.maxLength("legalName", errors.required("legalName", body.legalName()), 255);
        String address1 = errors.maxLength("addressLine1", errors.required("addressLine1", body.addressLine1()), 255);
        String city = errors.maxLength("city", errors.required("city", body.city()), 120);
        errors.maxLength("tradeName", body.tradeName(), 255);
        errors.maxLength("addressLine2", body.addressLine2(), 255);
        IndianState state = null;
        if (errors.required("stateCode", body.stateCode()) != null) {
            state = IndianState.byCode(body.stateCode().strip())
                    .or(() -> IndianState.byProvinceCode(body.stateCode().strip())).orElse(null);
            if (state == null || !state.isInIndia()) {
                errors.add("stateCode", "stateCode must be a GST state code like 27 (or MH), not '" + body.stateCode() + "'");
                state = null;
            }
        }
        String pin = body.pin() == null ? null : errors.check("pin", PinCode.validate(body.pin()));
        if (body.pin() == null) {
            errors.add("pin", "pin is required");
        }
        Gstin gstin = body.gstin() == null || body.gstin().isBlank() ? null
                : errors.check("gstin", GstinValidator.validate(body.gstin()));
        if (gstin != null && state != null && gstin.state() != state) {
            errors.add("gstin", "GSTIN " + gstin.value() + " is registered in " + gstin.state().withCode()
                    + ", but stateCode is " + state.withCode());
        }
        String email = body.email() == null || body.email().isBlank() ? null : errors.check("email", Email.validate(body.email()));
        String phone = body.phone() == null || body.phone().isBlank() ? null : errors.check("phone", Phone.toE164(body.phone()));
        String upi = body.upiId() == null || body.upiId().isBlank() ? null
                : errors.maxLength("upiId", body.upiId().strip(), 100);
        if (upi != null && !UpiId.matches(upi)) {
            errors.add("upiId", "upiId must look like name@bank, not '" + upi + "'");
        }
        String prefix = body.invoicePrefix() == null ? "INV" : body.invoicePrefix().strip();
        if (prefix.length() > 10) {
            errors.add("invoicePrefix", "invoicePrefix has " + prefix.length() + " characters; at most 10 are allowed");
        } else {
            try {
                // The longest number this series will print must still fit Rule 46(b)'s 16 characters.
                InvoiceNumber.format(prefix, FinancialYear.of(today), 99_999);
            } catch (IllegalArgumentException e) {
                errors.add("invoicePrefix", e.getMessage());
            }
        }
        ReminderSettings.Reminders reminders = body.reminders() == null ? null
                : ReminderSettings.check(body.reminders(), errors::add, "reminders.");
        ReminderSettings.SendWindow window = body.sendWindow() == null ? null
                : ReminderSettings.check(body.sendWindow(), errors::add, "sendWindow.from", "sendWindow.to");
        errors.throwIfAny();
        return new Checked(legalName, blankToNull(body.tradeName()), address1, blankToNull(body.addressLine2()), city,
                state, pin, gstin, email, phone, upi, body.pricesIncludeTax() == null || body.pricesIncludeTax(), prefix,
                Boolean.TRUE.equals(body.whatsappFallbackToEmail()), reminders, window);
    }

    /** Checks the change and stores it on the caller's shop; the shop as stored. */
    public Shop save(Caller who, ShopSettings body) {
        Checked change = check(body, LocalDate.now(clock.withZone(India.ZONE)));
        return inTransaction(() -> Shop.<Shop>findById(who.shopId()).call(shop -> {
            shop.legalName = change.legalName();
            shop.tradeName = change.tradeName();
            shop.addressLine1 = change.addressLine1();
            shop.addressLine2 = change.addressLine2();
            shop.city = change.city();
            shop.stateCode = change.state().code();
            shop.pin = change.pin();
            shop.gstin = change.gstin() == null ? null : change.gstin().value();
            shop.email = change.email();
            shop.phone = change.phone();
            shop.upiId = change.upiId();
            shop.pricesIncludeTax = change.pricesIncludeTax();
            shop.invoicePrefix = change.invoicePrefix();
            shop.whatsappFallbackToEmail = change.whatsappFallbackToEmail();
            ObjectNode settings = (ObjectNode) Json.tree(shop.settings);
            if (change.reminders() != null) {
                ReminderSettings.write(settings, change.reminders());
            }
            if (change.window() != null) {
                ReminderSettings.write(settings, change.window());
            }
            shop.settings = settings.toString();
            shop.updatedAt = OffsetDateTime.now();
            return audit.record(who, "settings.shop.update", "shop", shop.id,
                    Map.of("gstin", shop.gstin == null ? "" : shop.gstin, "stateCode", shop.stateCode,
                            "invoicePrefix", change.invoicePrefix()));
        }));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
