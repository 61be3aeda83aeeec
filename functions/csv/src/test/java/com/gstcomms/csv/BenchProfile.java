package com.gstcomms.csv;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The benchmark: production chunk size; the upload arrives at csv-split through the mock event server. */
public class BenchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.lambda.handler", "csv-split", "gstcomms.csv.chunk-rows", "1000",
                "quarkus.log.category.\"com.gstcomms\".level", "WARN");
    }
}
