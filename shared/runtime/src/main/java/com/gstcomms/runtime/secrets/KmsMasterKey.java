package com.gstcomms.runtime.secrets;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;

import java.util.Base64;
import java.util.Map;

/**
 * A master key in AWS KMS: data keys come from GenerateDataKey and are unwrapped with Decrypt, both
 * bound to an encryption context, so a wrapped key copied to another shop's row will not open.
 * Not exercised by the tests here (no KMS-compatible server runs locally).
 */
public final class KmsMasterKey implements MasterKey {

    private final KmsClient kms;
    private final String keyId;

    public KmsMasterKey(KmsClient kms, String keyId) {
        this.kms = kms;
        this.keyId = keyId;
    }

    @Override
    public DataKey newDataKey(byte[] context) {
        var response = kms.generateDataKey(b -> b.keyId(keyId).keySpec(DataKeySpec.AES_256)
                .encryptionContext(encryptionContext(context)));
        return new DataKey(response.plaintext().asByteArray(), response.ciphertextBlob().asByteArray());
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey, byte[] context) {
        return kms.decrypt(b -> b.keyId(keyId).ciphertextBlob(SdkBytes.fromByteArray(wrappedKey))
                .encryptionContext(encryptionContext(context))).plaintext().asByteArray();
    }

    @Override
    public String keyRef() {
        return keyId;
    }

    private static Map<String, String> encryptionContext(byte[] context) {
        return Map.of("purpose", "gst-comms-provider-secret",
                "context", Base64.getUrlEncoder().withoutPadding().encodeToString(context));
    }
}
