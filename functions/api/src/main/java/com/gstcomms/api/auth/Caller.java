package com.gstcomms.api.auth;

import com.gstcomms.runtime.data.ApiKey.Role;

/**
 * Who is calling: always exactly one shop. {@code actorType} is SESSION (a Shopify session token) or
 * API_KEY; {@code actor} names the user or key for the audit log, never the secret itself.
 */
public record Caller(long shopId, String shopDomain, Role role, String actorType, String actor) {

    /** OWNER may do everything, STAFF may send, run bulk jobs and read, VIEWER may only read. */
    public boolean mayAct(Role required) {
        return rank(role) >= rank(required);
    }

    private static int rank(Role role) {
        return switch (role) {
            case VIEWER -> 0;
            case STAFF -> 1;
            case OWNER -> 2;
        };
    }
}
