package com.gstcomms.invoicepdf;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RenderQueueHandlerTest} against the packaged function: the native binary (-Dnative). */
@QuarkusIntegrationTest
class RenderQueueHandlerIT extends RenderQueueHandlerTest {
}
