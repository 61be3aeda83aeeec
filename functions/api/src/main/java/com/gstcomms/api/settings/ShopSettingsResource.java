package com.gstcomms.api.settings;

import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Json;
import com.gstcomms.core.state.IndianState;
import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.settings.ReminderSettings;
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
    private final ShopSettingsChange change;

    public ShopSettingsResource(CurrentCaller caller, AuditTrail audit, ObjectStore store, ShopSettingsChange change) {
        this.caller = caller;
        this.audit = audit;
        this.store = store;
        this.change = change;
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
        return view(change.save(caller.get(), body));
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
}
