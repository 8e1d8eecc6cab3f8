package com.mpac.contracts.jwt;

import java.io.Serializable;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, as a verified svc-portal access token says. The principal of every request authenticated with a
 * human or device token: take it with {@code @AuthenticationPrincipal CallerToken caller} or {@link #current()}.
 *
 * @param kind human (staff, admins) or device (terminal)
 * @param subject {@code sub}: the user id, or the terminal id for a device token
 * @param clientId {@code client_id}: the OAuth client the token was issued to
 * @param pspId {@code psp_id}, when the caller is scoped to a PSP
 * @param merchantId {@code merchant_id}, when the caller is scoped to a merchant
 * @param storeId {@code store_id}, when the caller is scoped to a store
 * @param roles {@code roles}, e.g. {@code PSP_ADMIN}, {@code CASHIER}
 * @param scopes {@code scope}, split on spaces (device tokens)
 * @param actorSubject {@code act.sub}: the admin acting as {@code subject}, when the token is an impersonation
 * @param tokenId {@code jti}
 */
public record CallerToken(
        TokenKind kind,
        String subject,
        String clientId,
        @Nullable String pspId,
        @Nullable String merchantId,
        @Nullable String storeId,
        Set<String> roles,
        Set<String> scopes,
        @Nullable String actorSubject,
        String tokenId) implements AuthenticatedPrincipal, Serializable {

    public CallerToken {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    /**
     * The caller of the current request.
     *
     * @throws AuthenticationCredentialsNotFoundException if the request was not authenticated with a portal token
     */
    public static CallerToken current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CallerToken caller) {
            return caller;
        }
        throw new AuthenticationCredentialsNotFoundException("The request carries no verified portal access token");
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /** Whether an admin is acting as {@link #subject()} ({@code act} claim, RFC 8693). */
    public boolean isImpersonation() {
        return actorSubject != null;
    }

    @Override
    public String getName() {
        return subject;
    }
}
