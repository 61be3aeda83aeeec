package com.gstcomms.api.ui.notifications;

import com.gstcomms.api.templates.TemplatesResource;
import com.gstcomms.api.ui.Pages;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A template preview as a page fragment, rendered by the templates API's preview (shared/templates, what
 * the email and WhatsApp functions send), marked with the template's language for screen readers.
 */
@ApplicationScoped
public class Previews {

    private final Pages pages;
    private final TemplatesResource templates;

    public Previews(Pages pages, TemplatesResource templates) {
        this.pages = pages;
        this.templates = templates;
    }

    public TemplateInstance render(String templateId, TemplatesResource.PreviewRequest request) {
        TemplatesResource.Preview preview = templates.preview(templateId, request);
        return pages.fragment("ui/notifications/preview").data("preview", preview)
                .data("locale", templates.get(templateId).locale());
    }
}
