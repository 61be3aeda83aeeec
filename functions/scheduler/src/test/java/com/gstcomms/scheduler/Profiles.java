package com.gstcomms.scheduler;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The scheduler artifact runs as two Funqy functions; tests pick one as template.yaml does. */
final class Profiles {
    private Profiles() {
    }

    public static class DueMessagesRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.funqy.export", "due-messages");
        }
    }
}
