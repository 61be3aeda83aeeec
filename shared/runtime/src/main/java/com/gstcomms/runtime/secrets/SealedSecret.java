package com.gstcomms.runtime.secrets;

/**
 * A secret as stored: the ciphertext (nonce + AES-GCM output), its data key wrapped by the master key,
 * which master key, and a hint for masked display. {@link #toString()} shows no bytes.
 */
public record SealedSecret(byte[] ciphertext, byte[] wrappedKey, String keyRef, String hint) {
    @Override
    public String toString() {
        return "SealedSecret[keyRef=" + keyRef + ", hint=" + hint + "]";
    }
}
