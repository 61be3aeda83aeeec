package com.gstcomms.api.auth;

import com.gstcomms.api.http.Problem;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, set by {@link CallerAuthentication} before the resource runs. */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw Problem.unauthorized("This call needs a Shopify session token or an X-Api-Key");
        }
        return caller;
    }

    public long shopId() {
        return get().shopId();
    }
}
