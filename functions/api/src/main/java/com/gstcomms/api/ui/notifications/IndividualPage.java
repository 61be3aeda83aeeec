package com.gstcomms.api.ui.notifications;

import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.auth.CurrentCaller;
import com.gstcomms.api.customers.CustomersResource;
import com.gstcomms.api.customers.CustomersResource.CustomerView;
import com.gstcomms.api.http.FieldErrors;
import com.gstcomms.api.http.Problem;
import com.gstcomms.api.notifications.NotificationSending;
import com.gstcomms.api.notifications.NotificationView;
import com.gstcomms.api.notifications.SendNotification;
import com.gstcomms.api.templates.TemplatesResource;
import com.gstcomms.api.ui.FormValues;
import com.gstcomms.api.ui.PageProblems;
import com.gstcomms.api.ui.Pages;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;

import static com.gstcomms.runtime.data.ApiKey.Role.STAFF;
import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;

/**
 * Notification Center, Individual tab: pick customers (search, multi-select) or type an address, choose
 * channel and template, preview, send now or at a time. Sending goes through {@link NotificationSending},
 * exactly as {@code POST /v1/notifications}; the form's request id makes a double click send nothing twice.
 */
@Path("/ui/notifications")
@Produces(MediaType.TEXT_HTML)
public class IndividualPage {

    /** Most customers one send may pick (each is its own message). */
    static final int MAX_RECIPIENTS = 50;

    private final Pages pages;
    private final CurrentCaller caller;
    private final CustomersResource customers;
    private final TemplatesResource templates;
    private final NotificationSending sending;
    private final Previews previews;

    public IndividualPage(Pages pages, CurrentCaller caller, CustomersResource customers, TemplatesResource templates,
                          NotificationSending sending, Previews previews) {
        this.previews = previews;
        this.pages = pages;
        this.caller = caller;
        this.customers = customers;
        this.templates = templates;
        this.sending = sending;
    }

    /** One recipient's outcome: the message (when queued) or why it was not. */
    @TemplateData
    public record Outcome(String recipient, NotificationView notification, String error) {
    }

    @GET
    @Allowed(VIEWER)
    public TemplateInstance index() {
        return individual();
    }

    @GET
    @Path("/individual")
    @Allowed(VIEWER)
    public TemplateInstance individual() {
        return pages.page("ui/notifications/individual", "Individual messages", "notifications", "individual")
                .data("requestId", UUID.randomUUID().toString())
                .data("templates", templates.list(null, null, null).get("items"))
                .data("chosen", List.of())
                .data("matches", customers.list(null, null, null, null, 20).items());
    }

    /** The customer picker: the ones already ticked stay first and ticked, then the matches of the search. */
    @GET
    @Path("/individual/customers")
    @Allowed(VIEWER)
    public TemplateInstance customerChoices(@QueryParam("search") String search, @QueryParam("customerId") List<Long> ticked) {
        List<CustomerView> chosen = new ArrayList<>();
        for (Long id : new LinkedHashSet<>(ticked == null ? List.<Long>of() : ticked)) {
            if (chosen.size() < MAX_RECIPIENTS) {
                chosen.add(customers.get(id));
            }
        }
        Set<Long> chosenIds = new java.util.HashSet<>(chosen.stream().map(CustomerView::id).toList());
        List<CustomerView> matches = customers.list(null, null, FormValues.blankToNull(search), null, 20).items().stream()
                .filter(c -> !chosenIds.contains(c.id())).toList();
        return pages.fragment("ui/notifications/customer-choices").data("chosen", chosen).data("matches", matches);
    }

    /** The rendered message with the kind's sample data and the variables typed in (same renderer as sending). */
    @POST
    @Path("/individual/preview")
    @Allowed(VIEWER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance preview(@FormParam("templateId") String templateId, @FormParam("variables") String variables) {
        FieldErrors errors = new FieldErrors();
        errors.required("templateId", FormValues.blankToNull(templateId));
        Map<String, Object> given = FormValues.variables(errors, "variables", variables);
        errors.throwIfAny();
        return previews.render(templateId.strip(), new TemplatesResource.PreviewRequest(given, null));
    }

    @POST
    @Path("/individual/send")
    @Allowed(STAFF)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance send(@FormParam("customerId") List<Long> customerIds, @FormParam("to") String to,
                                 @FormParam("channel") String channel, @FormParam("templateId") String templateId,
                                 @FormParam("variables") String variables, @FormParam("sendAt") String sendAt,
                                 @FormParam("requestId") String requestId) {
        FieldErrors errors = new FieldErrors();
        List<Long> ids = customerIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(customerIds));
        String address = FormValues.blankToNull(to);
        if (ids.isEmpty() && address == null) {
            errors.add("customerId", "choose at least one customer or enter an address");
        }
        if (ids.size() > MAX_RECIPIENTS) {
            errors.add("customerId", "at most " + MAX_RECIPIENTS + " customers at once; use the Bulk tab for more");
        }
        String template = errors.required("templateId", FormValues.blankToNull(templateId));
        Map<String, Object> given = FormValues.variables(errors, "variables", variables);
        String scheduledAt = FormValues.indiaTime(errors, "sendAt", sendAt);
        String request = FormValues.blankToNull(requestId) == null ? UUID.randomUUID().toString() : requestId.strip();
        errors.throwIfAny();

        Chosen chosen = Chosen.of(template);
        Caller who = caller.get();
        List<Outcome> outcomes = new ArrayList<>();
        for (Long id : ids) {
            outcomes.add(sendOne(who, "customer " + id, new SendNotification(channel, chosen.kind(), chosen.templateId(), id,
                    null, chosen.locale(), null, given, null, null, scheduledAt), "ui:" + request + ":c" + id));
        }
        if (address != null) {
            outcomes.add(sendOne(who, address, new SendNotification(channel, chosen.kind(), chosen.templateId(), null,
                    address, chosen.locale(), null, given, null, null, scheduledAt), "ui:" + request + ":to"));
        }
        long queued = outcomes.stream().filter(o -> o.notification() != null).count();
        return pages.fragment("ui/notifications/send-result").data("outcomes", outcomes)
                .data("requestId", UUID.randomUUID().toString())
                .data("queued", queued).data("allQueued", queued == outcomes.size());
    }

    private Outcome sendOne(Caller who, String label, SendNotification message, String key) {
        try {
            NotificationView sent = sending.send(who, message, key);
            return new Outcome(sent.recipient() == null ? label : sent.recipient(), sent, null);
        } catch (Problem problem) {
            return new Outcome(label, null, PageProblems.describe(problem));
        }
    }

    /** A template choice: a built-in is named by kind and locale, a shop template by its row id. */
    record Chosen(String kind, Long templateId, String locale) {
        static Chosen of(String id) {
            Matcher builtIn = TemplatesResource.BUILT_IN_ID.matcher(id);
            if (builtIn.matches()) {
                return new Chosen(builtIn.group(2), null, builtIn.group(3));
            }
            try {
                return new Chosen(null, Long.parseLong(id), null);
            } catch (NumberFormatException e) {
                throw Problem.invalid("templateId", "'" + id + "' is not a template of this shop");
            }
        }
    }
}
