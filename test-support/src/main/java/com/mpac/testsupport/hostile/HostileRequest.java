package com.mpac.testsupport.hostile;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One hostile request: which operation of the OpenAPI document it attacks, what was done to it ({@code variant}),
 * the exact target and bytes to send, and whether a 2xx is an acceptable answer.
 *
 * @param operation the document's {@code METHOD /path/template}
 * @param variant what is hostile about it, e.g. {@code body.amount=1e30} or {@code path.id=' OR 1=1--}
 * @param method the HTTP method
 * @param pathAndQuery the raw target, already percent-encoded where it should be
 * @param headers headers to send (the authenticator adds its own)
 * @param body the body bytes, or {@code null} for none
 * @param mayBeValid true when the variant is legitimately valid input (an injection string is a fine description),
 * so a 2xx is acceptable; false when only a 4xx is
 */
public record HostileRequest(String operation, String variant, String method, String pathAndQuery,
        Map<String, String> headers, byte[] body, boolean mayBeValid) {

    public HostileRequest {
        headers = Map.copyOf(headers);
    }

    public String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    public byte[] bodyOrEmpty() {
        return body == null ? new byte[0] : body;
    }

    public HostileRequest withHeaders(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(extra);
        return new HostileRequest(operation, variant, method, pathAndQuery, all, body, mayBeValid);
    }

    public HostileRequest withPathAndQuery(String target) {
        return new HostileRequest(operation, variant, method, target, headers, body, mayBeValid);
    }

    public HostileRequest withBody(byte[] newBody) {
        return new HostileRequest(operation, variant, method, pathAndQuery, headers, newBody, mayBeValid);
    }

    /** The target with {@code name=value} appended to the query (value percent-encoded). */
    public HostileRequest withQueryParameter(String name, String value) {
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        return withPathAndQuery(pathAndQuery + separator + HostileValues.encode(name) + "="
                + HostileValues.encode(value));
    }

    @Override
    public String toString() {
        return method + " " + operation + " [" + variant + "]";
    }
}
