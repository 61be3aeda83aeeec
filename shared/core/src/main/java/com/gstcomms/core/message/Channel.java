package com.gstcomms.core.message;

/**
 * How a message travels: the one channel enum of the project (commands, notification rows, templates,
 * suppressions). Its names are stored in the database and sent in JSON, so they never change. AUTO (a
 * campaign's choice) is resolved to one of these before a notification row exists.
 */
public enum Channel {
    EMAIL,
    WHATSAPP
}
