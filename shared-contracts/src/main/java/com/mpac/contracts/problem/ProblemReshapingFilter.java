package com.mpac.contracts.problem;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's shared servlet filters (S2S body limits, idempotency keys, the problem handler for malformed JSON)
 * answer refusals as RFC 9457 problem documents before a service's own code runs. An adapter whose seed prescribes
 * another error shape wraps this filter around them on its seed's routes: a problem answer is rewritten into the
 * seed's shape with the same status, so the adapter's clients see one error shape. Register it outside Spring
 * Security's filter, so it sees the S2S filter's answers too.
 */
public final class ProblemReshapingFilter extends OncePerRequestFilter {

    /** What a refused request is told, read from the problem document. */
    public record Refusal(int status, String code, String detail) {
    }

    /** Writes a refusal in one API's error shape: status, content type and body. */
    @FunctionalInterface
    public interface ErrorShape {

        void write(HttpServletRequest request, HttpServletResponse response, Refusal refusal) throws IOException;
    }

    private static final String GENERIC_DETAIL = "The request was refused.";

    private final String pathPrefix;
    private final JsonMapper json;
    private final ErrorShape shape;

    /** @param pathPrefix the seed's routes, e.g. {@code /api/pos/}; other paths pass untouched */
    public ProblemReshapingFilter(String pathPrefix, JsonMapper json, ErrorShape shape) {
        this.pathPrefix = pathPrefix;
        this.json = json;
        this.shape = shape;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(pathPrefix);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, recorded);
            String contentType = recorded.getContentType();
            if (contentType != null && contentType.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
                Refusal refusal = refusal(recorded.getContentAsByteArray(), recorded.getStatus());
                recorded.resetBuffer();
                shape.write(request, recorded, refusal);
            }
        }
        finally {
            recorded.copyBodyToResponse();
        }
    }

    private Refusal refusal(byte[] problemBody, int status) {
        try {
            JsonNode problem = json.readTree(problemBody);
            return new Refusal(status, problem.path("code").asString(""),
                    problem.path("detail").asString(GENERIC_DETAIL));
        }
        catch (JacksonException ex) {
            // Not a readable problem document: the status alone decides.
            return new Refusal(status, "", GENERIC_DETAIL);
        }
    }
}
