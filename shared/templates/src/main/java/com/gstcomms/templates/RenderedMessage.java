package com.gstcomms.templates;

/**
 * A message ready to send: what a template produced from one set of variables.
 *
 * @param subject  the subject line (email; null for WhatsApp); never contains CR or LF
 * @param html     the HTML body with every variable HTML-escaped, or null for a text-only template
 * @param text     the plain-text body (the alternative part of an email; the WhatsApp body)
 * @param source   which template produced it
 */
public record RenderedMessage(String subject, String html, String text, TemplateSource source) {
}
