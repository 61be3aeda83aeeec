package com.gstcomms.api.ui;

import com.gstcomms.api.auth.Caller;
import com.gstcomms.api.auth.CurrentCaller;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The security headers of every answer under {@code /ui} (pages, fragments, redirects, errors).
 *
 * <p><b>Framing.</b> Shopify requires of embedded apps {@code Content-Security-Policy: frame-ancestors
 * https://{shop}.myshopify.com https://admin.shopify.com} with the shop of the request (shopify.dev, "Set up
 * iframe protection"), so only that shop's admin may frame the page: another site cannot overlay it to
 * steal clicks (clickjacking). A page without a verified shop (sign-in, a refused session) gets
 * {@code frame-ancestors 'none'}: it has nothing to show inside Shopify admin (embedded, the session token
 * always names the shop), and the sign-in form is exactly what a framing site would want to overlay. The
 * shop comes from the verified caller, never from a query parameter, and only a plain
 * {@code [a-z0-9-]+.myshopify.com} is put into the header (anything else, even a valid-looking token's,
 * gets {@code 'none'}), so nothing can be injected into the policy.
 *
 * <p>No {@code X-Frame-Options}: DENY or SAMEORIGIN would stop Shopify admin from embedding the app, and
 * ALLOW-FROM is not supported by current browsers; CSP Level 2 says a browser that sees
 * {@code frame-ancestors} ignores X-Frame-Options anyway.
 *
 * <p><b>Referrer.</b> {@code no-referrer}: an embedded page's URL carries the Shopify session token
 * ({@code id_token}); it must not go to the S3 links and other sites the pages open.
 * <b>Caching.</b> {@code no-store}: pages hold the shop's data and the session's CSRF token.
 * {@code X-Content-Type-Options: nosniff} is set on every answer by {@code quarkus.http.header}
 * (application.properties), assets included.
 */
public class PageHeaders {

    private static final Pattern SHOP = Pattern.compile("[a-z0-9][a-z0-9-]*\\.myshopify\\.com");

    private final CurrentCaller caller;

    public PageHeaders(CurrentCaller caller) {
        this.caller = caller;
    }

    /** The frame-ancestors source list for a shop domain (null: no shop known). */
    static String frameAncestors(String shopDomain) {
        return shopDomain != null && SHOP.matcher(shopDomain).matches()
                ? "https://" + shopDomain + " https://admin.shopify.com" : "'none'";
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (!UiPaths.isPage(request.getUriInfo().getPath())) {
            return;
        }
        String shop = known().map(Caller::shopDomain).orElse(null);
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Content-Security-Policy", "frame-ancestors " + frameAncestors(shop)
                + "; base-uri 'self'; object-src 'none'");
        headers.putSingle("Referrer-Policy", "no-referrer");
        if (!headers.containsKey("Cache-Control")) {
            headers.putSingle("Cache-Control", "no-store");
        }
        if ("https".equalsIgnoreCase(request.getHeaderString("X-Forwarded-Proto"))) {
            headers.putSingle("Strict-Transport-Security", "max-age=31536000");
        }
    }

    private Optional<Caller> known() {
        try {
            return caller.known();
        } catch (jakarta.enterprise.context.ContextNotActiveException e) {
            return Optional.empty();
        }
    }
}
