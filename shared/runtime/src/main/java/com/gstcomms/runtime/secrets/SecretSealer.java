package com.gstcomms.runtime.secrets;

import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.kms.KmsClient;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Seals provider secrets (SendGrid keys, SMTP passwords, Twilio tokens) with envelope encryption: a
 * fresh AES-256 data key per secret encrypts it with AES-GCM, and the master key ({@link MasterKey}:
 * KMS in AWS, a key file locally) wraps the data key. The owner ("shop 42 / SENDGRID") is bound in as
 * associated data, so a sealed value moved to another shop's row does not open.
 */
@ApplicationScoped
public class SecretSealer {

    private final MasterKey masterKey;

    @jakarta.inject.Inject
    public SecretSealer(SecretsConfig config, jakarta.enterprise.inject.Instance<KmsClient> kms) {
        this(switch (config.masterKey()) {
            case KMS -> new KmsMasterKey(kms.get(), config.kmsKeyId().orElseThrow(() ->
                    new IllegalStateException("gstcomms.secrets.kms-key-id must be set when master-key=kms")));
            case LOCAL -> LocalMasterKey.fromFile(config.localKeyFile());
        });
    }

    public SecretSealer(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    /** Seals a key or token (its hint may show the last four characters). */
    public SealedSecret seal(String secret, String owner) {
        return seal(secret, owner, false);
    }

    /** Seals a secret; a {@code password}'s hint shows none of it. */
    public SealedSecret seal(String secret, String owner, boolean password) {
        byte[] context = owner.getBytes(StandardCharsets.UTF_8);
        MasterKey.DataKey dataKey = masterKey.newDataKey(context);
        try {
            byte[] ciphertext = AesGcm.encrypt(new SecretKeySpec(dataKey.plaintext(), "AES"),
                    secret.getBytes(StandardCharsets.UTF_8), context);
            return new SealedSecret(ciphertext, dataKey.wrapped(), masterKey.keyRef(), password ? maskPassword(secret) : mask(secret));
        } finally {
            Arrays.fill(dataKey.plaintext(), (byte) 0);
        }
    }

    public String open(SealedSecret sealed, String owner) {
        byte[] context = owner.getBytes(StandardCharsets.UTF_8);
        byte[] dataKey = masterKey.unwrap(sealed.wrappedKey(), context);
        try {
            byte[] plain = AesGcm.decrypt(new SecretKeySpec(dataKey, "AES"), sealed.ciphertext(), context);
            return new String(plain, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * How a key or token is shown back (issue 15 §6): at most its last four characters, and only for keys of
     * 16 characters or more ({@code ****abcd}); anything shorter shows only the stars. A prefix such as
     * "SG." is not shown: together with the end it narrowed the key down more than needed to recognise it.
     */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        if (secret.length() < 16) {
            return "****";
        }
        return "****" + secret.substring(secret.length() - 4);
    }

    /** How a password is shown back: nothing of it, only that one is stored. */
    public static String maskPassword(String secret) {
        return secret == null || secret.isEmpty() ? "" : "****";
    }
}
