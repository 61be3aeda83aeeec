package com.gstcomms.runtime.secrets;

import com.gstcomms.runtime.data.ShopCredential;
import com.gstcomms.runtime.data.ShopCredential.Provider;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A shop's provider settings with the secret sealed at rest ({@link SecretSealer}). The API writes
 * them (secrets write-only, read back masked); the email and WhatsApp functions open them to send.
 * The sealing owner is "shop:{id}/{provider}", so a row copied to another shop will not open.
 */
@ApplicationScoped
public class ProviderCredentials {

    private final SecretSealer sealer;

    public ProviderCredentials(SecretSealer sealer) {
        this.sealer = sealer;
    }

    /** Settings and the secret in clear, for sending. Empty when the shop has not configured it. */
    public Uni<Optional<Opened>> open(long shopId, Provider provider) {
        return ShopCredential.findFor(shopId, provider).map(row -> Optional.ofNullable(row).map(r -> new Opened(
                r.settings,
                r.secretCiphertext == null ? null
                        : sealer.open(new SealedSecret(r.secretCiphertext, r.secretWrappedKey, r.secretKeyRef, r.secretHint),
                        owner(shopId, provider)))));
    }

    /**
     * Creates or replaces a shop's settings for a provider. A null {@code secret} keeps the stored
     * one (secrets are write-only: a client that read the masked value back never sends it again).
     */
    public Uni<ShopCredential> save(long shopId, Provider provider, String settingsJson, String secret) {
        return ShopCredential.findFor(shopId, provider).chain(existing -> {
            ShopCredential row = existing != null ? existing : new ShopCredential();
            row.shopId = shopId;
            row.provider = provider;
            row.settings = settingsJson == null ? "{}" : settingsJson;
            if (secret != null) {
                // An SMTP password is a password (nothing of it is shown); SendGrid keys and Twilio tokens are keys.
                SealedSecret sealed = sealer.seal(secret, owner(shopId, provider), provider == Provider.SMTP);
                row.secretCiphertext = sealed.ciphertext();
                row.secretWrappedKey = sealed.wrappedKey();
                row.secretKeyRef = sealed.keyRef();
                row.secretHint = sealed.hint();
            }
            row.updatedAt = OffsetDateTime.now();
            return row.persist();
        });
    }

    static String owner(long shopId, Provider provider) {
        return "shop:" + shopId + "/" + provider;
    }

    /** Opened settings; {@link #toString()} never shows the secret. */
    public record Opened(String settingsJson, String secret) {
        @Override
        public String toString() {
            return "Opened[settings=" + settingsJson + ", secret=" + SecretSealer.maskPassword(secret) + "]";
        }
    }
}
