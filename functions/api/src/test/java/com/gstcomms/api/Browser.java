package com.gstcomms.api;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser does with the pages, through the Lambda mock event server: signs in with an API key, keeps
 * the session cookie, reads the CSRF token the layout hands to htmx and sends it back on posts.
 */
public final class Browser {

    private static final Pattern CSRF = Pattern.compile("X-CSRF-Token&quot;:&quot;([A-Za-z0-9_-]+)&quot;");

    private final String cookie;
    private String csrf;

    private Browser(String cookie) {
        this.cookie = cookie;
    }

    public static Response postSignIn(String apiKey) {
        return given().port(Api.LAMBDA_PORT).redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("apiKey", apiKey).when().post("/ui/sign-in");
    }

    /** Signs in with {@code apiKey} and opens the Notification Center (which hands out the CSRF token). */
    public static Browser signIn(String apiKey) {
        Response answer = postSignIn(apiKey);
        assertThat(answer.statusCode()).as("sign-in answer").isEqualTo(303);
        Browser browser = new Browser(answer.getCookie("gc_ui"));
        browser.open("/ui/notifications");
        return browser;
    }

    public String cookie() {
        return cookie;
    }

    /** GET of a page; remembers the CSRF token it carries. */
    public Response open(String path) {
        Response page = request().when().get(path);
        Matcher m = CSRF.matcher(page.asString());
        if (m.find()) {
            csrf = m.group(1);
        }
        keep(path, page.asString());
        return page;
    }

    /**
     * With {@code -Dui.pages.dir=DIR} every page opened is also written there (to look at it in a browser,
     * e.g. chromium --headless --screenshot at 390 and 1280 px wide).
     */
    private static void keep(String path, String html) {
        String dir = System.getProperty("ui.pages.dir");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            java.nio.file.Path target = java.nio.file.Path.of(dir, path.replaceAll("[^A-Za-z0-9]+", "_") + ".html");
            java.nio.file.Files.createDirectories(target.getParent());
            java.nio.file.Files.writeString(target, html);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An htmx request: the cookie, HX-Request and the CSRF token (add form params to it). */
    public RequestSpecification htmx() {
        assertThat(csrf).as("CSRF token from a page").isNotNull();
        return request().header("HX-Request", "true").header("X-CSRF-Token", csrf)
                .contentType("application/x-www-form-urlencoded");
    }

    /** The same request without the CSRF token, as another site's form would send it. */
    public RequestSpecification withoutCsrf() {
        return request().header("HX-Request", "true").contentType("application/x-www-form-urlencoded");
    }

    public RequestSpecification request() {
        return given().port(Api.LAMBDA_PORT).redirects().follow(false).cookie("gc_ui", cookie);
    }
}
