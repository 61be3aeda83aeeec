package com.gstcomms.templates;

import com.gstcomms.templates.MessageRenderException.Reason;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateInstance;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One compiled template (subject, HTML body, plain-text body) of a channel, kind and locale. Immutable
 * and safe to share: render it as often as needed, from any thread. Obtain one from
 * {@link MessageTemplates}.
 *
 * <p>Variables are printed HTML-escaped in the HTML body (Qute escapes {@code < > & " '} in text/html
 * templates), as they are in the plain-text body and subject not (those are not HTML). A subject whose
 * result contains CR or LF is refused: the subject becomes a mail header, and a line break there would
 * let a variable add headers (header injection, RFC 5322 §2.2).
 */
public final class MessageTemplate {

    private static final Pattern NOT_FOUND = Pattern.compile("(?:Entry|Property|Key) \"([^\"]+)\" not found");

    /** One part (subject, HTML body, text body): a built-in Qute template, or a shop's in the sandbox. */
    interface Part {
        String render(Map<String, ?> variables, String where);

        /** About how much memory the compiled part holds (for the cache's byte bound). */
        default int weight() {
            return 0;
        }
    }

    private final TemplateSource source;
    private final Part subject;
    private final Part html;
    private final Part text;

    MessageTemplate(TemplateSource source, Part subject, Part html, Part text) {
        this.source = source;
        this.subject = subject;
        this.html = html;
        this.text = text;
    }

    /** A built-in template of the application's own Qute engine (trusted: shipped with this library). */
    static MessageTemplate builtIn(TemplateSource source, Template subject, Template html, Template text) {
        return new MessageTemplate(source, trusted(subject), trusted(html), trusted(text));
    }

    private static Part trusted(Template template) {
        return template == null ? null : (variables, where) -> {
            TemplateInstance instance = template.instance();
            if (variables != null) {
                variables.forEach(instance::data);
            }
            try {
                return instance.render();
            } catch (TemplateException e) {
                throw describe(e, where);
            }
        };
    }

    /** A shop's (or a platform row's) template, compiled by the {@link TemplateSandbox}. */
    static MessageTemplate sandboxed(TemplateSource source, TemplateSandbox.Part subject, TemplateSandbox.Part html,
                                     TemplateSandbox.Part text) {
        return new MessageTemplate(source, sandboxed(subject), sandboxed(html), sandboxed(text));
    }

    private static Part sandboxed(TemplateSandbox.Part part) {
        return part == null ? null : new Part() {
            @Override
            public String render(Map<String, ?> variables, String where) {
                return part.render(variables, where);
            }

            @Override
            public int weight() {
                return part.weight();
            }
        };
    }

    /** About how much memory this template holds. */
    int weight() {
        return 256 + (subject == null ? 0 : subject.weight()) + (html == null ? 0 : html.weight())
                + (text == null ? 0 : text.weight());
    }

    public TemplateSource source() {
        return source;
    }

    /** True when this template has an HTML body (email); WhatsApp and text-only templates have none. */
    public boolean hasHtml() {
        return html != null;
    }

    /**
     * Renders the message. A missing plain-text body is derived from the HTML one.
     *
     * @throws MessageRenderException naming the template and the problem (missing variable, unsafe subject)
     */
    public RenderedMessage render(Map<String, ?> variables) {
        String renderedSubject = subject == null ? null : renderPart(subject, "subject", variables);
        if (renderedSubject != null) {
            checkSubject(renderedSubject);
        }
        String renderedHtml = html == null ? null : renderPart(html, "HTML body", variables);
        String renderedText = text != null ? renderPart(text, "text body", variables)
                : renderedHtml == null ? null : PlainText.fromHtml(renderedHtml);
        return new RenderedMessage(renderedSubject, renderedHtml, renderedText, source);
    }

    private void checkSubject(String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new MessageRenderException(Reason.UNSAFE_SUBJECT, "The subject of " + source
                    + " contains a line break (CR/LF) after rendering; refused to prevent header injection");
        }
        if (value.isBlank()) {
            throw new MessageRenderException(Reason.UNSAFE_SUBJECT, "The subject of " + source + " is empty after rendering");
        }
    }

    private String renderPart(Part template, String part, Map<String, ?> variables) {
        return template.render(variables, part + " of " + source);
    }

    static MessageRenderException describe(TemplateException e, String part) {
        String where = part + (e.getOrigin() != null ? " line " + e.getOrigin().getLine() : "");
        Matcher missing = NOT_FOUND.matcher(String.valueOf(e.getMessage()));
        if (missing.find()) {
            // Qute's own message prints the whole data map; name only the variable.
            return new MessageRenderException(Reason.MISSING_VARIABLE,
                    "Variable '" + missing.group(1) + "' is missing (" + where + ")", e);
        }
        return new MessageRenderException(Reason.TEMPLATE_ERROR, "Cannot render the " + where + ": "
                + firstLine(e.getMessage()), e);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
