package com.gstcomms.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import com.gstcomms.api.ui.PageProblems;
import com.gstcomms.api.ui.UiPaths;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/** Every error leaves as application/problem+json; nothing internal (stack, SQL, secrets) is shown. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final PageProblems pages;

    public ProblemMappers(PageProblems pages) {
        this.pages = pages;
    }

    @ServerExceptionMapper
    public Response problem(Problem problem, UriInfo uri, HttpHeaders headers) {
        if (uri != null && UiPaths.isPage(uri.getPath())) {
            return pages.answer(problem, uri.getPath(), headers.getHeaderString("HX-Request") != null);
        }
        return write(problem, uri);
    }

    /** Unreadable JSON or a value of the wrong type: say where, as a field error. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String parent = path(unknown.getPath().subList(0, Math.max(0, unknown.getPath().size() - 1)));
            String field = (parent.isEmpty() ? "" : parent + ".") + unknown.getPropertyName();
            return write(Problem.invalid(field, "unknown field '" + unknown.getPropertyName() + "'"), uri);
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping.getPath());
            String message = e instanceof UnrecognizedPropertyException ? "unknown field"
                    : e instanceof InvalidFormatException bad && bad.getValue() instanceof java.math.BigDecimal
                    ? e.getOriginalMessage() // the number guard's reason (shared/core JsonNumbers): the range
                    : e instanceof InvalidFormatException bad
                    ? "'" + bad.getValue() + "' is not a valid " + bad.getTargetType().getSimpleName()
                    : "has the wrong type or shape";
            return write(Problem.invalid(field, message), uri);
        }
        return write(Problem.badRequest("The body is not valid JSON: " + e.getOriginalMessage()), uri);
    }

    /** More specific than quarkus-rest-jackson's own mapper, so these answers are problem+json too. */
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response wrongFormat(InvalidFormatException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e instanceof NotFoundException) {
            return write(new Problem(404, "not-found", "Not found", "No such resource: " + uri.getPath(), null, null), uri);
        }
        if (e instanceof NotAllowedException) {
            return write(new Problem(405, "method-not-allowed", "Method not allowed",
                    "This resource does not accept that method", null, null), uri);
        }
        if (e instanceof NotSupportedException) {
            return write(new Problem(415, "unsupported-media-type", "Unsupported media type",
                    "Send the body as application/json", null, null), uri);
        }
        if (status >= 500) {
            LOG.errorf(e, "request %s failed", uri.getPath());
            return write(new Problem(status, "server-error", "Server error", "The request could not be completed",
                    null, null), uri);
        }
        return write(new Problem(status, "http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(),
                e.getMessage(), null, null), uri);
    }

    /** A bug or an outage: logged with its stack, answered without details. */
    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "request %s failed", uri.getPath());
        return write(new Problem(500, "server-error", "Server error",
                "The request could not be completed; it is safe to retry with the same Idempotency-Key", null, null), uri);
    }

    Response write(Problem problem, UriInfo uri) {
        if (uri != null && UiPaths.isPage(uri.getPath())) {
            return pages.answer(problem, uri.getPath(), false);
        }
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.body(uri == null ? null : uri.getPath()));
        problem.headers().forEach(builder::header);
        return builder.build();
    }

    private static String path(List<JsonMappingException.Reference> path) {
        return path.stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
