package com.mpac.testsupport.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The hostile values themselves, as JSON literals (for bodies) or raw strings (for paths and queries). */
final class HostileValues {

    static final String HUGE_STRING = "A".repeat(100_000);
    /** Over the platform's 1 MB body limit. */
    static final String OVERSIZED = "B".repeat(1_100_000);
    static final int DEEP_NESTING = 5_000;

    /** Text that is valid input but must be treated as data: stored and echoed as given, never executed. */
    static final List<String> INJECTION_TEXT = List.of("' OR 1=1--", "'; DROP TABLE x;--", "\" OR \"\"=\"",
            "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}");

    /** Text with characters a database or log may choke on, as JSON string literals (escapes kept). */
    static final List<String> UNICODE_JSON_LITERALS = List.of("\"nul\\u0000byte\"", "\"rtl\\u202Eoverride\"",
            "\"lone\\uD800surrogate\"", "\"bell\\u0007\\u001b[31m\"", "\"emoji \\uD83D\\uDE00 ok\"");

    /** Numbers a money or count field must survive, as JSON literals. */
    static final List<String> NUMBERS = List.of("-1", "0", "0.5", "1e30", "9223372036854775808", "-0.0001", "1e-30");
    static final List<String> OVERFLOWING_NUMBERS = List.of("1e30", "9223372036854775808");

    static final List<String> CURRENCIES = List.of("XXX1", "usd", "", "U$D", "EURO");
    static final List<String> DATES = List.of("2024-13-45", "not-a-date", "2024-02-30T25:61:00Z", "-999999999-01-01",
            "99999-12-31T23:59:59Z");

    /** Path segments, raw (already as they travel on the wire). */
    static final List<String> PATH_SEGMENTS = List.of(encode("' OR 1=1--"), encode("<script>alert(1)</script>"),
            "%00", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", encode("A".repeat(5_000)), encode("\u202Eid"), "-1",
            "9223372036854775808", "%FF%FE");

    /** Query values, raw strings (percent-encoded when sent). */
    static final List<String> QUERY_VALUES = List.of("' OR 1=1--", "<script>alert(1)</script>", "\u0000",
            "../../etc/passwd", "-1", "9223372036854775808", "1e30", "not-a-date", "A".repeat(10_000));

    private HostileValues() {
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
