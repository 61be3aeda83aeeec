package com.gstcomms.providers.sendgrid;

import com.sendgrid.Client;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

import java.io.IOException;
import java.net.URI;

/**
 * The one client of SendGrid v3 Mail Send ({@code POST /v3/mail/send}, Bearer key), through sendgrid-java
 * 4.10.3: the email function's sending and the API's test message and key check go through here.
 *
 * <p>Its HTTP client gets the configured connect/read timeouts, so a hung SendGrid is given up on instead
 * of eating the function's time. The library's own 429 retry (it sleeps) is not used: {@code api()} is
 * called, not {@code attempt()}; the caller decides what a 429 means (the email function: back to SQS
 * with a backoff).
 */
@ApplicationScoped
public class SendGridMailSend {

    private final CloseableHttpClient http;
    private final Client client;
    private final String host;

    public SendGridMailSend(SendGridApiConfig config) {
        URI base = URI.create(config.baseUrl());
        boolean plainHttp = "http".equalsIgnoreCase(base.getScheme());
        this.host = base.getHost() + (base.getPort() > 0 ? ":" + base.getPort() : "");
        RequestConfig timeouts = RequestConfig.custom()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setConnectionRequestTimeout((int) config.connectTimeout().toMillis())
                .setSocketTimeout((int) config.readTimeout().toMillis())
                .build();
        this.http = HttpClients.custom().setDefaultRequestConfig(timeouts)
                .setMaxConnTotal(20).setMaxConnPerRoute(20).useSystemProperties().build();
        // Client(httpClient, test): test=true means plain http, for a local stand-in.
        this.client = new Client(http, plainHttp);
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
    }

    /**
     * Posts one Mail Send request (the JSON body as SendGrid documents it) with this key.
     *
     * @throws IOException when SendGrid does not answer: connect or read timeout, refused connection, reset
     */
    public SendGridAnswer send(String apiKey, String body) throws IOException {
        SendGrid sendGrid = new SendGrid(apiKey, client);
        sendGrid.setHost(host);
        Request request = new Request();
        request.setMethod(Method.POST);
        request.setEndpoint("mail/send");
        request.setBody(body);
        Response response = sendGrid.api(request);
        return new SendGridAnswer(response.getStatusCode(), response.getHeaders(), response.getBody());
    }

    /**
     * Whether SendGrid accepts the key, without sending anything: Mail Send checks the key before the body,
     * so an empty body answers 400 for a good key and 401/403 for a bad one.
     */
    public SendGridAnswer checkKey(String apiKey) throws IOException {
        return send(apiKey, "{}");
    }
}
