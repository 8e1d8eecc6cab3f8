package com.mpac.portal.credential;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The S2S credential check ({@code mpac.portal.credential-check.*}).
 *
 * @param callers the platform services (names in {@code MPAC_PLATFORM_KEYS}) allowed to check a store user's
 *        password; another service that logs store staff in on its own terms is added here, e.g.
 *        {@code MPAC_PORTAL_CREDENTIAL_CHECK_CALLERS=mia-pos-gateway,mobilepay-adapter}
 */
@Validated
@ConfigurationProperties("mpac.portal.credential-check")
record CredentialCheckProperties(@NotEmpty @DefaultValue("mia-pos-gateway") List<String> callers) {

    CredentialCheckProperties {
        callers = List.copyOf(callers);
    }
}
