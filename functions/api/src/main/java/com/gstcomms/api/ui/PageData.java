package com.gstcomms.api.ui;

import com.gstcomms.api.analytics.AnalyticsResource;
import com.gstcomms.api.campaigns.CampaignsResource;
import com.gstcomms.api.customers.CustomersResource;
import com.gstcomms.api.http.Page;
import com.gstcomms.api.notifications.NotificationView;
import com.gstcomms.api.providers.ProviderSettings;
import com.gstcomms.api.providers.ServicesResource;
import com.gstcomms.api.templates.TemplatesResource;
import io.quarkus.qute.TemplateData;

/**
 * The JSON API's answers that the pages render as they are: Qute resolves their properties with
 * resolvers generated at build time (no reflection, so the same works in a native image).
 */
@TemplateData(target = Page.class)
@TemplateData(target = NotificationView.class)
@TemplateData(target = NotificationView.EventView.class)
@TemplateData(target = CustomersResource.CustomerView.class)
@TemplateData(target = CampaignsResource.CampaignView.class)
@TemplateData(target = TemplatesResource.TemplateView.class)
@TemplateData(target = TemplatesResource.Preview.class)
@TemplateData(target = ProviderSettings.class)
@TemplateData(target = ProviderSettings.SendGrid.class)
@TemplateData(target = ProviderSettings.Smtp.class)
@TemplateData(target = ProviderSettings.Twilio.class)
@TemplateData(target = ServicesResource.ProviderStatus.class)
@TemplateData(target = ServicesResource.TestResult.class)
@TemplateData(target = AnalyticsResource.Figures.class)
@TemplateData(target = AnalyticsResource.Report.class)
final class PageData {

    private PageData() {
    }
}
