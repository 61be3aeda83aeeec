package com.gstcomms.api.ui.notifications;

import com.gstcomms.api.analytics.AnalyticsResource;
import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.ui.FormValues;
import com.gstcomms.api.ui.Pages;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;

/**
 * Notification Center, Analytics tab: {@code GET /v1/analytics}' figures per channel, kind, template or
 * campaign over a period, as a table and two inline SVG charts (rates per key, messages sent per day).
 */
@Path("/ui/notifications/analytics")
@Produces(MediaType.TEXT_HTML)
public class AnalyticsPage {

    private final Pages pages;
    private final AnalyticsResource analytics;

    public AnalyticsPage(Pages pages, AnalyticsResource analytics) {
        this.pages = pages;
        this.analytics = analytics;
    }

    @GET
    @Allowed(VIEWER)
    public TemplateInstance page(@QueryParam("groupBy") String groupBy, @QueryParam("from") String from,
                                 @QueryParam("to") String to) {
        AnalyticsResource.Report report = analytics.get(FormValues.blankToNull(groupBy), FormValues.blankToNull(from),
                FormValues.blankToNull(to));
        String dimension = report.groupBy();
        return pages.page("ui/notifications/analytics", "Analytics", "notifications", "analytics")
                .data("r", report)
                .data("rates", RateChart.rates(report.totals(), key -> label(dimension, key)))
                .data("daily", RateChart.daily(report.items(), report.from(), report.to()))
                .data("groupings", java.util.List.of("channel", "kind", "template", "campaign"));
    }

    static String label(String dimension, String key) {
        if ("none".equals(key)) {
            return "no " + dimension;
        }
        return switch (dimension) {
            case "template" -> "template " + key;
            case "campaign" -> "campaign " + key;
            default -> key;
        };
    }
}
