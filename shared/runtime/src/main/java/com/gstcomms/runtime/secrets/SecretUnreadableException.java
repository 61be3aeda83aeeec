package com.gstcomms.runtime.secrets;

/** A sealed secret could not be opened. The message never contains key material or the secret. */
public class SecretUnreadableException extends RuntimeException {
    public SecretUnreadableException(String why) {
        super("The stored secret cannot be opened: " + why);
    }
}
