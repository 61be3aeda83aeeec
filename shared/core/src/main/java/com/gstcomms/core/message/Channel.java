package com.gstcomms.core.message;

/** A channel a rendered document is delivered on. */
public enum Channel {
    EMAIL,
    WHATSAPP
}
