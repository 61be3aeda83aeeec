package com.gstcomms.core.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import com.gstcomms.core.validation.JsonNumbers;

/**
 * The project's JSON settings, written once. The Quarkus functions get them on the Quarkus-managed
 * {@code ObjectMapper} (shared/runtime's {@code JsonSettings} customizer calls {@link #configure}; beans
 * inject that mapper); plain Java (the command contracts, the stand-ins, the local cloud, static
 * helpers outside CDI) takes {@link #standard()}. The settings are Quarkus' own defaults made explicit,
 * so both mappers write and read alike:
 *
 * <ul>
 *   <li>java.time values as ISO-8601 text ({@code "2026-11-25T10:15:00+05:30"}, {@code "2026-11-25"}),
 *       never as numbers; {@code Optional} as its value; record and constructor parameters by name;</li>
 *   <li>unknown properties are ignored when reading (a newer writer may add fields) — except where a
 *       function's configuration says otherwise (the API refuses unknown request fields);</li>
 *   <li>every {@code BigDecimal} read is bounded and a number's text is capped ({@link JsonNumbers}).</li>
 * </ul>
 * A contract with stricter rules of its own (the SQS commands: no nulls written, no null primitives read)
 * adds them on top of {@link #standard()}.
 */
public final class JsonMappers {

    private JsonMappers() {
    }

    /** A new mapper with the project's settings, unknown properties ignored (Quarkus' default). */
    public static JsonMapper standard() {
        JsonMapper mapper = configure(new JsonMapper());
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return mapper;
    }

    /**
     * Applies the project's settings to {@code mapper} (also the Quarkus-managed one); returns it. Unknown
     * properties are left as the mapper has them: Quarkus sets them from
     * {@code quarkus.jackson.fail-on-unknown-properties}, which the API turns on so that a misspelt request
     * field is a 400 rather than silently ignored (Quarkus' Lambda event reader ignores them either way).
     */
    public static <M extends ObjectMapper> M configure(M mapper) {
        mapper.registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .registerModule(new ParameterNamesModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        JsonNumbers.guard(mapper);
        return mapper;
    }
}
