package com.gstcomms.api.ui;

import com.gstcomms.api.auth.Allowed;
import com.gstcomms.api.auth.ApiKeys;
import com.gstcomms.api.auth.Unauthenticated;
import com.gstcomms.api.http.Problem;
import com.gstcomms.runtime.data.ApiKey;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.net.URI;

import static com.gstcomms.runtime.data.ApiKey.Role.VIEWER;
import static com.gstcomms.runtime.work.Transactions.inSession;

/**
 * Signing in to the pages with an API key (outside Shopify): the key is checked like an X-Api-Key and
 * answered with the session cookie of {@link UiSessions} (HttpOnly, SameSite=Strict, Secure behind https,
 * scoped to /ui). Embedded in Shopify the pages need no sign-in: they get the session token.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    private final Pages pages;
    private final UiSessions sessions;

    private final Clock clock;

    public SignInResource(Pages pages, UiSessions sessions, Clock clock) {
        this.pages = pages;
        this.sessions = sessions;
        this.clock = clock;
    }

    @GET
    @Allowed(VIEWER)
    public Response home() {
        return Response.seeOther(URI.create(UiPaths.HOME)).build();
    }

    @GET
    @Path("/sign-in")
    @Unauthenticated
    public TemplateInstance form() {
        return pages.signedOut("ui/sign-in", "Sign in").data("error", null);
    }

    @POST
    @Path("/sign-in")
    @Unauthenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("apiKey") String apiKey, @HeaderParam("X-Forwarded-Proto") String proto,
                           @HeaderParam("Sec-Fetch-Site") String fetchSite) {
        if ("cross-site".equalsIgnoreCase(fetchSite)) {
            // Login CSRF: another site must not sign this browser in to a shop of the attacker's choosing.
            throw Problem.forbidden("Sign in from this app's own sign-in page");
        }
        String key = apiKey == null ? "" : apiKey.strip();
        ApiKey row = key.isEmpty() ? null : inSession(() -> ApiKey.<ApiKey>find("keyHash = ?1 and revokedAt is null",
                ApiKeys.hash(key)).firstResult());
        if (row == null || row.expired(clock)) {
            String error = key.isEmpty() ? "Enter your API key (it starts with gc_live_)."
                    : row == null ? "That API key is not valid (unknown or revoked)."
                    : "That API key has expired; the shop owner can renew it (POST /v1/api-keys/" + row.id + "/renew).";
            return Response.status(401).type(MediaType.TEXT_HTML)
                    .entity(pages.signedOut("ui/sign-in", "Sign in").data("error", error)).build();
        }
        return Response.seeOther(URI.create(UiPaths.HOME))
                .cookie(cookie(sessions.open(row), (int) UiSessions.LIFETIME.toSeconds(), proto)).build();
    }

    /**
     * Ends the session on the server (its row is revoked: the same cookie, wherever it was copied to, is
     * refused from now on) and forgets the cookie in this browser; htmx is sent back to the sign-in page.
     */
    @POST
    @Path("/sign-out")
    @Allowed(VIEWER)
    public Response signOut(@HeaderParam("X-Forwarded-Proto") String proto, @CookieParam(UiSessions.COOKIE) String session) {
        sessions.revoke(session);
        return Response.noContent().header("HX-Redirect", UiPaths.SIGN_IN).cookie(cookie("", 0, proto)).build();
    }

    private static NewCookie cookie(String value, int maxAge, String proto) {
        return new NewCookie.Builder(UiSessions.COOKIE).value(value).path(UiPaths.ROOT).maxAge(maxAge)
                .httpOnly(true).secure("https".equalsIgnoreCase(proto)).sameSite(NewCookie.SameSite.STRICT).build();
    }
}
