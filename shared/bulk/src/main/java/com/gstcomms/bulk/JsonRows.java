package com.gstcomms.bulk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Builds the JSON array of objects that a batch statement reads with {@code json_to_recordset}: one
 * text parameter for a whole chunk instead of a statement per row.
 */
public final class JsonRows {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final StringWriter text = new StringWriter(16 * 1024);
    private final JsonGenerator json;
    private boolean inRow;
    private int rows;
    private String finished;

    public JsonRows() {
        try {
            json = FACTORY.createGenerator(text);
            json.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonRows row() {
        try {
            if (inRow) {
                json.writeEndObject();
            }
            json.writeStartObject();
            inRow = true;
            rows++;
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonRows put(String name, String value) {
        try {
            if (value == null) {
                json.writeNullField(name);
            } else {
                json.writeStringField(name, value);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonRows put(String name, Long value) {
        try {
            if (value == null) {
                json.writeNullField(name);
            } else {
                json.writeNumberField(name, value);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonRows put(String name, long value) {
        return put(name, Long.valueOf(value));
    }

    public JsonRows put(String name, BigDecimal value) {
        try {
            if (value == null) {
                json.writeNullField(name);
            } else {
                json.writeNumberField(name, value);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonRows put(String name, boolean value) {
        try {
            json.writeBooleanField(name, value);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonRows put(String name, List<String> values) {
        try {
            json.writeArrayFieldStart(name);
            for (String value : values) {
                json.writeString(value);
            }
            json.writeEndArray();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return rows;
    }

    /** The array as text; the builder is finished after the first call. */
    public String json() {
        if (finished != null) {
            return finished;
        }
        try {
            if (inRow) {
                json.writeEndObject();
                inRow = false;
            }
            json.writeEndArray();
            json.close();
            finished = text.toString();
            return finished;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
