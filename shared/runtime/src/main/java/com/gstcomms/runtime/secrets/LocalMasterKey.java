package com.gstcomms.runtime.secrets;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** A master key held in a local file (local cloud and tests): AES-256, data keys wrapped with AES-GCM. */
public final class LocalMasterKey implements MasterKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final String keyRef;

    public LocalMasterKey(byte[] keyBytes) {
        if (keyBytes.length != 32) {
            throw new IllegalArgumentException("A local master key must be 256 bits, was " + keyBytes.length * 8);
        }
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyRef = "local:" + fingerprint(keyBytes);
    }

    /** Reads the key file, creating it (owner-only permissions) with a random key if it does not exist. */
    public static LocalMasterKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                RANDOM.nextBytes(fresh);
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
            }
            String encoded = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return new LocalMasterKey(Base64.getDecoder().decode(encoded));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the local master key file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The local master key file " + file + " does not hold a Base64 256-bit key", e);
        }
    }

    @Override
    public DataKey newDataKey(byte[] context) {
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        return new DataKey(dataKey, AesGcm.encrypt(key, dataKey, context));
    }

    @Override
    public byte[] unwrap(byte[] wrappedKey, byte[] context) {
        return AesGcm.decrypt(key, wrappedKey, context);
    }

    @Override
    public String keyRef() {
        return keyRef;
    }

    private static String fingerprint(byte[] keyBytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBytes);
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
