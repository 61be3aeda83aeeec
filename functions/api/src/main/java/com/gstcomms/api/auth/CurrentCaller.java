package com.gstcomms.api.auth;

import com.gstcomms.api.http.Problem;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, set by {@link CallerAuthentication} before the resource runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;
    private String csrfToken;
    private String bearerToken;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** How a page passes this request's credentials on to its own htmx requests (either may be null). */
    void setPageCredentials(String csrfToken, String bearerToken) {
        this.csrfToken = csrfToken;
        this.bearerToken = bearerToken;
    }

    /** The CSRF token of a cookie session (null otherwise): the pages send it back as X-CSRF-Token. */
    public String csrfToken() {
        return csrfToken;
    }

    /** The Shopify session token of an embedded page (null otherwise): sent back as Authorization. */
    public String bearerToken() {
        return bearerToken;
    }

    public Caller get() {
        if (caller == null) {
            throw Problem.unauthorized("This call needs a Shopify session token or an X-Api-Key");
        }
        return caller;
    }

    /** The caller when this request was authenticated (empty on public pages and refused requests). */
    public java.util.Optional<Caller> known() {
        return java.util.Optional.ofNullable(caller);
    }

    public long shopId() {
        return get().shopId();
    }
}
