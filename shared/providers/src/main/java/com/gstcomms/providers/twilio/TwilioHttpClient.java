package com.gstcomms.providers.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP client under our TwilioRestClient. Two differences from the SDK's default:
 * <ul>
 *   <li><b>Where</b>: twilio-java 13 builds every URL as {@code https://api.twilio.com/...} and has no
 *       base-URL setting; when {@code gstcomms.twilio.base-url} (or the base given to the constructor) names another place (the local stand-in)
 *       the same request goes there instead.</li>
 *   <li><b>One attempt</b>: the SDK retries 5xx three times itself and Apache HttpClient retries 429/503
 *       once more after a second. Here a create call is made once: the queue does the retrying, with
 *       backoff through the visibility timeout, after the claim was released — a Lambda instance does
 *       not sleep on Twilio's trouble, and the throughput cap counts every request that reaches Twilio.</li>
 * </ul>
 */
public final class TwilioHttpClient extends NetworkHttpClient {

    static final String TWILIO_API = "https://api.twilio.com";

    private final Optional<String> baseUrl;

    public TwilioHttpClient(Optional<String> baseUrl, Duration timeout) {
        super(HttpClientBuilder.create()
                .useSystemProperties()
                .disableAutomaticRetries()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(timeout))
                                .setSocketTimeout(Timeout.of(timeout))
                                .build())
                        // One instance sends one message at a time; tests and the load test drive
                        // several workers through one instance.
                        .setMaxConnPerRoute(64)
                        .setMaxConnTotal(64)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(timeout))
                        .setResponseTimeout(Timeout.of(timeout))
                        .build()));
        this.baseUrl = baseUrl.map(url -> url.replaceAll("/+$", "")).filter(url -> !url.equals(TWILIO_API));
    }

    /** One attempt (see the class comment): the SDK's own retry loop is skipped. */
    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request original) {
        if (baseUrl.isEmpty()) {
            return super.makeRequest(original);
        }
        return super.makeRequest(rewritten(original, baseUrl.get()));
    }

    /** The same request (method, auth, parameters, headers, body) sent to {@code base} instead. */
    static Request rewritten(Request original, String base) {
        Request copy = new Request(original.getMethod(), original.getUrl().replaceFirst("^https://[^/]+", base));
        if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        }
        original.getQueryParams().forEach((name, values) -> values.forEach(v -> copy.addQueryParam(name, v)));
        original.getPostParams().forEach((name, values) -> values.forEach(v -> copy.addPostParam(name, v)));
        original.getHeaderParams().forEach((name, values) -> values.forEach(v -> copy.addHeaderParam(name, v)));
        copy.setUserAgentExtensions(original.getUserAgentExtensions());
        copy.setContentType(original.getContentType());
        if (original.getBody() != null) {
            copy.setBody(original.getBody());
        }
        return copy;
    }
}
