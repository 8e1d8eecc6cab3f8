package com.mpac.testsupport.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Sends hostile requests to a booted service with a caller's valid credentials and checks every answer: never a
 * 5xx; a 4xx in the service's error shape that wrote nothing; a 2xx only for variants that are legitimately valid.
 */
public final class HostileRun {

    /** Headers the JDK client will not let a caller set; the authenticator never needs them. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final String service;
    private final String baseUrl;
    private final Authenticator authenticator;
    private final ErrorShape errorShape;
    private final TableSnapshots snapshots;
    private Predicate<HostileRequest> documentedSuccess = request -> false;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public HostileRun(String service, String baseUrl, Authenticator authenticator, ErrorShape errorShape,
            TableSnapshots snapshots) {
        this.service = service;
        this.baseUrl = baseUrl;
        this.authenticator = authenticator;
        this.errorShape = errorShape;
        this.snapshots = snapshots;
    }

    /** Variants the service documents as valid although the generator expects a refusal. */
    public HostileRun documentedSuccess(Predicate<HostileRequest> predicate) {
        this.documentedSuccess = predicate;
        return this;
    }

    public HostileReport run(List<HostileRequest> requests) {
        List<HostileReport.Failure> failures = new ArrayList<>();
        Set<String> operations = new LinkedHashSet<>();
        Map<String, String> before = snapshots == null ? Map.of() : snapshots.take();
        int sent = 0;
        int containerRefusals = 0;
        for (HostileRequest hostile : requests) {
            operations.add(hostile.operation());
            HostileRequest request = authenticator.authenticate(hostile);
            Answer answer = send(request);
            sent++;
            int status = answer.status();
            if (status < 0 || status >= 500) {
                failures.add(HostileReport.Failure.of(request, status, "server error", answer.body()));
            }
            else if (status < 400) {
                if (!request.mayBeValid() && !documentedSuccess.test(request)) {
                    failures.add(HostileReport.Failure.of(request, status, "accepted", answer.body()));
                }
            }
            else if (refusedByContainer(answer)) {
                containerRefusals++;
            }
            else {
                Optional<String> mismatch = errorShape.mismatch(status, answer.contentType(), answer.body());
                mismatch.ifPresent(reason -> failures.add(
                        HostileReport.Failure.of(request, status, "error shape: " + reason, answer.body())));
            }
            if (snapshots != null) {
                Map<String, String> after = snapshots.take();
                if (status >= 400) {
                    List<String> changed = TableSnapshots.changed(before, after);
                    if (!changed.isEmpty()) {
                        failures.add(HostileReport.Failure.of(request, status, "wrote to " + changed, answer.body()));
                    }
                }
                before = after;
            }
        }
        return new HostileReport(service, sent, operations.size(), containerRefusals, failures,
                snapshots == null ? Map.of() : snapshots.excluded());
    }

    /**
     * A 400 that Tomcat (an encoded slash or NUL, invalid UTF-8, a request line over 8 KB) or Spring Security's
     * firewall answered before any controller or advice ran, in the container's own HTML or Boot's default error
     * JSON. Counted apart: still a refusal that wrote nothing (the snapshot checks it), but not in the service's shape.
     */
    private static boolean refusedByContainer(Answer answer) {
        String body = answer.body() == null ? "" : answer.body();
        String type = answer.contentType() == null ? "" : answer.contentType();
        return answer.status() == 400 && ((type.startsWith("text/html") && body.contains("HTTP Status 400"))
                || (type.startsWith("application/json") && body.startsWith("{\"timestamp\"")
                        && body.contains("\"error\":\"Bad Request\"")));
    }

    private record Answer(int status, String contentType, String body) {
    }

    private Answer send(HostileRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.pathAndQuery()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        }
        catch (IOException ex) {
            return new Answer(-1, null, "no answer: " + ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (IllegalArgumentException ex) {
            return new Answer(-1, null, "cannot send: " + ex.getMessage());
        }
    }
}
