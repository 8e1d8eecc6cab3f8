package com.mpac.contracts.problem;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.access.AccessDeniedException;

/**
 * Answers authentication and authorization failures in Spring Security's filters as problem documents. The detail
 * never says which check failed: a caller probing signatures or tokens learns nothing from the answer.
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        Problems.write(response, ProblemTypes.UNAUTHENTICATED, "The request could not be authenticated.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        Problems.write(response, ProblemTypes.FORBIDDEN, "You may not perform this operation.");
    }
}
