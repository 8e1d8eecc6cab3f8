package com.mpac.payreq.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.mpac.payreq.merchant.ApiCaller;
import com.mpac.payreq.merchant.ApiUsers;

/**
 * HTTP Basic as the seed says: {@code {CustomerCode}/{Username}} and the password. Any failure is a bare 401 (no
 * body, as the seed lists "N/A"), the same for every reason; the password never reaches a log.
 */
final class BasicAuthenticationFilter extends OncePerRequestFilter {

    static final String AUTHORITY = "PAYMENT_REQUEST_API";
    private static final String PREFIX = "basic ";

    private final ApiUsers users;

    BasicAuthenticationFilter(ApiUsers users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiCaller caller = authenticate(request.getHeader("Authorization"));
        if (caller == null) {
            refuse(response);
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(caller, null,
                List.of(new SimpleGrantedAuthority(AUTHORITY)));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    private ApiCaller authenticate(String header) {
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(PREFIX.length()).trim()),
                    StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        return users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1)).orElse(null);
    }

    static void refuse(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"PaymentRequest\", charset=\"UTF-8\"");
        response.setContentLength(0);
    }
}
