package com.mpac.contracts.hmac;

import java.util.List;

/**
 * A key id with its active secrets (more than one while a secret is being rotated) and the caller it identifies.
 */
public record HmacKey(String keyId, List<String> secrets, HmacCaller caller) {

    public HmacKey {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("Key " + keyId + " has no active secret");
        }
        secrets = List.copyOf(secrets);
    }

    /** The secret new signatures use: the first, the newest by convention. */
    public String signingSecret() {
        return secrets.getFirst();
    }

    @Override
    public String toString() {
        return "HmacKey[" + keyId + ", " + caller + ", " + secrets.size() + " secret(s)]";
    }
}
