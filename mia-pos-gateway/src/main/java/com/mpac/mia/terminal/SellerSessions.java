package com.mpac.mia.terminal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.crypto.Sha256;
import com.mpac.contracts.id.Ids;
import com.mpac.mia.config.MiaProperties;
import com.mpac.mia.error.MiaException;
import com.mpac.mia.merchant.Terminal;
import com.mpac.mia.merchant.Terminals;

/**
 * Seller sessions on an activated terminal: opaque random tokens (stored as SHA-256 only), a short-lived access
 * token sent as {@code Authorization: Bearer}, and a refresh token that rotates on every use.
 */
@Service
public class SellerSessions {

    private final SellerRepository sellers;
    private final ActivationRepository activations;
    private final Terminals terminals;
    private final PortalCredentials portal;
    private final MiaProperties properties;
    private final Clock clock;

    SellerSessions(SellerRepository sellers, ActivationRepository activations, Terminals terminals,
            PortalCredentials portal, MiaProperties properties, Clock clock) {
        this.sellers = sellers;
        this.activations = activations;
        this.terminals = terminals;
        this.portal = portal;
        this.properties = properties;
        this.clock = clock;
    }

    /** The seller behind an {@code Authorization: Bearer} header, on a usable terminal; 401 otherwise. */
    @Transactional(readOnly = true)
    public Seller authenticate(String authorization) {
        var known = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        if (known != null && known.getPrincipal() instanceof Seller seller) {
            return seller;
        }
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() > 200) {
            throw MiaException.unauthorized("A seller access token is required (Authorization: Bearer).");
        }
        SellerRepository.SessionRow row = sellers.findByAccess(hash(authorization.substring(7).trim()),
                clock.instant()).orElseThrow(() -> MiaException.unauthorized("The access token is not valid."));
        Terminal terminal = terminals.find(row.terminalId()).filter(Terminal::usable)
                .orElseThrow(() -> MiaException.unauthorized("The terminal is no longer active."));
        return new Seller(row.sessionId(), row.sellerId(), row.email(), row.activationId(), terminal);
    }

    record AuthTokens(String accessToken, String refreshToken, long accessTokenExpiresIn) {
    }

    /** {@code clientAddress}: the POS's address, so the portal throttles each terminal's failures on their own. */
    AuthTokens login(UUID activationId, String username, String password, String clientAddress) {
        String terminalId = activations.activeTerminalOf(activationId)
                .orElseThrow(() -> MiaException.notFound("Activated terminal"));
        Terminal terminal = terminals.find(terminalId).filter(Terminal::usable)
                .orElseThrow(() -> MiaException.notFound("Activated terminal"));
        // Outside a transaction: no connection is held while the portal answers.
        PortalCredentials.VerifiedUser user = portal.verify(username, password, terminal.storeId(),
                clientAddress);
        if (!terminal.storeId().equals(user.storeId()) || !terminal.merchantId().equals(user.merchantId())) {
            throw new MiaException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Wrong username or password.");
        }
        long sellerId = sellers.upsertSeller(user.userId(), user.email());
        String access = Ids.next("mia_at");
        String refresh = Ids.next("mia_rt");
        Instant now = clock.instant();
        sellers.insertSession(UUID.randomUUID(), activationId, sellerId, hash(access),
                now.plus(properties.accessTokenTtl()), hash(refresh), now.plus(properties.refreshTokenTtl()));
        return new AuthTokens(access, refresh, properties.accessTokenTtl().toSeconds());
    }

    @Transactional
    AuthTokens refresh(String refreshToken, UUID activationId) {
        String access = Ids.next("mia_at");
        String refresh = Ids.next("mia_rt");
        Instant now = clock.instant();
        if (!sellers.rotate(hash(refreshToken), activationId, hash(access), now.plus(properties.accessTokenTtl()),
                hash(refresh), now.plus(properties.refreshTokenTtl()), now)) {
            throw MiaException.unauthorized("The refresh token is not valid.");
        }
        return new AuthTokens(access, refresh, properties.accessTokenTtl().toSeconds());
    }

    @Transactional
    void logout(String refreshToken) {
        if (!sellers.logout(hash(refreshToken))) {
            throw MiaException.unauthorized("The refresh token is not valid.");
        }
    }

    private static String hash(String token) {
        return Sha256.hex(token.getBytes(StandardCharsets.UTF_8));
    }
}
