package com.gstcomms.scheduler;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The scheduler artifact runs as three functions; tests pick the handler as template.yaml does. */
final class HandlerProfiles {
    private HandlerProfiles() {
    }

    public static class ShopRemindersWithSmallPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "shop-reminders", "gstcomms.reminders.page-size", "2");
        }
    }

    public static class DueMessagesRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "due-messages");
        }
    }
}
