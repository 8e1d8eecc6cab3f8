package com.mpac.contracts.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import com.mpac.contracts.crypto.Sha256;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.contracts.problem.Problems;
import com.mpac.contracts.web.CachedBodyRequest;

/**
 * The platform's {@code Idempotency-Key} semantics for {@code POST}s, scoped to the authenticated caller: the same
 * key and body replays the stored response; the same key with another body answers 422; a key still in flight 409.
 * Runs after Spring Security, so the caller is known, and before any controller, so nothing runs twice.
 */
public final class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyStore store;
    private final List<PathPattern> requiredPaths;
    private final int maxBodyBytes;

    public IdempotencyFilter(IdempotencyStore store, List<String> requiredPaths, int maxBodyBytes) {
        this.store = store;
        this.requiredPaths = requiredPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null) {
            if (isRequired(request)) {
                Problems.write(response, ProblemTypes.IDEMPOTENCY_KEY_MISSING,
                        "This operation moves money: send an Idempotency-Key header (1-255 printable characters).");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (!VALID_KEY.matcher(key).matches()) {
            Problems.write(response, ProblemTypes.IDEMPOTENCY_KEY_INVALID,
                    "Idempotency-Key must be 1-255 printable ASCII characters.");
            return;
        }
        CachedBodyRequest cached;
        try {
            cached = CachedBodyRequest.of(request, maxBodyBytes);
        }
        catch (CachedBodyRequest.BodyTooLargeException ex) {
            Problems.write(response, ProblemTypes.PAYLOAD_TOO_LARGE, ex.getMessage());
            return;
        }
        String caller = caller();
        if (caller == null) {
            // Anonymous callers share no scope a key could safely live in; their routes carry no money.
            chain.doFilter(cached, response);
            return;
        }
        switch (store.claim(caller, key, requestHash(request, cached.body()))) {
            case IdempotencyStore.Claimed claimed -> runAndRemember(cached, response, chain, caller, key);
            case IdempotencyStore.Completed done -> replay(response, done);
            case IdempotencyStore.InFlight inFlight -> Problems.write(response, ProblemTypes.IDEMPOTENCY_KEY_IN_FLIGHT,
                    "A request with this Idempotency-Key is still being processed; retry later.");
            case IdempotencyStore.Mismatch mismatch -> Problems.write(response, ProblemTypes.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request.");
        }
    }

    private void runAndRemember(CachedBodyRequest request, HttpServletResponse response, FilterChain chain,
            String caller, String key) throws IOException, ServletException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        boolean remembered = false;
        try {
            chain.doFilter(request, recorded);
            int status = recorded.getStatus();
            if (isFinal(status)) {
                store.complete(caller, key, status, recorded.getContentType(), recorded.getContentAsByteArray());
                remembered = true;
            }
        }
        finally {
            if (!remembered) {
                store.release(caller, key);
            }
            recorded.copyBodyToResponse();
        }
    }

    // Outcomes a retry could change (overload, a conflict, a server fault) are not pinned to the key.
    private static boolean isFinal(int status) {
        return status < 500 && status != 409 && status != 429;
    }

    private static void replay(HttpServletResponse response, IdempotencyStore.Completed done) throws IOException {
        response.setStatus(done.status());
        if (done.contentType() != null) {
            response.setContentType(done.contentType());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        if (done.body() != null) {
            response.setContentLength(done.body().length);
            response.getOutputStream().write(done.body());
        }
    }

    private boolean isRequired(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(request.getRequestURI());
        return requiredPaths.stream().anyMatch(pattern -> pattern.matches(path));
    }

    private static String caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return authentication.getName();
    }

    private static String requestHash(HttpServletRequest request, byte[] body) {
        String target = request.getMethod() + " " + request.getRequestURI() + "?"
                + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n";
        return Sha256.hex(target.getBytes(StandardCharsets.UTF_8), body);
    }
}
