package com.mpac.contracts.config;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The request log line of every service.
 *
 * @param redactedParameters query parameters whose values are written as {@code ***} (matched ignoring case); a
 * service whose seed puts another credential in the query string lists it too
 */
@ConfigurationProperties("mpac.request-log")
public record RequestLogProperties(@DefaultValue({ "access_token", "accessToken", "refresh_token", "client_secret",
        "password", "secret", "token" }) Set<String> redactedParameters) {

    public RequestLogProperties {
        redactedParameters = Set.copyOf(redactedParameters);
    }
}
