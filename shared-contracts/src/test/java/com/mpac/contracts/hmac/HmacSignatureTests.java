package com.mpac.contracts.hmac;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HmacSignatureTests {

    private static final String SECRET = "mps_test_5ecr3t_for_vectors_only";

    @Test
    void shouldReproduceThePlatformTestVectorForAPost() {
        byte[] body = "{\"amount\":1500,\"currency\":\"JPY\",\"capture_method\":\"manual\"}"
                .getBytes(StandardCharsets.UTF_8);
        String signingString = CanonicalRequest.signingString("POST", "/v1/payment_intents", null, 1767225600L,
                "3f9c2b7e-1d4a-4e8b-9a51-0c6e2d7f8b10", body);

        assertThat(HmacSignature.sign(SECRET, signingString))
                .isEqualTo("v1=6d393940f25c3d9621a35c29dff7589c5b6653c9ab192de2b666968dc8070fa4");
    }

    @Test
    void shouldReproduceThePlatformTestVectorForAGetWithQuery() {
        String signingString = CanonicalRequest.signingString("GET", "/v1/payment_intents",
                "status=succeeded&limit=2", 1767225600L, "a1b2c3d4e5f60718293a4b5c6d7e8f90", new byte[0]);

        assertThat(signingString).isEqualTo(String.join("\n", "GET", "/v1/payment_intents",
                "limit=2&status=succeeded", "1767225600", "a1b2c3d4e5f60718293a4b5c6d7e8f90",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        assertThat(HmacSignature.sign(SECRET, signingString))
                .isEqualTo("v1=35e69df8b17ebae0bb42b83db649287ac187778294824367072197d091c7dea7");
    }

    @Test
    void shouldSignTheVectorThroughTheClientSigner() {
        HmacSigner signer = new HmacSigner("mpk_vectors", SECRET, Clock.systemUTC());

        Map<String, String> headers = signer.headers("GET", URI.create("https://pgw.example/v1/payment_intents?status=succeeded&limit=2"),
                new byte[0], 1767225600L, "a1b2c3d4e5f60718293a4b5c6d7e8f90");

        assertThat(headers).containsEntry(HmacHeaders.KEY_ID, "mpk_vectors")
                .containsEntry(HmacHeaders.TIMESTAMP, "1767225600")
                .containsEntry(HmacHeaders.NONCE, "a1b2c3d4e5f60718293a4b5c6d7e8f90")
                .containsEntry(HmacHeaders.SIGNATURE,
                        "v1=35e69df8b17ebae0bb42b83db649287ac187778294824367072197d091c7dea7");
    }

    @Test
    void shouldSortQueryParametersByNameThenValueAndEncodePerRfc3986() {
        assertThat(CanonicalRequest.canonicalQuery("b=2&a=z&a=y&c=hello+world&d=%7e%2a&e"))
                .isEqualTo("a=y&a=z&b=2&c=hello%20world&d=~%2A&e=");
        assertThat(CanonicalRequest.canonicalQuery("name=%E6%97%A5%E6%9C%AC")).isEqualTo("name=%E6%97%A5%E6%9C%AC");
        assertThat(CanonicalRequest.canonicalQuery("")).isEmpty();
        assertThat(CanonicalRequest.canonicalQuery(null)).isEmpty();
    }

    @Test
    void shouldAcceptAnyActiveSecretAndRejectOthers() {
        String signingString = "POST\n/x\n\n1\nn\nh";
        String signature = HmacSignature.sign("new-secret", signingString);

        assertThat(HmacSignature.matchesAny(signature, List.of("old-secret", "new-secret"), signingString)).isTrue();
        assertThat(HmacSignature.matchesAny(signature, List.of("old-secret"), signingString)).isFalse();
        assertThat(HmacSignature.matchesAny(signature, List.of("new-secret"), signingString + "x")).isFalse();
        assertThat(HmacSignature.matchesAny("v1=", List.of("new-secret"), signingString)).isFalse();
    }
}
