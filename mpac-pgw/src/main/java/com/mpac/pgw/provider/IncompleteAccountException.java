package com.mpac.pgw.provider;

/**
 * The merchant's account at a provider lacks something the connector needs (an API key, a channel secret): nothing
 * was sent, so the call is {@link ProviderOutcome.NotAttempted}, not an unknown outcome.
 */
public class IncompleteAccountException extends RuntimeException {

    public IncompleteAccountException(String provider, String missing) {
        super("The merchant's " + provider + " account has no " + missing, null, false, false);
    }
}
