package com.gstcomms.core.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * The JSON reader's guard for numbers, so that no request field can forget its bound: every
 * {@link BigDecimal} read from JSON must lie within {@link Bounded#ANY_NUMBER}, else the field is refused
 * as an {@link InvalidFormatException} (a 400 naming it, in the API). Jackson itself reads
 * {@code 1E+999999999} happily into a tiny BigDecimal; only later arithmetic explodes (see {@link Bounded}).
 * Each field still has its own, narrower {@link Bounded} rule.
 *
 * <p>Also caps a number's text at {@value #MAX_NUMBER_LENGTH} characters (Jackson's
 * {@link StreamReadConstraints}; its default is 1000 digits).
 */
public final class JsonNumbers extends SimpleModule {

    public static final int MAX_NUMBER_LENGTH = 100;

    public JsonNumbers() {
        super("gstcomms-json-numbers");
        addDeserializer(BigDecimal.class, new Guard());
    }

    /** Registers the module and the number length cap on {@code mapper}; returns it. */
    public static ObjectMapper guard(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_LENGTH).build());
        return mapper.registerModule(new JsonNumbers());
    }

    static final class Guard extends NumberDeserializers.BigDecimalDeserializer {

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigDecimal value = super.deserialize(p, ctxt);
            if (value != null) {
                Validated<BigDecimal> checked = Bounded.ANY_NUMBER.check(value);
                if (checked instanceof Validated.Invalid<BigDecimal> bad) {
                    throw new InvalidFormatException(p, bad.reason(), value, BigDecimal.class);
                }
            }
            return value;
        }
    }
}
