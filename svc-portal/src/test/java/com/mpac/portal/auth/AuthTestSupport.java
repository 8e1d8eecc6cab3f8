package com.mpac.portal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * What the login, MFA, session and impersonation tests share: one booted portal (a mutable clock and short throttle
 * lockouts, so a lock's end can be waited for), users inserted straight into the database, a client per test from its
 * own loopback address, and token verification against the published JWKS with Nimbus.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mpac.portal.auth.throttle.account-max-failures=3",
        "mpac.portal.auth.throttle.account-lockout=3s",
        "mpac.portal.auth.throttle.account-max-lockout=6s",
        "mpac.portal.auth.throttle.address-max-failures=6",
        "mpac.portal.auth.throttle.address-lockout=3s",
        "mpac.portal.auth.throttle.address-max-lockout=6s" })
public abstract class AuthTestSupport {

    public static final String PASSWORD = "correct horse battery staple";

    private static final MutableClock CLOCK = new MutableClock();

    /** A user inserted for a test, with the password it was given. */
    public record TestUser(String userId, String email, String password, String pspId, String merchantId,
            String storeId) {
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected PasswordEncoder passwordEncoder;

    /** Replaces the platform's {@code clock} bean in this context. */
    @TestBean(name = "clock", methodName = "mutableClock")
    Clock clockBean;

    protected final MutableClock clock = CLOCK;

    static Clock mutableClock() {
        return CLOCK;
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    protected AuthTestClient client() {
        return AuthTestClient.fromRandomAddress(port);
    }

    protected static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    protected TestUser platformAdmin() {
        return user("PLATFORM_ADMIN", "ACTIVE");
    }

    protected TestUser merchantAdmin() {
        return user("MERCHANT_ADMIN", "ACTIVE");
    }

    /** A user with one role at a fresh node of the tree matching the role's level. */
    protected TestUser user(String role, String status) {
        String id = unique();
        String psp = null;
        String merchant = null;
        String store = null;
        if (!role.equals("PLATFORM_ADMIN")) {
            psp = "psp_" + id;
            jdbc.sql("INSERT INTO psp (psp_id, name, status) VALUES (:id, 'Test PSP', 'ACTIVE')").param("id", psp)
                    .update();
        }
        if (role.equals("MERCHANT_ADMIN") || role.equals("STORE_MANAGER") || role.equals("CASHIER")) {
            merchant = "mer_" + id;
            jdbc.sql("INSERT INTO merchant (merchant_id, psp_id, name, status) VALUES (:id, :psp, 'Shop', 'ACTIVE')")
                    .param("id", merchant).param("psp", psp).update();
        }
        if (role.equals("STORE_MANAGER") || role.equals("CASHIER")) {
            store = "sto_" + id;
            jdbc.sql("INSERT INTO store (store_id, merchant_id, name, status) VALUES (:id, :m, 'Main', 'ACTIVE')")
                    .param("id", store).param("m", merchant).update();
        }
        TestUser user = new TestUser("usr_" + id, "user-" + id + "@Example.test", PASSWORD, psp, merchant, store);
        jdbc.sql("""
                INSERT INTO app_user (user_id, email, password_hash, status, psp_id, merchant_id, store_id)
                VALUES (:id, :email, :hash, :status, :psp, :merchant, :store)
                """)
                .param("id", user.userId()).param("email", user.email())
                .param("hash", passwordEncoder.encode(user.password())).param("status", status)
                .param("psp", psp).param("merchant", merchant).param("store", store)
                .update();
        jdbc.sql("INSERT INTO role_assignment (user_id, role) VALUES (:id, :role)")
                .param("id", user.userId()).param("role", role).update();
        return user;
    }

    protected void disable(TestUser user) {
        jdbc.sql("UPDATE app_user SET status = 'DISABLED' WHERE user_id = :id").param("id", user.userId()).update();
    }

    protected static String loginJson(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    /** Logs in without MFA and answers the token pair. */
    protected AuthTestClient.Response login(AuthTestClient client, TestUser user) {
        AuthTestClient.Response response = client.post("/api/v1/auth/user/login",
                loginJson(user.email(), user.password()));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response;
    }

    protected static String bearer(String accessToken) {
        return "Bearer " + accessToken;
    }

    /** Verifies a human access token as any resource server would: JWKS signature, typ at+jwt, ES256. */
    protected JWTClaimsSet verifyHumanToken(String token) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, JWKSourceBuilder
                .create(URI.create("http://localhost:" + port + "/api/v1/jwks/human").toURL()).build()));
        JWTClaimsSet claims = processor.process(token, null);
        assertThat(claims.getIssuer()).isEqualTo("urn:mpac:portal:human");
        assertThat(claims.getAudience()).contains("svc-portal", "svc-smarttab", "mpac-pgw");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("mpac-portal");
        assertThat(claims.getJWTID()).isNotBlank();
        return claims;
    }

    protected static List<String> stringList(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringListClaim(name);
        }
        catch (ParseException ex) {
            throw new AssertionError(ex);
        }
    }

    protected long countAudit(String type, String subjectId) {
        return jdbc.sql("SELECT count(*) FROM audit_event WHERE type = :type AND subject_id = :subject")
                .param("type", type).param("subject", subjectId).query(Long.class).single();
    }
}
