package com.gstcomms.api.ui;

import com.gstcomms.api.http.Problem;
import io.quarkus.qute.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * Errors on the pages are HTML, not problem+json: a signed-out browser is sent to the sign-in page (htmx
 * follows {@code HX-Redirect}); anything else is an alert with every wrong field, swapped into the
 * request's target by htmx (the layout lets 4xx answers swap) or shown as a page of its own.
 */
@ApplicationScoped
public class PageProblems {

    private final Engine engine;

    public PageProblems(Engine engine) {
        this.engine = engine;
    }

    /** One line for a list of outcomes: the detail and every wrong field. */
    public static String describe(Problem problem) {
        Problem.Body body = problem.body(null);
        if (body.errors() == null || body.errors().isEmpty()) {
            return body.detail();
        }
        return String.join("; ", body.errors().stream().map(e -> e.field() + ": " + e.message()).toList());
    }

    public Response answer(Problem problem, String path, boolean htmx) {
        if (problem.status() == 401) {
            return htmx ? Response.status(401).header("HX-Redirect", UiPaths.SIGN_IN).build()
                    : Response.seeOther(URI.create(UiPaths.SIGN_IN)).build();
        }
        Problem.Body body = problem.body(path);
        Response.ResponseBuilder builder = Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(engine.getTemplate("ui/problem").data("problem", body).data("whole", !htmx).render());
        problem.headers().forEach((name, value) -> {
            if (!name.equals("WWW-Authenticate")) {
                builder.header(name, value);
            }
        });
        return builder.build();
    }
}
