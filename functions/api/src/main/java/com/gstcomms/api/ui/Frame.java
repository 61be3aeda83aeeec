package com.gstcomms.api.ui;

import io.quarkus.qute.TemplateData;

/**
 * What the layout needs to draw a page: who is signed in (null shop when nobody is), what they may do,
 * which section and tab are current, and the headers htmx sends back ({@code hx-headers} on the body:
 * the CSRF token of a cookie session, or the Shopify session token when embedded).
 */
@TemplateData
public record Frame(String title, String section, String tab, String shopDomain, String role, String actor,
                    boolean canSend, boolean canConfigure, String hxHeaders, boolean embedded, String shopifyApiKey) {

    public boolean signedIn() {
        return shopDomain != null;
    }

    /** {@code aria-current="page"} for the current section or tab, nothing otherwise. */
    public String currentSection(String name) {
        return name.equals(section) ? "page" : "false";
    }

    public String currentTab(String name) {
        return name.equals(tab) ? "page" : "false";
    }
}
