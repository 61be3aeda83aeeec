package com.gstcomms.csv;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The same artifact deployed for exports and bulk status: QUARKUS_LAMBDA_HANDLER=csv-job. */
public class JobHandlerProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.lambda.handler", "csv-job");
    }
}
