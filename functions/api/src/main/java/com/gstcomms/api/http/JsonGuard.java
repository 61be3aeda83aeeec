package com.gstcomms.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.validation.JsonNumbers;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Every request body is read with shared/core's number guard: a {@code BigDecimal} field outside
 * {@code Bounded.ANY_NUMBER} (e.g. {@code 1E+999999999}) is refused while reading, as a 400 naming the
 * field, so no endpoint can reach arithmetic with it even if its own bound were forgotten.
 */
@Singleton
public class JsonGuard implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        JsonNumbers.guard(mapper);
    }
}
