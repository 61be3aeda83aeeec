package com.gstcomms.csv;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The same artifact deployed as the chunk worker: QUARKUS_LAMBDA_HANDLER=csv-chunk. */
public class ChunkHandlerProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.lambda.handler", "csv-chunk");
    }
}
