package com.gstcomms.api.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.http.Problem;
import com.gstcomms.core.gstin.Gstin;
import com.gstcomms.core.gstin.GstinValidator;
import com.gstcomms.core.invoice.FinancialYear;
import com.gstcomms.core.invoice.InvoiceNumber;
import com.gstcomms.core.payment.UpiId;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.core.validation.Email;
import com.gstcomms.core.validation.Phone;
import com.gstcomms.core.validation.PinCode;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.storage.ObjectStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;

import static com.gstcomms.runtime.data.ApiKey.Role.OWNER;
import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

@Path("/v1/settings/shop")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ShopSettingsResource {

    private final CurrentCaller caller;
    private final AuditTrail audit;
    private final ObjectStore store;

    public ShopSettingsResource(CurrentCaller caller, AuditTrail audit, ObjectStore store) {
        this.caller = caller;
        this.audit = audit;
        this.store = store;
    }

    @GET
    @Allowed(VIEWER)
    public ShopSettings get() {
        long shopId = caller.shopId();
        return view(inSession(() -> Shop.<Shop>findById(shopId)));
    }

    /** Replaces the settings; every invalid field is reported at once and nothing is stored then. */
    @PUT
    @Allowed(OWNER)
    public ShopSettings put(ShopSettings body) {
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
                InvoiceNumber.format(prefix, FinancialYear.of(LocalDate.now()), 99_999);
            } catch (IllegalArgumentException e) {
                errors.add("invoicePrefix", e.getMessage());
            }
        }
        ReminderSettings.Reminders reminders = body.reminders() == null ? null
                : ReminderSettings.check(body.reminders(), errors, "reminders.");
        ReminderSettings.SendWindow window = body.sendWindow() == null ? null
                : ReminderSettings.check(body.sendWindow(), errors, "sendWindow.from", "sendWindow.to");
        errors.throwIfAny();

        Caller who = caller.get();
        IndianState st = state;
        Shop saved = inTransaction(() -> Shop.<Shop>findById(who.shopId()).call(shop -> {
            shop.legalName = legalName;
            shop.tradeName = blankToNull(body.tradeName());
            shop.addressLine1 = address1;
            shop.addressLine2 = blankToNull(body.addressLine2());
            shop.city = city;
            shop.stateCode = st.code();
            shop.pin = pin;
            shop.gstin = gstin == null ? null : gstin.value();
            shop.email = email;
            shop.phone = phone;
            shop.upiId = upi;
            shop.pricesIncludeTax = body.pricesIncludeTax() == null || body.pricesIncludeTax();
            shop.invoicePrefix = prefix;
            shop.whatsappFallbackToEmail = Boolean.TRUE.equals(body.whatsappFallbackToEmail());
            ObjectNode settings = (ObjectNode) Json.tree(shop.settings);
            if (reminders != null) {
                ReminderSettings.write(settings, reminders);
            }
            if (window != null) {
                ReminderSettings.write(settings, window);
            }
            shop.settings = settings.toString();
            shop.updatedAt = OffsetDateTime.now();
            return audit.record(who, "settings.shop.update", "shop", shop.id,
                    Map.of("gstin", shop.gstin == null ? "" : shop.gstin, "stateCode", shop.stateCode,
                            "invoicePrefix", prefix));
        }));
        return view(saved);
    }

    @RegisterForReflection
    public record LogoUpload(String logoKey, String uploadUrl, Map<String, String> uploadHeaders, Instant expiresAt) {
    }

    /** The largest logo the invoice renderer prints (shared/documents ShopLogo.MAX_BYTES; no PDFBox here). */
    static final int MAX_LOGO_BYTES = 1024 * 1024;

    /** {@code sizeBytes}: the file's exact size, at most 1 MB. */
    @RegisterForReflection
    public record LogoRequest(String contentType, Long sizeBytes) {
    }

    /**
     * A presigned PUT for the logo printed on invoices (PNG or JPEG, at most 1 MB); the key is saved at once.
     * The size is signed into the link, so S3 takes no other; the renderer checks size and image type again
     * (the bytes, not the Content-Type) and prints no logo that fails.
     */
    @POST
    @Path("/logo")
    @Allowed(OWNER)
    public LogoUpload logo(LogoRequest body) {
        FieldErrors errors = new FieldErrors();
        String type = body == null || body.contentType() == null ? "image/png" : body.contentType().strip().toLowerCase(Locale.ROOT);
        if (!type.equals("image/png") && !type.equals("image/jpeg")) {
            errors.add("contentType", "contentType must be image/png or image/jpeg");
        }
        Long size = errors.required("sizeBytes", body == null ? null : body.sizeBytes());
        if (size != null && (size < 1 || size > MAX_LOGO_BYTES)) {
            errors.add("sizeBytes", "sizeBytes must be from 1 to " + MAX_LOGO_BYTES + " (1 MB), found " + size);
        }
        errors.throwIfAny();
        Caller who = caller.get();
        String key = "logos/" + who.shopId() + "/logo" + (type.equals("image/png") ? ".png" : ".jpg");
        ObjectStore.PresignedUpload upload = store.presignPut(key, type, size, Duration.ofMinutes(15));
        inTransaction(() -> Shop.<Shop>findById(who.shopId()).call(shop -> {
            shop.logoKey = key;
            shop.updatedAt = OffsetDateTime.now();
            return audit.record(who, "settings.shop.logo", "shop", shop.id, Map.of("logoKey", key));
        }));
        return new LogoUpload(key, upload.url().toString(), upload.headers(), upload.expiresAt());
    }

    static ShopSettings view(Shop shop) {
        var settings = Json.tree(shop.settings);
        String stateName = shop.stateCode == null ? null
                : IndianState.byCode(shop.stateCode).map(IndianState::displayName).orElse(null);
        return new ShopSettings(shop.shopDomain, shop.legalName, shop.tradeName, shop.addressLine1, shop.addressLine2,
                shop.city, shop.stateCode, stateName, shop.pin, shop.gstin, shop.email, shop.phone, shop.upiId,
                shop.logoKey, shop.pricesIncludeTax, shop.invoicePrefix, shop.whatsappFallbackToEmail,
                ReminderSettings.reminders(settings), ReminderSettings.sendWindow(settings));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
