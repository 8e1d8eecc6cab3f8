package com.mpac.portal.registry;

import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.testsupport.TestHttp;

/**
 * A plain HTTP client for the portal's JSON API in tests: any method, a bearer token (or none), exactly the body
 * given, so a test can send malformed or hostile input as an outside caller would.
 */
public final class PortalApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestHttp http;

    public PortalApi(int port) {
        this.http = TestHttp.localhost(port);
    }

    /** An answer: status, body as text and, when it is JSON, parsed. */
    public record Answer(int status, String body, Map<String, java.util.List<String>> headers) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        /** The problem document's {@code code}. */
        public String code() {
            JsonNode code = json().get("code");
            return code == null ? null : code.asString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Answer get(String path, String bearer) {
        return send("GET", path, bearer, null);
    }

    public Answer post(String path, String bearer, String body) {
        return send("POST", path, bearer, body);
    }

    public Answer patch(String path, String bearer, String body) {
        return send("PATCH", path, bearer, body);
    }

    public Answer delete(String path, String bearer) {
        return send("DELETE", path, bearer, null);
    }

    public Answer send(String method, String path, String bearer, String body) {
        HttpResponse<String> response = http.send(method, path, body,
                bearer == null ? Map.of() : Map.of("Authorization", bearer));
        return new Answer(response.statusCode(), response.body(), response.headers().map());
    }

    /** JSON text from alternating names and values, e.g. {@code json("name", "Acme", "limit", 3)}. */
    public static String json(Object... namesAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return JSON.writeValueAsString(map);
    }
}
