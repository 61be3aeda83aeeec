package com.gstcomms.reminders;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Small pages, so a test sees a shop's run continue in a second command. */
final class HandlerProfiles {
    private HandlerProfiles() {
    }

    public static class ShopRemindersWithSmallPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gstcomms.reminders.page-size", "2");
        }
    }
}
