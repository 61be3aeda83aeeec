package com.gstcomms.api.auth;

import com.gstcomms.runtime.data.ApiKey.Role;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role that may make this call (on a method, or on a resource class for all its methods).
 * A call with neither this nor {@link Unauthenticated} is refused: forgetting it fails closed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {
    Role value();
}
