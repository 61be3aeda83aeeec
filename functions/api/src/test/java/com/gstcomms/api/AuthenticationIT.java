package com.gstcomms.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AuthenticationTest} against the packaged function: the native binary (-Dnative). */
@QuarkusIntegrationTest
class AuthenticationIT extends AuthenticationTest {
}
