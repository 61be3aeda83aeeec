package com.gstcomms.testing;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * Twilio 13's SDK builds every URL as https://{domain}.twilio.com/...; this client sends the same
 * request to the stand-in instead. (Test scope only: a function owns its own Twilio client.)
 */
final class StandInTwilioHttpClient extends HttpClient {

    private final NetworkHttpClient network = new NetworkHttpClient();
    private final String baseUrl;

    StandInTwilioHttpClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public Response makeRequest(Request original) {
        String rewritten = original.getUrl().replaceFirst("^https://[^/]+", baseUrl);
        Request copy = new Request(original.getMethod(), rewritten);
        if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        }
        original.getQueryParams().forEach((name, values) -> values.forEach(v -> copy.addQueryParam(name, v)));
        original.getPostParams().forEach((name, values) -> values.forEach(v -> copy.addPostParam(name, v)));
        original.getHeaderParams().forEach((name, values) -> values.forEach(v -> copy.addHeaderParam(name, v)));
        copy.setContentType(original.getContentType());
        if (original.getBody() != null) {
            copy.setBody(original.getBody());
        }
        return network.makeRequest(copy);
    }
}
