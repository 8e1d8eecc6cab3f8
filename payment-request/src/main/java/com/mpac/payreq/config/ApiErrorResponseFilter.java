package com.mpac.payreq.config;

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

import com.mpac.payreq.error.ErrorCode;
import com.mpac.payreq.error.PaymentRequestError;

/**
 * The platform's shared pieces (idempotency keys, body limits, the problem handler for malformed JSON and wrong
 * media types) answer problem documents. On the Payment Request API this filter, wrapped around them, rewrites
 * such an answer into the API's error shape with the same status, so a merchant integration sees one shape.
 */
final class ApiErrorResponseFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    ApiErrorResponseFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
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
                int status = recorded.getStatus();
                recorded.resetBuffer();
                recorded.setContentType(MediaType.APPLICATION_JSON_VALUE);
                recorded.getOutputStream().write(json.writeValueAsBytes(
                        PaymentRequestError.of(ErrorCode.ofStatus(status), message)));
            }
        }
        finally {
            recorded.copyBodyToResponse();
        }
    }
}
