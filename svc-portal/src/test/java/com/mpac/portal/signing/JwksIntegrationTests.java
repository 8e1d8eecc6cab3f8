package com.mpac.portal.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.mpac.contracts.jwt.TokenKind;
import com.mpac.testsupport.TestHttp;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwksIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TokenSigner signer;

    @Autowired
    SigningKeys keys;

    @Test
    void shouldPublishEachKindsPublicKeysOnly() throws Exception {
        signer.sign(TokenKind.HUMAN, claims());
        signer.sign(TokenKind.DEVICE, claims());

        JWKSet human = JWKSet.parse(TestHttp.localhost(port).get("/api/v1/jwks/human").body());
        JWKSet device = JWKSet.parse(TestHttp.localhost(port).get("/api/v1/jwks/device").body());

        assertThat(human.getKeys()).isNotEmpty().allMatch(key -> !key.isPrivate());
        assertThat(device.getKeys()).isNotEmpty().allMatch(key -> !key.isPrivate());
        assertThat(human.getKeys()).extracting(key -> key.getKeyID())
                .doesNotContainAnyElementsOf(device.getKeys().stream().map(key -> key.getKeyID()).toList());
    }

    @Test
    void shouldVerifyAgainstItsOwnKindsJwksAndNotTheOther() throws Exception {
        String token = signer.sign(TokenKind.DEVICE, claims());

        assertThat(processor("/api/v1/jwks/device").process(token, null).getSubject()).isEqualTo("tm_1");
        assertThatThrownBy(() -> processor("/api/v1/jwks/human").process(token, null))
                .isInstanceOf(BadJOSEException.class);
    }

    @Test
    void shouldKeepARetiredKeyPublishedSoItsTokensStillVerify() throws Exception {
        String beforeRotation = signer.sign(TokenKind.HUMAN, claims());
        String oldKid = keys.activeKey(TokenKind.HUMAN).getKeyID();

        String newKid = keys.rotate(TokenKind.HUMAN);
        String afterRotation = signer.sign(TokenKind.HUMAN, claims());

        assertThat(newKid).isNotEqualTo(oldKid);
        JWKSet published = JWKSet.parse(TestHttp.localhost(port).get("/api/v1/jwks/human").body());
        assertThat(published.getKeyByKeyId(oldKid)).isNotNull();
        assertThat(published.getKeyByKeyId(newKid)).isNotNull();
        assertThat(processor("/api/v1/jwks/human").process(beforeRotation, null).getSubject()).isEqualTo("tm_1");
        assertThat(processor("/api/v1/jwks/human").process(afterRotation, null).getSubject()).isEqualTo("tm_1");
    }

    private DefaultJWTProcessor<SecurityContext> processor(String path) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new com.nimbusds.jose.JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                JWKSourceBuilder.create(URI.create("http://localhost:" + port + path).toURL()).build()));
        return processor;
    }

    private static JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder().subject("tm_1").issuer("urn:mpac:portal:device").audience(List.of("x"))
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
    }
}
