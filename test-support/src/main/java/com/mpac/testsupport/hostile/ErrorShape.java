package com.mpac.testsupport.hostile;

import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shape every 4xx body of a service must have. Answers what is wrong with a body, or empty when it fits.
 */
@FunctionalInterface
public interface ErrorShape {

    Optional<String> mismatch(int status, String contentType, String body);

    /** RFC 9457 problem details with the platform's machine-readable {@code code} (portal, smarttab, pgw). */
    static ErrorShape problemJson() {
        JsonMapper json = JsonMapper.builder().build();
        return (status, contentType, body) -> {
            if (contentType == null || !contentType.startsWith("application/problem+json")) {
                return Optional.of("content type " + contentType + " is not application/problem+json");
            }
            JsonNode problem;
            try {
                problem = json.readTree(body);
            }
            catch (RuntimeException ex) {
                return Optional.of("body is not JSON");
            }
            for (String field : new String[] { "type", "title", "code" }) {
                if (!problem.path(field).isString() || problem.path(field).asString().isBlank()) {
                    return Optional.of("no '" + field + "'");
                }
            }
            if (!problem.path("status").isNumber() || problem.path("status").asInt() != status) {
                return Optional.of("'status' " + problem.path("status") + " is not " + status);
            }
            return Optional.empty();
        };
    }

    /** Either shape: e.g. an adapter whose platform routes (the configuration push) answer problems. */
    static ErrorShape either(ErrorShape first, ErrorShape second) {
        return (status, contentType, body) -> first.mismatch(status, contentType, body).isEmpty() ? Optional.empty()
                : second.mismatch(status, contentType, body);
    }

    /** A JSON object whose structure {@code check} accepts (adapters' seed envelopes). */
    static ErrorShape jsonObject(String description, java.util.function.BiPredicate<Integer, JsonNode> check) {
        JsonMapper json = JsonMapper.builder().build();
        return (status, contentType, body) -> {
            JsonNode node;
            try {
                node = json.readTree(body);
            }
            catch (RuntimeException ex) {
                return Optional.of("body is not JSON (" + description + " expected)");
            }
            if (contentType == null || !contentType.contains("json") || !node.isObject()) {
                return Optional.of("not a JSON object (" + description + " expected), content type " + contentType);
            }
            return check.test(status, node) ? Optional.empty() : Optional.of("not " + description);
        };
    }
}
