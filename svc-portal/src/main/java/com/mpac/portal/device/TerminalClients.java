package com.mpac.portal.device;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * Terminals as OAuth2 clients of the device token endpoint, stored by Spring Authorization Server's
 * {@link JdbcRegisteredClientRepository} with the registered client's id equal to the terminal id. The secret is
 * 256 random bits, returned once and stored only as the {@code passwordEncoder}'s slow hash.
 *
 * <p>As the authorization server's {@link RegisteredClientRepository} it answers only for terminals that are active
 * (with their store, merchant and PSP), so a deactivated terminal's client authentication fails as
 * {@code invalid_client} even before its client is deleted.
 */
@Component
public class TerminalClients implements RegisteredClientRepository {

    private static final String CLIENT_ID_PREFIX = "tc_";
    private static final String SECRET_PREFIX = "tcs_";

    private final JdbcRegisteredClientRepository clients;
    private final ActiveTerminals terminals;
    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;
    private final Duration tokenLifetime;
    private final SecureRandom random = new SecureRandom();

    TerminalClients(JdbcOperations jdbcOperations, JdbcClient jdbc, ActiveTerminals terminals,
            PasswordEncoder passwordEncoder, Clock clock,
            @Value("${mpac.portal.tokens.device-lifetime:15m}") Duration tokenLifetime) {
        this.clients = new JdbcRegisteredClientRepository(jdbcOperations);
        this.jdbc = jdbc;
        this.terminals = terminals;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
        this.tokenLifetime = tokenLifetime;
    }

    /** A client id and the secret that goes with it, in clear: shown to the terminal once, never stored. */
    public record IssuedCredentials(String clientId, String clientSecret) {

        @Override
        public String toString() {
            return "IssuedCredentials[clientId=" + clientId + ", clientSecret=***]";
        }
    }

    /**
     * New credentials for the terminal, replacing any it had: a new client id as well as a new secret, since a
     * re-activation usually means another device. Runs in the caller's transaction.
     */
    public IssuedCredentials issue(String terminalId) {
        revoke(terminalId);
        String clientId = CLIENT_ID_PREFIX + HexFormat.of().formatHex(randomBytes(16));
        String secret = newSecret();
        clients.save(RegisteredClient.withId(terminalId)
                .clientId(clientId)
                .clientIdIssuedAt(clock.instant())
                .clientSecret(passwordEncoder.encode(secret))
                .clientName(terminalId)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope(DeviceTokens.SCOPE)
                .clientSettings(ClientSettings.builder().requireProofKey(false).requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder().accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(tokenLifetime).build())
                .build());
        return new IssuedCredentials(clientId, secret);
    }

    /** A new secret for the terminal's existing client id; the old secret stops working at once. */
    public Optional<IssuedCredentials> rotateSecret(String terminalId) {
        RegisteredClient existing = clients.findById(terminalId);
        if (existing == null) {
            return Optional.empty();
        }
        String secret = newSecret();
        clients.save(RegisteredClient.from(existing).clientSecret(passwordEncoder.encode(secret)).build());
        return Optional.of(new IssuedCredentials(existing.getClientId(), secret));
    }

    /** Deletes the terminal's client, if any: its credentials cannot authenticate again. */
    public void revoke(String terminalId) {
        jdbc.sql("DELETE FROM oauth2_registered_client WHERE id = :id").param("id", terminalId).update();
    }

    /** The repository without the active-terminal filter, for the authorization records of past tokens. */
    JdbcRegisteredClientRepository unfiltered() {
        return clients;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        // Called by the authorization server only to upgrade a secret's hash encoding.
        clients.save(registeredClient);
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        return activeOnly(clients.findById(id));
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        return activeOnly(clients.findByClientId(clientId));
    }

    private @Nullable RegisteredClient activeOnly(@Nullable RegisteredClient client) {
        return (client != null && terminals.find(client.getId()).isPresent()) ? client : null;
    }

    private String newSecret() {
        // 256 bits; with the prefix 47 ASCII bytes, inside bcrypt's 72-byte limit.
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
