package com.mpac.contracts.hmac;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import com.mpac.contracts.crypto.Sha256;

/**
 * The string both sides sign: method, raw path, canonical query, timestamp, nonce and the SHA-256 of the raw body,
 * joined by {@code \n}. Signer and verifier build it here, so they cannot drift apart.
 */
public final class CanonicalRequest {

    private CanonicalRequest() {
    }

    public static String signingString(String method, String rawPath, String rawQuery, long timestamp, String nonce,
            byte[] body) {
        return String.join("\n", method.toUpperCase(Locale.ROOT), rawPath, canonicalQuery(rawQuery),
                Long.toString(timestamp), nonce, Sha256.hex(body == null ? new byte[0] : body));
    }

    /**
     * Parameters decoded, re-encoded per RFC 3986 and sorted by name then value, so that {@code a=b%20c} and
     * {@code a=b+c} sign alike however a client's HTTP library chose to encode them.
     */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, String>> params = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(Map.entry(rfc3986(decode(name)), rfc3986(decode(value))));
        }
        return params.stream()
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                .map(p -> p.getKey() + "=" + p.getValue())
                .collect(Collectors.joining("&"));
    }

    private static String decode(String component) {
        return URLDecoder.decode(component, StandardCharsets.UTF_8);
    }

    private static String rfc3986(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.write(c);
            }
            else {
                out.writeBytes(String.format("%%%02X", b & 0xff).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
