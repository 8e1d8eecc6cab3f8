package com.mpac.contracts.hmac;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;

/**
 * Verifies one signed request, cheapest checks first and the only write (the nonce) last, so a request that fails
 * any check leaves nothing behind.
 */
public class HmacVerifier {

    private static final Logger log = LoggerFactory.getLogger(HmacVerifier.class);

    // A UUID (v4 carries 122 random bits) or at least 16 random bytes in hex.
    private static final Pattern NONCE = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32,128}");
    private static final Pattern SIGNATURE = Pattern.compile("v1=[0-9a-f]{64}");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");

    private final HmacKeyResolver keys;
    private final NonceStore nonces;
    private final Clock clock;
    private final Duration clockSkew;

    public HmacVerifier(HmacKeyResolver keys, NonceStore nonces, Clock clock, Duration clockSkew) {
        this.keys = keys;
        this.nonces = nonces;
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    /** The signed request as received: raw path and query, the exact body bytes, the headers. */
    public record SignedRequest(String method, String rawPath, String rawQuery, byte[] body, String keyId,
            String timestamp, String nonce, String signature, String onBehalfOf) {
    }

    public HmacAuthentication verify(SignedRequest request) {
        String keyId = request.keyId();
        if (keyId == null || request.timestamp() == null || request.nonce() == null || request.signature() == null) {
            throw reject(keyId, "missing header");
        }
        if (!TIMESTAMP.matcher(request.timestamp()).matches()) {
            throw reject(keyId, "malformed timestamp");
        }
        long timestamp = Long.parseLong(request.timestamp());
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > clockSkew.toSeconds()) {
            throw reject(keyId, "timestamp outside the " + clockSkew.toSeconds() + " s window");
        }
        if (!NONCE.matcher(request.nonce()).matches()) {
            throw reject(keyId, "malformed nonce");
        }
        if (!SIGNATURE.matcher(request.signature()).matches()) {
            throw reject(keyId, "malformed signature");
        }
        Optional<HmacKey> key = keys.resolve(keyId);
        if (key.isEmpty()) {
            throw reject(keyId, "unknown key");
        }
        String signingString;
        try {
            signingString = CanonicalRequest.signingString(request.method(), request.rawPath(), request.rawQuery(),
                    timestamp, request.nonce(), request.body());
        }
        catch (IllegalArgumentException ex) {
            throw reject(keyId, "malformed query string");
        }
        if (!HmacSignature.matchesAny(request.signature(), key.get().secrets(), signingString)) {
            throw reject(keyId, "signature mismatch");
        }
        HmacCaller caller = key.get().caller();
        if (request.onBehalfOf() != null && !caller.isPlatform()) {
            throw reject(keyId, "on-behalf-of from a non-platform key");
        }
        if (!nonces.markSeen(keyId, request.nonce())) {
            throw reject(keyId, "nonce replayed");
        }
        return new HmacAuthentication(caller, request.onBehalfOf());
    }

    private static BadCredentialsException reject(String keyId, String reason) {
        // The reason goes to our log only; the caller gets one undifferentiated 401.
        log.warn("S2S request rejected: key={} reason={}", keyId == null ? "-" : keyId.replaceAll("[^\\w-]", "?"),
                reason);
        return new BadCredentialsException("S2S authentication failed: " + reason);
    }
}
