package com.gstcomms.templates;

import com.gstcomms.core.message.Channel;

/**
 * Where a template came from: a built-in one shipped with this library ({@code templateId} null), a
 * platform row of the {@code template} table ({@code shopId} null), or a shop's own version.
 */
public record TemplateSource(Channel channel, String kind, String locale, Long templateId, Long shopId, int version) {

    public boolean builtIn() {
        return templateId == null;
    }

    @Override
    public String toString() {
        String what = channel + "/" + kind + "/" + locale;
        if (templateId == null) {
            return "built-in " + what;
        }
        return (shopId == null ? "platform " : "shop " + shopId + " ") + what + " v" + version + " (template " + templateId
                + ")";
    }
}
