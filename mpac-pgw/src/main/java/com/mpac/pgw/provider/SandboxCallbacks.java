package com.mpac.pgw.provider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * How the provider sandboxes call the gateway back, as the real providers would: over HTTP, so the gateway's own
 * verification of webhooks and callbacks runs exactly as in production.
 */
@Component
public class SandboxCallbacks {

    private final Environment environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SandboxCallbacks(Environment environment) {
        this.environment = environment;
    }

    /** POSTs to this gateway (its port as it actually listens); the HTTP status, or 0 if it could not be sent. */
    public int postToGateway(String path, Map<String, String> headers, String body) {
        return post("http://127.0.0.1:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8083")) + path, headers, body);
    }

    /** POSTs to a URL a merchant's request named (LINE Pay's confirmUrl). */
    public int post(String url, Map<String, String> headers, String body) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        catch (IllegalArgumentException ex) {
            return 0;
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException ex) {
            return 0;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
