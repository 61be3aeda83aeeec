package com.gstcomms.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.json.JsonMappers;
import com.gstcomms.core.money.Money;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON columns (jsonb as String) and the API's value formats: money "1234.50", times with offset. */
public final class Json {

    /** Static (used outside beans too), so the factory's mapper: the same settings as the injected one. */
    private static final ObjectMapper MAPPER = JsonMappers.standard();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    public static Map<String, Object> map(String json) {
        try {
            return json == null || json.isBlank() ? new LinkedHashMap<>()
                    : MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored JSON is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** 18.00 → 18, 2.50 → 2.5, 10 → 10 (never 1E+1). */
    public static java.math.BigDecimal plain(java.math.BigDecimal n) {
        if (n == null) {
            return null;
        }
        java.math.BigDecimal s = n.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    public static String money(long paise) {
        return Money.ofPaise(paise).toString();
    }

    /** Times leave with an explicit offset; rows read back in the JVM's zone are shown in UTC. */
    public static OffsetDateTime time(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
