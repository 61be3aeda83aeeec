package com.gstcomms.runtime.data;

/** How a message travels. AUTO is resolved to one of the others before a notification row exists. */
public enum Channel { EMAIL, WHATSAPP }
