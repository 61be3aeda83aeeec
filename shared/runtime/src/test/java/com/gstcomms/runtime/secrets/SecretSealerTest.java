package com.gstcomms.runtime.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretSealerTest {

    private static final String KEY = "SG.abcdefghijklmnop.qrstuvwxyz0123456789ABCDEFGHIJK";

    private static LocalMasterKey randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new LocalMasterKey(bytes);
    }

    @Test
    void opensWhatItSealedForTheSameOwner() {
        SecretSealer sealer = new SecretSealer(randomKey());
        SealedSecret sealed = sealer.seal(KEY, "shop:42/SENDGRID");
        assertThat(sealer.open(sealed, "shop:42/SENDGRID")).isEqualTo(KEY);
    }

    @Test
    void storesNoTraceOfTheSecretInTheSealedBytesOrItsDescription() {
        SecretSealer sealer = new SecretSealer(randomKey());
        SealedSecret sealed = sealer.seal(KEY, "shop:42/SENDGRID");
        String bytesAsText = new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)
                + new String(sealed.wrappedKey(), StandardCharsets.ISO_8859_1);
        assertThat(bytesAsText).doesNotContain("abcdefghijklmnop");
        assertThat(sealed.toString()).doesNotContain("abcdefghijklmnop").contains("****HIJK").doesNotContain("SG.");
    }

    @Test
    void sealsTheSameSecretDifferentlyEachTime() {
        SecretSealer sealer = new SecretSealer(randomKey());
        assertThat(sealer.seal(KEY, "o").ciphertext()).isNotEqualTo(sealer.seal(KEY, "o").ciphertext());
    }

    @Test
    void refusesToOpenASecretMovedToAnotherShop() {
        SecretSealer sealer = new SecretSealer(randomKey());
        SealedSecret sealed = sealer.seal(KEY, "shop:42/SENDGRID");
        assertThatThrownBy(() -> sealer.open(sealed, "shop:43/SENDGRID"))
                .isInstanceOf(SecretUnreadableException.class)
                .hasMessageNotContaining(KEY);
    }

    @Test
    void refusesToOpenWithAnotherMasterKey() {
        SealedSecret sealed = new SecretSealer(randomKey()).seal(KEY, "o");
        assertThatThrownBy(() -> new SecretSealer(randomKey()).open(sealed, "o"))
                .isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void detectsATamperedCiphertext() {
        SecretSealer sealer = new SecretSealer(randomKey());
        SealedSecret sealed = sealer.seal(KEY, "o");
        sealed.ciphertext()[sealed.ciphertext().length - 1] ^= 1;
        assertThatThrownBy(() -> sealer.open(sealed, "o")).isInstanceOf(SecretUnreadableException.class);
    }

    @Test
    void createsTheLocalKeyFileOnceAndReadsTheSameKeyBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys/master.key");
        SealedSecret sealed = new SecretSealer(LocalMasterKey.fromFile(file)).seal(KEY, "o");
        assertThat(Files.readString(file)).isNotBlank();
        assertThat(Files.getPosixFilePermissions(file).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        assertThat(new SecretSealer(LocalMasterKey.fromFile(file)).open(sealed, "o")).isEqualTo(KEY);
    }

    @ParameterizedTest
    @CsvSource({
            "SG.abcdefghijklmnop.qrstuvwxyz0123456789abcd, ****abcd",
            "0123456789abcdef0123456789abcdef,               ****cdef",
            "0123456789abcdef,                               ****cdef",
            "0123456789abcde,                                ****",
            "twelve-chars,                                   ****",
            "short-pass,                                   ****",
            "'',                                           ''",
    })
    void masksSecretsForDisplay(String secret, String shown) {
        assertThat(SecretSealer.mask(secret)).isEqualTo(shown);
    }

    @Test
    void showsNothingOfAPassword() {
        SealedSecret sealed = new SecretSealer(randomKey()).seal("a-long-smtp-password-2026", "shop:1/SMTP", true);
        assertThat(sealed.hint()).isEqualTo("****");
        assertThat(SecretSealer.maskPassword("")).isEmpty();
    }
}
