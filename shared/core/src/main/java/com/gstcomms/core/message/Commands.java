package com.gstcomms.core.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.gstcomms.core.json.JsonMappers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads and writes {@link Command}s as the JSON bodies of SQS messages.
 *
 * <p>{@link #fromJson(String)} checks, in order, and fails with an {@link InvalidCommandException}
 * that says which: the body is a JSON object; it has a known {@code type}; its {@code version}
 * is the one this build reads; every required field is present; the values pass the command's
 * own checks (positive ids, non-blank S3 keys). Unknown extra fields are ignored, so a producer
 * can add an optional field without a version change. Null fields are left out when writing.
 *
 * <p>This class uses its own private {@link ObjectMapper}, so the contract does not depend on
 * how a function configures Jackson. For a native image, register {@link #REFLECTION_CLASSES}
 * (the records in {@link #ALL_TYPES} plus {@link Command} and {@link Channel}) for reflection.
 */
public final class Commands {

    /** Every command record, for reflection registration in native images. */
    public static final List<Class<? extends Command>> ALL_TYPES = List.of(
            RenderInvoice.class, RenderLabels.class, SendEmail.class, SendWhatsApp.class, ProcessCsvChunk.class,
            RunReminders.class);

    /** {@link #ALL_TYPES} plus the types they reference. */
    public static final List<Class<?>> REFLECTION_CLASSES = Stream.concat(
            ALL_TYPES.stream(), Stream.of(Command.class, Channel.class)).toList();

    /** Type name → the version of it this build reads and writes. */
    public static final Map<String, Integer> VERSIONS;

    static {
        Map<String, Integer> versions = new LinkedHashMap<>();
        versions.put(RenderInvoice.TYPE, RenderInvoice.VERSION);
        versions.put(RenderLabels.TYPE, RenderLabels.VERSION);
        versions.put(SendEmail.TYPE, SendEmail.VERSION);
        versions.put(SendWhatsApp.TYPE, SendWhatsApp.VERSION);
        versions.put(ProcessCsvChunk.TYPE, ProcessCsvChunk.VERSION);
        versions.put(RunReminders.TYPE, RunReminders.VERSION);
        VERSIONS = Collections.unmodifiableMap(versions);
    }

    /** The project's settings ({@link JsonMappers}) and the contract's own: no nulls written, none read into primitives. */
    private static final ObjectMapper MAPPER = JsonMappers.standard()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));

    private static final Pattern QUOTED_NAME = Pattern.compile("'([^']+)'");

    private Commands() {
    }

    public static String toJson(Command command) {
        Objects.requireNonNull(command, "command");
        try {
            return MAPPER.writerFor(Command.class).writeValueAsString(command);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + command.type() + " as JSON", e);
        }
    }

    /**
     * @throws InvalidCommandException saying what is wrong with the body
     */
    public static Command fromJson(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidCommandException("command body is empty");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidCommandException("command body is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidCommandException("command body must be a JSON object");
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new InvalidCommandException("command has no 'type'; known types: " + VERSIONS.keySet());
        }
        String type = typeNode.asText();
        Integer supported = VERSIONS.get(type);
        if (supported == null) {
            throw new InvalidCommandException("unknown command type '" + type + "'; known types: " + VERSIONS.keySet());
        }
        JsonNode versionNode = node.get("version");
        if (versionNode == null || !versionNode.canConvertToExactIntegral() || !versionNode.canConvertToInt()) {
            throw new InvalidCommandException(type + " has no whole-number 'version'");
        }
        if (versionNode.asInt() != supported) {
            throw new InvalidCommandException("unsupported version " + versionNode.asInt() + " of command type '"
                    + type + "'; this build reads version " + supported);
        }
        String what = type + " v" + supported;
        try {
            return MAPPER.treeToValue(node, Command.class);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InvalidCommandException(what + ": " + cause.getMessage(), e);
        } catch (MismatchedInputException e) {
            String message = e.getOriginalMessage();
            if (message.startsWith("Missing required creator property")) {
                Matcher m = QUOTED_NAME.matcher(message);
                String field = m.find() ? m.group(1) : "?";
                throw new InvalidCommandException(what + ": missing required field '" + field + "'", e);
            }
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("");
            throw new InvalidCommandException(what + ": field '" + path + "' is wrong: " + message, e);
        } catch (JsonProcessingException e) {
            throw new InvalidCommandException(what + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a command that must be of one type, e.g. in a worker that only handles
     * {@link SendEmail}.
     *
     * @throws InvalidCommandException if the body is invalid or another type
     */
    public static <T extends Command> T fromJson(String json, Class<T> expected) {
        Command command = fromJson(json);
        if (!expected.isInstance(command)) {
            throw new InvalidCommandException("expected a " + typeName(expected) + " command, found " + command.type());
        }
        return expected.cast(command);
    }

    private static String typeName(Class<? extends Command> type) {
        return switch (type.getSimpleName()) {
            case "RenderInvoice" -> RenderInvoice.TYPE;
            case "RenderLabels" -> RenderLabels.TYPE;
            case "SendEmail" -> SendEmail.TYPE;
            case "SendWhatsApp" -> SendWhatsApp.TYPE;
            case "ProcessCsvChunk" -> ProcessCsvChunk.TYPE;
            case "RunReminders" -> RunReminders.TYPE;
            default -> type.getSimpleName();
        };
    }
}
