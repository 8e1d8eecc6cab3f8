package com.mpac.contracts.config;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.filter.OncePerRequestFilter;

import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.contracts.problem.Problems;

/**
 * When a token cannot be checked at all (the portal's key set unreachable and nothing cached), Spring Security
 * rethrows {@code AuthenticationServiceException} from the bearer-token filter. That is not the caller's fault and not
 * a bug here: answer 503 with {@code Retry-After}, so clients back off and retry instead of seeing a 500.
 */
final class KeySetUnavailableFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "30";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        }
        catch (AuthenticationServiceException ex) {
            if (response.isCommitted()) {
                throw ex;
            }
            response.reset();
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            Problems.write(response, ProblemTypes.SERVICE_UNAVAILABLE,
                    "Tokens cannot be verified right now; retry shortly.");
        }
    }
}
