package com.mpac.mia.config;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.mpac.mia.error.ErrorEnvelope;

/**
 * {@code X-CORRELATION-ID} (a UUID, optional) is echoed on the answer and carried in the log lines of the request
 * (MDC {@code correlationId}); anything that is not a UUID is refused, since it would end up in logs.
 */
@Component
class CorrelationIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-CORRELATION-ID";
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
    private static final Logger log = LoggerFactory.getLogger(CorrelationIdFilter.class);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(ErrorEnvelope.API_PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = request.getHeader(HEADER);
        if (id == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!UUID.matcher(id).matches()) {
            ErrorEnvelope.write(response, 400, "validation_error", HEADER + " must be a UUID.");
            return;
        }
        response.setHeader(HEADER, id);
        MDC.put("correlationId", id);
        try {
            log.info("{} {} correlationId={}", request.getMethod(), request.getRequestURI(), id);
            chain.doFilter(request, response);
        }
        finally {
            MDC.remove("correlationId");
        }
    }
}
