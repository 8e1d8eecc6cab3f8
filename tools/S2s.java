import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends one S2S request signed with the platform's HMAC scheme (PLATFORM.md), like curl:
 *
 * <pre>
 * MPAC_KEY_ID=mpk_... MPAC_KEY_SECRET=... java tools/S2s.java POST http://localhost:8083/v1/payment_intents \
 *     '{"amount":1500,"currency":"JPY"}'
 * </pre>
 *
 * A POST gets a fresh Idempotency-Key unless IDEMPOTENCY_KEY is set; MPAC_ON_BEHALF_OF names the merchant a platform
 * key acts for; CLIENT_SECRET sends X-MPAC-Client-Secret instead of signing. Prints the status line and the body.
 * Needs only a JDK (21 or newer).
 */
public class S2s {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java tools/S2s.java METHOD URL [BODY]");
            System.exit(2);
        }
        String method = args[0].toUpperCase();
        URI uri = URI.create(args[1]);
        String body = args.length > 2 ? args[2] : "";
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        String clientSecret = System.getenv("CLIENT_SECRET");
        if (clientSecret != null) {
            request.header("X-MPAC-Client-Secret", clientSecret);
        }
        else {
            signed(require("MPAC_KEY_ID"), require("MPAC_KEY_SECRET"), method, uri, body)
                    .forEach(request::header);
            String onBehalfOf = System.getenv("MPAC_ON_BEHALF_OF");
            if (onBehalfOf != null) {
                request.header("X-MPAC-On-Behalf-Of", onBehalfOf);
            }
        }
        if (method.equals("POST")) {
            String key = System.getenv("IDEMPOTENCY_KEY");
            request.header("Idempotency-Key", key != null ? key : UUID.randomUUID().toString());
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("HTTP " + response.statusCode());
        System.out.println(response.body());
        System.exit(response.statusCode() < 400 ? 0 : 1);
    }

    /** The four X-MPAC headers for one request. */
    static Map<String, String> signed(String keyId, String secret, String method, URI uri, String body)
            throws Exception {
        long timestamp = System.currentTimeMillis() / 1000;
        String nonce = UUID.randomUUID().toString();
        String canonical = String.join("\n", method, uri.getRawPath(), canonicalQuery(uri.getRawQuery()),
                Long.toString(timestamp), nonce, sha256Hex(body.getBytes(StandardCharsets.UTF_8)));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Map.of("X-MPAC-Key-Id", keyId, "X-MPAC-Timestamp", Long.toString(timestamp), "X-MPAC-Nonce", nonce,
                "X-MPAC-Signature", "v1=" + HexFormat.of().formatHex(
                        mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8))));
    }

    /** Parameters decoded, re-encoded per RFC 3986, sorted by name then value, joined by '&'. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            pairs.add(new String[] { rfc3986(name), rfc3986(value) });
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> encoded = new ArrayList<>();
        for (String[] pair : pairs) {
            encoded.add(pair[0] + "=" + pair[1]);
        }
        return String.join("&", encoded);
    }

    static String rfc3986(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String require(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) {
            System.err.println(name + " is not set");
            System.exit(2);
        }
        return value;
    }
}
