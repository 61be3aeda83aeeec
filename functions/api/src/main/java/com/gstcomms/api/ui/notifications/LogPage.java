package com.gstcomms.api.ui.notifications;

import com.gstcomms.core.time.India;
import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.http.Page;
import com.gstcomms.api.notifications.NotificationView;
import com.gstcomms.api.notifications.NotificationsResource;
import com.gstcomms.api.ui.FormValues;
import com.gstcomms.api.ui.Pages;
import com.gstcomms.runtime.data.NotificationStatus;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.Map;

import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;

/**
 * Notification Center, Log tab: the shop's messages newest first with the API's filters (the same query as
 * {@code GET /v1/notifications}), and each message's event timeline on demand.
 */
@Path("/ui/notifications/log")
@Produces(MediaType.TEXT_HTML)
public class LogPage {

    private final Pages pages;
    private final NotificationsResource notifications;

    public LogPage(Pages pages, NotificationsResource notifications) {
        this.pages = pages;
        this.notifications = notifications;
    }

    /** {@code from}/{@code to} are days (India time, inclusive); {@code id} opens that message's timeline. */
    @GET
    @Allowed(VIEWER)
    public TemplateInstance log(@QueryParam("status") String status, @QueryParam("channel") String channel,
                                @QueryParam("kind") String kind, @QueryParam("campaignId") Long campaignId,
                                @QueryParam("customerId") Long customerId, @QueryParam("from") String from,
                                @QueryParam("to") String to, @QueryParam("cursor") String cursor,
                                @QueryParam("id") Long id) {
        Page<NotificationView> page = notifications.list(FormValues.blankToNull(status), FormValues.blankToNull(channel),
                FormValues.blankToNull(kind), campaignId, customerId, null, dayStart(from, 0), dayStart(to, 1),
                FormValues.blankToNull(cursor), 50);
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("status", status == null ? "" : status);
        filters.put("channel", channel == null ? "" : channel);
        filters.put("kind", kind == null ? "" : kind);
        filters.put("campaignId", campaignId == null ? "" : campaignId);
        filters.put("customerId", customerId == null ? "" : customerId);
        filters.put("from", from == null ? "" : from);
        filters.put("to", to == null ? "" : to);
        return pages.page("ui/notifications/log", "Notification log", "notifications", "log")
                .data("page", page).data("filters", filters)
                .data("statuses", Arrays.stream(NotificationStatus.values()).map(Enum::name).toList())
                .data("opened", id == null ? null : notifications.get(id))
                .data("nextQuery", page.nextCursor() == null ? null : nextQuery(filters, page.nextCursor()));
    }

    @GET
    @Path("/{id}")
    @Allowed(VIEWER)
    public TemplateInstance timeline(@PathParam("id") long id) {
        return pages.fragment("ui/notifications/timeline").data("n", notifications.get(id));
    }

    /** A day in India time as the API's ISO time; {@code plusDays} 1 makes "to" inclusive. */
    private static String dayStart(String day, int plusDays) {
        String text = FormValues.blankToNull(day);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text).plusDays(plusDays).atStartOfDay(India.ZONE)
                    .toOffsetDateTime().toString();
        } catch (java.time.format.DateTimeParseException e) {
            throw com.gstcomms.api.http.Problem.invalid(plusDays == 0 ? "from" : "to", "a day like 2026-11-26");
        }
    }

    private static String nextQuery(Map<String, Object> filters, String cursor) {
        StringBuilder q = new StringBuilder();
        filters.forEach((k, v) -> {
            if (!v.toString().isEmpty()) {
                q.append(k).append('=').append(java.net.URLEncoder.encode(v.toString(), java.nio.charset.StandardCharsets.UTF_8)).append('&');
            }
        });
        return q.append("cursor=").append(cursor).toString();
    }
}
