package com.gstcomms.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * An error answer as {@code application/problem+json} (RFC 9457). Thrown anywhere in a request; the
 * mapper writes it. {@code errors} lists every wrong input field, so a form can mark them all at once.
 */
public class Problem extends RuntimeException {

    public static final String MEDIA_TYPE = "application/problem+json";

    private final int status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public Problem(int status, String slug, String title, String detail, List<FieldError> errors,
                   Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static Problem invalid(List<FieldError> errors) {
        String detail = errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid; see errors";
        return new Problem(400, "validation-failed", "Invalid request", detail, errors, null);
    }

    public static Problem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "Bad request", detail, null, null);
    }

    public static Problem unauthorized(String detail) {
        return new Problem(401, "unauthorized", "Not authenticated", detail, null,
                Map.of("WWW-Authenticate", "Bearer"));
    }

    public static Problem forbidden(String detail) {
        return new Problem(403, "forbidden", "Not allowed", detail, null, null);
    }

    /** The same answer for "absent" and "another shop's": ids of other shops are not even confirmed to exist. */
    public static Problem notFound(String what, Object id) {
        return new Problem(404, "not-found", "Not found", what + " " + id + " was not found", null, null);
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "conflict", "Conflict", detail, null, null);
    }

    public static Problem unprocessable(String detail) {
        return new Problem(422, "unprocessable", "Cannot be done", detail, null, null);
    }

    /** {@code why}: whose limit was reached (the caller's share or the shop's), without the retry time. */
    public static Problem tooManyRequests(long retryAfterSeconds, String why) {
        return new Problem(429, "rate-limited", "Too many requests",
                why + "; retry after " + retryAfterSeconds + " s",
                null, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static Problem unavailable(String detail) {
        return new Problem(503, "unavailable", "Temporarily unavailable", detail, null, Map.of("Retry-After", "5"));
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Body body(String instance) {
        return new Body("https://gstcomms.app/problems/" + slug, title, status, getMessage(), instance,
                errors.isEmpty() ? null : errors);
    }

    /** One wrong input: where ({@code lines[2].hsnSac}) and what is wrong with it. */
    @RegisterForReflection
    @io.quarkus.qute.TemplateData
    public record FieldError(String field, String message) {
    }

    @RegisterForReflection
    @io.quarkus.qute.TemplateData
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Body(String type, String title, int status, String detail, String instance,
                       List<FieldError> errors) {
    }
}
