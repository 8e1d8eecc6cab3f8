package com.mpac.contracts.hmac;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.contracts.problem.Problems;
import com.mpac.contracts.web.CachedBodyRequest;

/**
 * Spring Security authentication for HMAC-protected routes. A request without S2S headers passes through
 * unauthenticated (the route's rules then answer 401); one with them is verified on the exact bytes received,
 * and a failure is answered here, before anything else runs.
 */
public final class HmacAuthenticationFilter extends OncePerRequestFilter {

    private final HmacVerifier verifier;
    private final AuthenticationEntryPoint entryPoint;
    private final int maxBodyBytes;

    public HmacAuthenticationFilter(HmacVerifier verifier, AuthenticationEntryPoint entryPoint, int maxBodyBytes) {
        this.verifier = verifier;
        this.entryPoint = entryPoint;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(HmacHeaders.KEY_ID) == null && request.getHeader(HmacHeaders.SIGNATURE) == null) {
            chain.doFilter(request, response);
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
        try {
            HmacAuthentication authentication = verifier.verify(new HmacVerifier.SignedRequest(request.getMethod(),
                    request.getRequestURI(), request.getQueryString(), cached.body(),
                    request.getHeader(HmacHeaders.KEY_ID), request.getHeader(HmacHeaders.TIMESTAMP),
                    request.getHeader(HmacHeaders.NONCE), request.getHeader(HmacHeaders.SIGNATURE),
                    request.getHeader(HmacHeaders.ON_BEHALF_OF)));
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication);
            SecurityContextHolder.setContext(context);
        }
        catch (AuthenticationException ex) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, ex);
            return;
        }
        chain.doFilter(cached, response);
    }
}
