package com.mpac.pgw.provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * HTTP to providers, with the bytes a connector signed sent as they are. Connect and read timeouts bound every call
 * ({@code mpac.pgw.providers.connect-timeout}, {@code read-timeout}); a timeout or refused connection is thrown, and
 * {@link ProviderCalls} makes it a pending outcome.
 */
@Component
public class ProviderHttp {

    private final HttpClient http;
    private final Duration readTimeout;

    ProviderHttp(@Value("${mpac.pgw.providers.connect-timeout:2s}") Duration connectTimeout,
            @Value("${mpac.pgw.providers.read-timeout:10s}") Duration readTimeout) {
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.readTimeout = readTimeout;
    }

    public record Response(int status, String body) {

        public boolean isServerError() {
            return status >= 500;
        }
    }

    public Response send(String method, String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(readTimeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the provider", ex);
        }
    }
}
