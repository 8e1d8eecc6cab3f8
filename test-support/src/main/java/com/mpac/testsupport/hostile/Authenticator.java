package com.mpac.testsupport.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Gives a hostile request the caller's valid credentials, so it reaches the handler rather than stopping at the
 * authentication layer. Called last, on the exact target and bytes that will be sent: an HMAC authenticator signs
 * those bytes.
 */
@FunctionalInterface
public interface Authenticator {

    HostileRequest authenticate(HostileRequest request);

    /** Anonymous: public routes. */
    static Authenticator none() {
        return request -> request;
    }

    static Authenticator bearer(Supplier<String> token) {
        return request -> request.withHeaders(Map.of("Authorization", "Bearer " + token.get()));
    }

    static Authenticator basic(String username, String password) {
        String credentials = Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return request -> request.withHeaders(Map.of("Authorization", "Basic " + credentials));
    }

    /** Credentials in the query string, as some seeds put them. */
    static Authenticator query(Map<String, String> parameters) {
        return request -> {
            HostileRequest authenticated = request;
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                authenticated = authenticated.withQueryParameter(parameter.getKey(), parameter.getValue());
            }
            return authenticated;
        };
    }

    /** Signed headers computed over the method, the exact target and the exact body bytes (HMAC schemes). */
    static Authenticator signing(Signer signer) {
        return request -> request.withHeaders(
                signer.headers(request.method(), request.pathAndQuery(), request.bodyOrEmpty()));
    }

    @FunctionalInterface
    interface Signer {
        Map<String, String> headers(String method, String pathAndQuery, byte[] body);
    }
}
