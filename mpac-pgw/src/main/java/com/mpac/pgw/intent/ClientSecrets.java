package com.mpac.pgw.intent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.mpac.contracts.id.Ids;

/**
 * Client secrets, {@code {id}_secret_{random}}: the intent's id followed by 120 random bits, so the secret names
 * the one intent it opens and cannot be guessed.
 */
@Component
public class ClientSecrets {

    public static final String HEADER = "X-MPAC-Client-Secret";
    private static final String SEPARATOR = "_secret_";

    private final PaymentIntentRepository intents;

    ClientSecrets(PaymentIntentRepository intents) {
        this.intents = intents;
    }

    static String newSecret(String intentId) {
        return intentId + SEPARATOR + Ids.random(24);
    }

    /** The intent this secret opens, if it is that intent's secret; compared in constant time. */
    public Optional<ClientSecretAuthentication> authenticate(String secret) {
        int separator = secret.indexOf(SEPARATOR);
        if (separator <= 0 || secret.length() > 200) {
            return Optional.empty();
        }
        String intentId = secret.substring(0, separator);
        return intents.findClientSecret(intentId)
                .filter(stored -> MessageDigest.isEqual(stored.getValue().getBytes(StandardCharsets.UTF_8),
                        secret.getBytes(StandardCharsets.UTF_8)))
                .map(stored -> new ClientSecretAuthentication(intentId, stored.getKey()));
    }
}
