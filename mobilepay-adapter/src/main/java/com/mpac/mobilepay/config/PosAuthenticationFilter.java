package com.mpac.mobilepay.config;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.mpac.contracts.web.CachedBodyRequest;
import com.mpac.mobilepay.error.PosErrorCode;
import com.mpac.mobilepay.merchant.AccessTokens;
import com.mpac.mobilepay.merchant.PosCaller;

/**
 * The document's authentication: every call carries {@code accessToken} and {@code bioCode}, in the query string
 * (GET, DELETE) or, for the POST forms, in the query string or the JSON body. A wrong pair is refused with one
 * message whatever half was wrong. The caller becomes the merchant, so {@code Idempotency-Key}s are scoped to it.
 */
final class PosAuthenticationFilter extends OncePerRequestFilter {

    static final String AUTHORITY = "MOBILEPAY_POS";
    static final String REFUSED = "The accessToken and bioCode do not identify a merchant with MobilePay access.";

    private final AccessTokens tokens;
    private final JsonMapper json;
    private final int maxBodyBytes;

    PosAuthenticationFilter(AccessTokens tokens, JsonMapper json, int maxBodyBytes) {
        this.tokens = tokens;
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest forward = request;
        String accessToken = request.getParameter("accessToken");
        String bioCode = request.getParameter("bioCode");
        if ((accessToken == null || bioCode == null) && "POST".equals(request.getMethod())) {
            CachedBodyRequest cached;
            try {
                cached = CachedBodyRequest.of(request, maxBodyBytes);
            }
            catch (CachedBodyRequest.BodyTooLargeException ex) {
                PosErrorWriter.write(request, response, PosErrorCode.PayloadTooLarge, ex.getMessage());
                return;
            }
            forward = cached;
            JsonNode body = readObject(cached.body());
            if (accessToken == null) {
                accessToken = text(body, "accessToken");
            }
            if (bioCode == null) {
                bioCode = text(body, "bioCode");
            }
        }
        // A NUL identifies nobody, and PostgreSQL refuses it in a query parameter (it would be a 500).
        Optional<PosCaller> caller = accessToken == null || bioCode == null || accessToken.indexOf('\0') >= 0
                || bioCode.indexOf('\0') >= 0 ? Optional.empty() : tokens.authenticate(bioCode, accessToken);
        if (caller.isEmpty()) {
            PosErrorWriter.write(request, response, PosErrorCode.Unauthorized, REFUSED);
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(caller.get(), null,
                List.of(new SimpleGrantedAuthority(AUTHORITY)));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(forward, response);
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    private JsonNode readObject(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node != null && node.isObject() ? node : null;
        }
        catch (JacksonException ex) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        if (body == null) {
            return null;
        }
        JsonNode value = body.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
