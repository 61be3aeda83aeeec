package com.gstcomms.csv;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link ImportUploadHandlerTest} against the packaged function (csv-split): the native binary (-Dnative). */
@QuarkusIntegrationTest
class ImportUploadHandlerIT extends ImportUploadHandlerTest {
}
