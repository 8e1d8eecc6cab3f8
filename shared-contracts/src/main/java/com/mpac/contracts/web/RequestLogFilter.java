package com.mpac.contracts.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The platform's one structured line per request (PLATFORM.md, Operations): method, path, status, duration, trace id
 * and the query string, with the values of credential parameters written as {@code ***} (some seeds put tokens in
 * query strings: MobilePay's {@code accessToken}). Bodies are never logged. Registered first of all filters, so
 * refusals by the security and idempotency filters are logged too.
 */
public final class RequestLogFilter extends OncePerRequestFilter {

    static final String REDACTED = "***";
    private static final Logger log = LoggerFactory.getLogger("com.mpac.request");

    private final Set<String> secretParameters;

    /** @param secretParameters query parameters whose values are never logged, matched ignoring case */
    public RequestLogFilter(Set<String> secretParameters) {
        this.secretParameters = secretParameters.stream().map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        }
        finally {
            if (log.isInfoEnabled()) {
                log.info("request method={} path={} status={} durationMs={} traceId={} query={}", request.getMethod(),
                        request.getRequestURI(), response.getStatus(), (System.nanoTime() - started) / 1_000_000,
                        traceId(request.getHeader("traceparent")), redact(request.getQueryString()));
            }
        }
    }

    /** The query string with the values of the credential parameters replaced; "-" when there is none. */
    String redact(String query) {
        if (query == null || query.isEmpty()) {
            return "-";
        }
        return Stream.of(query.split("&", -1)).map(this::redactPair).collect(Collectors.joining("&"));
    }

    private String redactPair(String pair) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String decoded;
        try {
            decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            decoded = name;
        }
        if (secretParameters.contains(decoded.trim().toLowerCase(Locale.ROOT))) {
            return name + "=" + REDACTED;
        }
        return pair;
    }

    /** The trace id of a W3C {@code traceparent} ({@code 00-<32 hex>-<16 hex>-<2 hex>}), else "-". */
    static String traceId(String traceparent) {
        if (traceparent != null && traceparent.matches("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")) {
            return traceparent.substring(3, 35);
        }
        return "-";
    }
}
