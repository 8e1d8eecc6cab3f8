package com.mpac.mia.config;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.mpac.mia.error.MiaException;
import com.mpac.mia.terminal.Seller;
import com.mpac.mia.terminal.SellerSessions;

/**
 * Puts the seller of a valid bearer token in the security context, named after the terminal, so the platform's
 * idempotency filter scopes {@code Idempotency-Key}s to the terminal. An invalid token leaves the request anonymous:
 * the operation itself then answers 401 in the MIA envelope.
 */
final class SellerAuthenticationFilter extends OncePerRequestFilter {

    private final SellerSessions sessions;

    SellerAuthenticationFilter(SellerSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            try {
                Seller seller = sessions.authenticate(authorization);
                var authentication = new UsernamePasswordAuthenticationToken(seller, null,
                        List.of(new SimpleGrantedAuthority("ROLE_SELLER"))) {
                    @Override
                    public String getName() {
                        return "mia-terminal:" + seller.terminal().terminalId();
                    }
                };
                SecurityContextHolder.getContext().setAuthentication(authentication);
            }
            catch (MiaException ex) {
                // Stays anonymous; the operation answers 401.
            }
        }
        chain.doFilter(request, response);
    }
}
