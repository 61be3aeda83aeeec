package com.gstcomms.api.http;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A list answer: {@code {"items":[...],"nextCursor":"..."}}. Lists are ordered newest first by id
 * (ids only grow), and the cursor is the last id seen, opaque to clients; {@code nextCursor} is null on
 * the last page.
 */
@RegisterForReflection
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * The page from {@code rows} fetched with {@code limit + 1}: the extra row only says there is more.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, ToLongFunction<R> id, Function<R, T> toItem) {
        boolean more = rows.size() > limit;
        List<R> page = more ? rows.subList(0, limit) : rows;
        String next = more ? encode(id.applyAsLong(page.getLast())) : null;
        return new Page<>(page.stream().map(toItem).toList(), next);
    }

    public static String encode(long lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("v1:" + lastId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The id to continue below, or {@link Long#MAX_VALUE} for the first page. */
    public static long decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!text.startsWith("v1:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(text.substring(3));
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("cursor", "cursor is not one this API returned; use nextCursor as given");
        }
    }

    public static int limit(Integer requested, int max) {
        if (requested == null) {
            return Math.min(50, max);
        }
        if (requested < 1 || requested > max) {
            throw Problem.invalid("limit", "limit must be between 1 and " + max + ", not " + requested);
        }
        return requested;
    }
}
