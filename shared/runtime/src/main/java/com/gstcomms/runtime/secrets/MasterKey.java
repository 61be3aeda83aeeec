package com.gstcomms.runtime.secrets;

/**
 * The key that wraps each secret's data key (envelope encryption). In AWS it is a KMS key, so the
 * master key never leaves KMS; locally it is a key file.
 */
public interface MasterKey {

    /** A fresh 256-bit data key, in clear (to encrypt with, then forget) and wrapped (to store). */
    DataKey newDataKey(byte[] context);

    /** Unwraps a stored data key; fails if it was wrapped by another key or for another context. */
    byte[] unwrap(byte[] wrappedKey, byte[] context);

    /** Names this master key in stored rows, so a rotation can tell old rows apart. */
    String keyRef();

    record DataKey(byte[] plaintext, byte[] wrapped) {
    }
}
