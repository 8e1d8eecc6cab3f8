package com.mpac.mobilepay.config;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.mobilepay.error.PosErrorCode;

/**
 * The platform's shared servlet filters (idempotency keys, body limits) answer their refusals as problem documents
 * before any of this service's code runs. On POS routes this filter, wrapped around them, rewrites such an answer
 * into the POS error shape with the same status, so a POS system sees one error shape.
 */
final class PosErrorResponseFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    PosErrorResponseFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/pos/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, recorded);
            String contentType = recorded.getContentType();
            if (contentType != null && contentType.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
                String message = "The request was refused.";
                try {
                    message = json.readTree(recorded.getContentAsByteArray()).path("detail").asString(message);
                }
                catch (JacksonException ex) {
                    // Not a readable problem document: keep the generic message.
                }
                recorded.resetBuffer();
                PosErrorWriter.write(request, recorded, PosErrorCode.ofStatus(recorded.getStatus()), message,
                        recorded.getStatus());
            }
        }
        finally {
            recorded.copyBodyToResponse();
        }
    }
}
