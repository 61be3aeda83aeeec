package com.gstcomms.runtime.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.json.JsonMappers;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The project's JSON settings ({@link JsonMappers}, the one place they are written) on the Quarkus-managed
 * {@code ObjectMapper}, in every function: beans inject that mapper instead of making their own. Among them
 * the number guard: a {@code BigDecimal} field outside {@code Bounded.ANY_NUMBER} (e.g. {@code 1E+999999999})
 * is refused while reading — in the API a 400 naming the field — so no code can reach arithmetic with it
 * even if its own bound were forgotten. The rest are Quarkus' defaults made explicit, so the Lambda events
 * Quarkus reads with this mapper are read as before.
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        JsonMappers.configure(mapper);
    }
}
