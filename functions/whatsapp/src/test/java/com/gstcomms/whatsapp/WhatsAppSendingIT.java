package com.gstcomms.whatsapp;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link WhatsAppSendingTest} against the packaged function: the native binary (-Dnative). */
@QuarkusIntegrationTest
class WhatsAppSendingIT extends WhatsAppSendingTest {
}
