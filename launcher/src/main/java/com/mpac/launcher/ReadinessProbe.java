package com.mpac.launcher;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks a service's actuator how it is, over plain HTTP on localhost. */
final class ReadinessProbe {

    static final String READINESS_PATH = "/actuator/health/readiness";
    static final String HEALTH_PATH = "/actuator/health";

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    /**
     * What one request found.
     *
     * @param listening false when nothing accepted the connection (the service is not running, or not yet)
     * @param httpStatus the HTTP status, 0 when there was no answer
     * @param healthStatus the actuator's {@code status} (UP, DOWN, OUT_OF_SERVICE...), or null
     * @param detail a short human explanation when the answer is not a plain UP
     */
    record Answer(boolean listening, int httpStatus, String healthStatus, String detail) {

        boolean isUp() {
            return httpStatus == 200 && "UP".equals(healthStatus);
        }
    }

    private final HttpClient client;
    private final Duration requestTimeout;

    ReadinessProbe(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder().connectTimeout(requestTimeout)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    CompletableFuture<Answer> ask(String baseUrl, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(requestTimeout)
                .header("Accept", "application/json").GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(ReadinessProbe::answer)
                .exceptionally(ReadinessProbe::noAnswer);
    }

    private static Answer answer(HttpResponse<String> response) {
        Matcher matcher = STATUS.matcher(response.body());
        String health = matcher.find() ? matcher.group(1) : null;
        String detail = switch (response.statusCode()) {
            case 200 -> health == null ? "HTTP 200 without a health status" : null;
            case 401, 403 -> "HTTP " + response.statusCode()
                    + ": the health endpoint must be open to anonymous requests";
            case 404 -> "HTTP 404: no actuator health probes (management.endpoint.health.probes.enabled)";
            default -> "HTTP " + response.statusCode() + (health == null ? "" : " " + health);
        };
        return new Answer(true, response.statusCode(), health, detail);
    }

    private static Answer noAnswer(Throwable failure) {
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        if (cause instanceof ConnectException) {
            return new Answer(false, 0, null, "not listening");
        }
        if (cause instanceof HttpTimeoutException) {
            return new Answer(true, 0, null, "no answer in time");
        }
        String message = cause instanceof IOException && cause.getMessage() != null ? cause.getMessage()
                : cause.getClass().getSimpleName();
        return new Answer(true, 0, null, message);
    }
}
