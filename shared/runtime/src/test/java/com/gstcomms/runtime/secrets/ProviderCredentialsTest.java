package com.gstcomms.runtime.secrets;

import com.gstcomms.runtime.data.Shop;
import com.gstcomms.runtime.data.ShopCredential;
import com.gstcomms.runtime.data.ShopCredential.Provider;
import com.gstcomms.testing.quarkus.LocalCloudResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static com.gstcomms.runtime.work.Transactions.inTransaction;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(value = LocalCloudResource.class, restrictToAnnotatedClass = false)
class ProviderCredentialsTest {

    private static final String KEY = "SG.live-key-0123456789.abcdefghijklmnopqrstuvwxyzWXYZ";

    @Inject
    ProviderCredentials credentials;

    private long shopId;

    @BeforeEach
    void shop() {
        Shop shop = new Shop();
        shop.shopDomain = "cred-" + UUID.randomUUID() + ".myshopify.com";
        inTransaction(shop::persist);
        shopId = shop.id;
    }

    @Test
    void storesTheSecretSealedAndOpensItForSending() {
        inTransaction(() -> credentials.save(shopId, Provider.SENDGRID, "{\"fromEmail\":\"billing@kala.in\"}", KEY));

        ShopCredential row = inTransaction(() -> ShopCredential.findFor(shopId, Provider.SENDGRID));
        assertThat(new String(row.secretCiphertext, StandardCharsets.ISO_8859_1)).doesNotContain("live-key");
        assertThat(row.secretHint).isEqualTo("****WXYZ");

        var opened = inTransaction(() -> credentials.open(shopId, Provider.SENDGRID)).orElseThrow();
        assertThat(opened.secret()).isEqualTo(KEY);
        assertThat(opened.settingsJson()).contains("billing@kala.in");
        assertThat(opened.toString()).doesNotContain("live-key");
    }

    @Test
    void keepsTheStoredSecretWhenSettingsAreSavedWithoutOne() {
        inTransaction(() -> credentials.save(shopId, Provider.SMTP, "{\"host\":\"smtp.a.in\"}", "pa55word-long-enough"));
        inTransaction(() -> credentials.save(shopId, Provider.SMTP, "{\"host\":\"smtp.b.in\"}", null));
        var opened = inTransaction(() -> credentials.open(shopId, Provider.SMTP)).orElseThrow();
        assertThat(opened.secret()).isEqualTo("pa55word-long-enough");
        assertThat(inTransaction(() -> ShopCredential.findFor(shopId, Provider.SMTP)).secretHint)
                .as("nothing of a password is shown").isEqualTo("****");
        assertThat(opened.settingsJson()).contains("smtp.b.in");
    }

    @Test
    void aShopWithoutSettingsHasNothingToOpen() {
        assertThat(inTransaction(() -> credentials.open(shopId, Provider.TWILIO))).isEmpty();
    }
}
