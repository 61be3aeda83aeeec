package com.gstcomms.email;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link EmailQueueHandlerTest} against the packaged function: the native binary (-Dnative). */
@QuarkusIntegrationTest
class EmailQueueHandlerIT extends EmailQueueHandlerTest {
}
