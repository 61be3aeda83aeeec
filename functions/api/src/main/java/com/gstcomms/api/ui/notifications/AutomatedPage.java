package com.gstcomms.api.ui.notifications;

import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.settings.AutomationSettings;
import com.gstcomms.api.ui.Pages;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import static com.gstcomms.runtime.data.ApiKey.Role.OWNER;
import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;

/** Notification Center, Automated tab: payment reminders, quiet hours, order/shipping messages, fallback. */
@Path("/ui/notifications/automated")
@Produces(MediaType.TEXT_HTML)
public class AutomatedPage {

    private final Pages pages;
    private final CurrentCaller caller;
    private final AutomationSettings automation;

    public AutomatedPage(Pages pages, CurrentCaller caller, AutomationSettings automation) {
        this.pages = pages;
        this.caller = caller;
        this.automation = automation;
    }

    @GET
    @Allowed(VIEWER)
    public TemplateInstance page() {
        return pages.page("ui/notifications/automated", "Automated messages", "notifications", "automated")
                .data("a", automation.get(caller.shopId()));
    }

    /** Unticked checkboxes are not sent by browsers: absent means off. */
    @POST
    @Allowed(OWNER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance save(@FormParam("remindersEnabled") String remindersEnabled,
                                 @FormParam("offsetsDays") String offsetsDays, @FormParam("channelOrder") String channelOrder,
                                 @FormParam("maxCount") String maxCount, @FormParam("sendFrom") String sendFrom,
                                 @FormParam("sendTo") String sendTo, @FormParam("orderEmail") String orderEmail,
                                 @FormParam("orderWhatsapp") String orderWhatsapp, @FormParam("shippingEmail") String shippingEmail,
                                 @FormParam("shippingWhatsapp") String shippingWhatsapp,
                                 @FormParam("whatsappFallbackToEmail") String fallback) {
        AutomationSettings.Automation saved = automation.save(caller.get(), new AutomationSettings.Change(
                remindersEnabled != null, offsetsDays, channelOrder, maxCount, sendFrom, sendTo, orderEmail != null,
                orderWhatsapp != null, shippingEmail != null, shippingWhatsapp != null, fallback != null));
        return pages.fragment("ui/notifications/automated-saved").data("a", saved);
    }
}
