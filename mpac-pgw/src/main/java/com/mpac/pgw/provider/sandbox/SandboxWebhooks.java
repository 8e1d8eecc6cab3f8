package com.mpac.pgw.provider.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The secret the sandbox provider signs its webhooks with (Standard Webhooks). Derived from the master key, so every
 * gateway instance agrees on it without one more setting, and nothing outside the gateway can forge it.
 */
@Component
class SandboxWebhooks {

    private final String secret;

    SandboxWebhooks(@Value("${mpac.master-key}") String masterKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(masterKey), "HmacSHA256"));
            this.secret = "whsec_" + Base64.getEncoder().encodeToString(
                    mac.doFinal("mpac-pgw sandbox provider webhooks".getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalStateException("Cannot derive the sandbox webhook secret", ex);
        }
    }

    String secret() {
        return secret;
    }
}
