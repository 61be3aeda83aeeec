package com.gstcomms.api.auth;

import com.gstcomms.api.ApiConfig;
import com.gstcomms.api.http.AuditTrail;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Json;
import com.gstcomms.api.http.Problem;
import com.gstcomms.runtime.data.ApiKey;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static com.gstcomms.runtime.data.ApiKey.Role.OWNER;
import static com.gstcomms.runtime.work.Transactions.inSession;
import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * The shop owner's API keys: created (the key is shown once), listed (prefix only), renewed and revoked.
 * Every key expires ({@code gstcomms.api.key-lifetime}, 90 days, or {@code expiresInDays}); the owner renews
 * it before (or after) that, so a key that leaked long ago and was forgotten stops working on its own.
 */
@Path("/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Allowed(OWNER)
public class ApiKeysResource {

    private final CurrentCaller caller;
    private final ApiKeys keys;
    private final AuditTrail audit;
    private final ApiConfig config;
    private final Clock clock;

    public ApiKeysResource(CurrentCaller caller, ApiKeys keys, AuditTrail audit, ApiConfig config, Clock clock) {
        this.caller = caller;
        this.keys = keys;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** Longest lifetime a key may be given or renewed for, in days. */
    static final int MAX_DAYS = 365;

    /** {@code expiresInDays}: 1..365; absent, the configured lifetime. */
    @RegisterForReflection
    public record CreateApiKey(String name, String role, Integer expiresInDays) {
    }

    @RegisterForReflection
    public record RenewApiKey(Integer expiresInDays) {
    }

    @RegisterForReflection
    public record ApiKeyView(long id, String name, String role, String keyPrefix, String createdBy,
                             OffsetDateTime createdAt, OffsetDateTime lastUsedAt, OffsetDateTime expiresAt,
                             boolean expired, OffsetDateTime revokedAt) {
        static ApiKeyView of(ApiKey k, Clock clock) {
            return new ApiKeyView(k.id, k.name, k.role.name(), k.keyPrefix, k.createdBy, Json.time(k.createdAt),
                    Json.time(k.lastUsedAt), Json.time(k.expiresAt), k.expired(clock), Json.time(k.revokedAt));
        }
    }

    /** The only answer that ever contains the key itself. */
    @RegisterForReflection
    public record CreatedApiKey(long id, String name, String role, String keyPrefix, String key, OffsetDateTime createdAt,
                                OffsetDateTime expiresAt) {
    }

    /** When a key given or renewed now expires: {@code days} from now, or the configured lifetime. */
    private OffsetDateTime expiry(FieldErrors errors, Integer days) {
        if (days == null) {
            return OffsetDateTime.now(clock).plus(config.keyLifetime());
        }
        if (days < 1 || days > MAX_DAYS) {
            errors.add("expiresInDays", "must be between 1 and " + MAX_DAYS + " days");
            return null;
        }
        return OffsetDateTime.now(clock).plusDays(days);
    }

    @POST
    public Response create(CreateApiKey body) {
        FieldErrors errors = new FieldErrors();
        String name = errors.maxLength("name", errors.required("name", body == null ? null : body.name()), 100);
        ApiKey.Role role = errors.oneOf("role", errors.required("role", body == null ? null : body.role()), ApiKey.Role.class);
        OffsetDateTime expiresAt = expiry(errors, body == null ? null : body.expiresInDays());
        errors.throwIfAny();
        Caller who = caller.get();
        ApiKeys.NewKey created = keys.create(who.shopId(), name, role, who.actor());
        created.row().expiresAt = expiresAt;
        inTransaction(() -> created.row().persist().call(k -> audit.record(who, "api_key.create", "api_key",
                created.row().id, Map.of("name", name, "role", role.name(), "keyPrefix", created.row().keyPrefix,
                        "expiresAt", expiresAt.toString()))));
        ApiKey row = created.row();
        return Response.status(201).entity(new CreatedApiKey(row.id, row.name, row.role.name(), row.keyPrefix,
                created.key(), Json.time(row.createdAt), Json.time(row.expiresAt))).build();
    }

    @GET
    public Map<String, List<ApiKeyView>> list() {
        long shopId = caller.shopId();
        List<ApiKey> rows = inSession(() -> ApiKey.<ApiKey>find("shopId = ?1 order by id desc", shopId).list());
        return Map.of("items", rows.stream().map(k -> ApiKeyView.of(k, clock)).toList());
    }

    /**
     * Gives the key a new expiry ({@code expiresInDays} from now, or the configured lifetime), also after it
     * expired: the key itself stays the same, so the integration using it goes on. A revoked key stays revoked (409).
     */
    @POST
    @Path("/{id}/renew")
    public ApiKeyView renew(@PathParam("id") long id, RenewApiKey body) {
        FieldErrors errors = new FieldErrors();
        OffsetDateTime expiresAt = expiry(errors, body == null ? null : body.expiresInDays());
        errors.throwIfAny();
        Caller who = caller.get();
        return inTransaction(() -> ApiKey.<ApiKey>find("id = ?1 and shopId = ?2", id, who.shopId()).firstResult()
                .onItem().ifNull().failWith(() -> Problem.notFound("API key", id))
                .call(k -> {
                    if (k.revokedAt != null) {
                        return io.smallrye.mutiny.Uni.createFrom().failure(
                                Problem.conflict("API key " + id + " was revoked; create a new key instead"));
                    }
                    k.expiresAt = expiresAt;
                    return audit.record(who, "api_key.renew", "api_key", k.id,
                            Map.of("keyPrefix", k.keyPrefix, "expiresAt", expiresAt.toString()));
                })
                .map(k -> ApiKeyView.of(k, clock)));
    }

    /** Revokes the key at once: its next request is refused. Revoking twice changes nothing. */
    @DELETE
    @Path("/{id}")
    public ApiKeyView revoke(@PathParam("id") long id) {
        Caller who = caller.get();
        return inTransaction(() -> ApiKey.<ApiKey>find("id = ?1 and shopId = ?2", id, who.shopId()).firstResult()
                .onItem().ifNull().failWith(() -> Problem.notFound("API key", id))
                .call(k -> {
                    if (k.revokedAt != null) {
                        return io.smallrye.mutiny.Uni.createFrom().voidItem();
                    }
                    k.revokedAt = OffsetDateTime.now(clock);
                    return audit.record(who, "api_key.revoke", "api_key", k.id, Map.of("keyPrefix", k.keyPrefix));
                })
                .map(k -> ApiKeyView.of(k, clock)));
    }
}
