package com.mpac.contracts.hmac;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Signs outbound requests with one key. Registered on a {@code RestClient} as an interceptor, it signs exactly the
 * bytes that go on the wire: {@code RestClient.builder().requestInterceptor(signer)}.
 */
public final class HmacSigner implements ClientHttpRequestInterceptor {

    private final String keyId;
    private final String secret;
    private final Clock clock;

    public HmacSigner(HmacKey key, Clock clock) {
        this(key.keyId(), key.signingSecret(), clock);
    }

    public HmacSigner(String keyId, String secret, Clock clock) {
        this.keyId = keyId;
        this.secret = secret;
        this.clock = clock;
    }

    /** The four headers for one request; a fresh UUIDv4 nonce each time. */
    public Map<String, String> headers(String method, URI uri, byte[] body) {
        return headers(method, uri, body, clock.instant().getEpochSecond(), UUID.randomUUID().toString());
    }

    Map<String, String> headers(String method, URI uri, byte[] body, long timestamp, String nonce) {
        String signingString = CanonicalRequest.signingString(method, uri.getRawPath(), uri.getRawQuery(), timestamp,
                nonce, body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HmacHeaders.KEY_ID, keyId);
        headers.put(HmacHeaders.TIMESTAMP, Long.toString(timestamp));
        headers.put(HmacHeaders.NONCE, nonce);
        headers.put(HmacHeaders.SIGNATURE, HmacSignature.sign(secret, signingString));
        return headers;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws java.io.IOException {
        headers(request.getMethod().name(), request.getURI(), body).forEach(request.getHeaders()::set);
        return execution.execute(request, body);
    }

    @Override
    public String toString() {
        return "HmacSigner[" + keyId + "]";
    }
}
