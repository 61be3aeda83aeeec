package com.gstcomms.scheduler;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link DueMessagesHandlerTest} against the packaged function: the native binary (-Dnative), run as the
 * due-messages handler (the profile is repeated here: annotations on the superclass are not inherited).
 */
@QuarkusIntegrationTest
@TestProfile(Profiles.DueMessagesRun.class)
class DueMessagesHandlerIT extends DueMessagesHandlerTest {
}
