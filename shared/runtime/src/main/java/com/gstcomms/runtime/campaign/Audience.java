package com.gstcomms.runtime.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gstcomms.core.json.JsonMappers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Who a campaign goes to — the {@code campaign.audience} JSON:
 * <ul>
 *   <li>{@code {"type":"ALL"}} (or {@code {}}): every customer opted in to the campaign's channel;</li>
 *   <li>{@code {"type":"TAGS","tags":["vip","diwali"]}}: customers with any of the tags;</li>
 *   <li>{@code {"type":"CUSTOMERS","customerIds":[17,42]}}: those customers (at most 10,000 ids).</li>
 * </ul>
 * {@code type} may be left out when {@code tags} or {@code customerIds} is given. A campaign is
 * marketing, so with TAGS and CUSTOMERS a customer who has not opted in to the channel is counted as
 * skipped, never messaged; with ALL they are not part of the audience at all.
 */
public record Audience(Type type, List<String> tags, List<Long> customerIds) {

    public enum Type { ALL, TAGS, CUSTOMERS }

    public static final int MAX_CUSTOMER_IDS = 10_000;
    private static final ObjectMapper JSON = JsonMappers.standard();

    public Audience {
        tags = tags == null ? List.of() : List.copyOf(tags);
        customerIds = customerIds == null ? List.of() : List.copyOf(customerIds);
    }

    /**
     * Reads and checks {@code campaign.audience}.
     *
     * @throws IllegalArgumentException saying which field is wrong (e.g. "audience.tags[2] must be a
     *                                  non-empty string")
     */
    public static Audience parse(String json) {
        JsonNode node;
        try {
            node = json == null || json.isBlank() ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("audience is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("audience must be a JSON object");
        }
        Type type;
        JsonNode typeNode = node.get("type");
        if (typeNode != null && !typeNode.isNull()) {
            try {
                type = Type.valueOf(typeNode.asText().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("audience.type must be one of ALL, TAGS, CUSTOMERS, not '"
                        + typeNode.asText() + "'");
            }
        } else {
            type = node.has("customerIds") ? Type.CUSTOMERS : node.has("tags") ? Type.TAGS : Type.ALL;
        }
        return switch (type) {
            case ALL -> new Audience(Type.ALL, List.of(), List.of());
            case TAGS -> new Audience(Type.TAGS, tags(node.get("tags")), List.of());
            case CUSTOMERS -> new Audience(Type.CUSTOMERS, List.of(), ids(node.get("customerIds")));
        };
    }

    private static List<String> tags(JsonNode tags) {
        if (tags == null || !tags.isArray() || tags.isEmpty()) {
            throw new IllegalArgumentException("audience.tags must be a non-empty list of tags");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            JsonNode tag = tags.get(i);
            if (!tag.isTextual() || tag.asText().isBlank()) {
                throw new IllegalArgumentException("audience.tags[" + i + "] must be a non-empty string");
            }
            out.add(tag.asText().trim());
        }
        return out;
    }

    private static List<Long> ids(JsonNode ids) {
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw new IllegalArgumentException("audience.customerIds must be a non-empty list of customer ids");
        }
        if (ids.size() > MAX_CUSTOMER_IDS) {
            throw new IllegalArgumentException("audience.customerIds has " + ids.size() + " ids; at most "
                    + MAX_CUSTOMER_IDS + " (use tags for bigger audiences)");
        }
        TreeSet<Long> out = new TreeSet<>();   // sorted and distinct: the fan-out pages through them in order
        for (int i = 0; i < ids.size(); i++) {
            JsonNode id = ids.get(i);
            if (!id.canConvertToExactIntegral() || !id.canConvertToLong() || id.asLong() <= 0) {
                throw new IllegalArgumentException("audience.customerIds[" + i + "] must be a positive whole number");
            }
            out.add(id.asLong());
        }
        return List.copyOf(out);
    }
}
