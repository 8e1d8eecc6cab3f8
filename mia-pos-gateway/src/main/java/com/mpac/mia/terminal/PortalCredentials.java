package com.mpac.mia.terminal;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.hmac.PlatformKeys;
import com.mpac.mia.error.MiaException;

/**
 * svc-portal's credential check ({@code POST /api/v1/s2s/credentials/verify}), signed with this service's platform
 * key. Passwords are checked there and never stored here.
 */
@Component
class PortalCredentials {

    static final String PATH = "/api/v1/s2s/credentials/verify";

    private final RestClient portal;

    PortalCredentials(PlatformKeys keys, Clock clock,
            @Value("${mpac.portal-url}") String portalUrl, @Value("${spring.application.name}") String self) {
        var key = keys.keyOf(self).orElseThrow(
                () -> new IllegalStateException("MPAC_PLATFORM_KEYS holds no key for " + self));
        var http = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(3)).build();
        var requests = new org.springframework.http.client.JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(java.time.Duration.ofSeconds(10));
        this.portal = RestClient.builder().requestFactory(requests).baseUrl(portalUrl).requestInterceptor(new HmacSigner(key, clock)).build();
    }

    /** {@code clientAddress} as svc-portal's credential check names it: the end user's address, for throttling. */
    record VerifyRequest(String email, String password, String storeId, String clientAddress) {

        @Override
        public String toString() {
            return "VerifyRequest[" + storeId + ", " + clientAddress + "]";
        }
    }

    record VerifiedUser(String userId, String email, String storeId, String merchantId, String pspId,
            List<String> roles) {
    }

    VerifiedUser verify(String email, String password, String storeId, String clientAddress) {
        try {
            VerifiedUser user = portal.post().uri(PATH)
                    .body(new VerifyRequest(email, password, storeId, address(clientAddress)))
                    .retrieve().body(VerifiedUser.class);
            if (user == null) {
                throw new MiaException(HttpStatus.BAD_GATEWAY, "portal_unavailable", "The credential check failed.");
            }
            return user;
        }
        catch (HttpClientErrorException ex) {
            if (ex.getStatusCode().value() == 429) {
                throw new MiaException(HttpStatus.TOO_MANY_REQUESTS, "too_many_attempts",
                        "Too many login attempts; try again later.");
            }
            throw new MiaException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Wrong username or password.");
        }
        catch (RestClientException ex) {
            throw new MiaException(HttpStatus.SERVICE_UNAVAILABLE, "portal_unavailable",
                    "Seller login is unavailable right now; try again later.");
        }
    }

    /**
     * The portal takes an IPv4 or IPv6 literal of at most 64 characters; anything else (an IPv6 zone id) is left
     * out rather than have the portal refuse the whole check.
     */
    static String address(String clientAddress) {
        return clientAddress != null && clientAddress.length() <= 64 && clientAddress.matches("[0-9A-Fa-f:.]+")
                ? clientAddress : null;
    }
}
