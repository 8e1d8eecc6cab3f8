package com.mpac.mqpay.config;

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

import com.mpac.mqpay.error.ErrorCode;
import com.mpac.mqpay.error.ErrorEnvelope;

/**
 * The platform's shared servlet filters (S2S body limit, idempotency keys) answer their refusals as problem
 * documents before any of mq-pay's code runs. On MQ-Pay routes this filter, wrapped around them, rewrites such an
 * answer into the seed's envelope with the same status, so a merchant back end sees one error shape.
 */
final class EnvelopeResponseFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    EnvelopeResponseFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(ErrorEnvelope.API_PREFIX + "/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, recorded);
            if (isProblem(recorded.getContentType())) {
                byte[] envelope = envelope(recorded.getContentAsByteArray(), recorded.getStatus());
                recorded.resetBuffer();
                recorded.setContentType(MediaType.APPLICATION_JSON_VALUE);
                recorded.getOutputStream().write(envelope);
            }
        }
        finally {
            recorded.copyBodyToResponse();
        }
    }

    private byte[] envelope(byte[] problemBody, int status) {
        String code = "";
        String message = "The request was refused.";
        try {
            JsonNode problem = json.readTree(problemBody);
            code = problem.path("code").asString("");
            message = problem.path("detail").asString(message);
        }
        catch (JacksonException ex) {
            // Not a readable problem document: the status alone decides the code.
        }
        return json.writeValueAsBytes(ErrorEnvelope.of(ErrorCode.ofProblem(code, status), message));
    }

    private static boolean isProblem(String contentType) {
        return contentType != null && contentType.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }
}
