package com.mpac.payreq.merchant;

import java.util.Map;
import java.util.Optional;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Checks Magensa Basic credentials, {@code {CustomerCode}/{Username}} and the password, against the slow hash
 * svc-portal pushed ({@code {bcrypt}...}, as the portal's {@code DelegatingPasswordEncoder} writes it).
 */
@Service
public class ApiUsers {

    private final MerchantRepository merchants;
    private final PasswordEncoder passwords = new DelegatingPasswordEncoder("bcrypt",
            Map.of("bcrypt", new BCryptPasswordEncoder()));
    /** Compared against when the user is unknown, so that answering takes as long as for a wrong password. */
    private final String decoyHash = passwords.encode("decoy password that matches nothing");

    ApiUsers(MerchantRepository merchants) {
        this.merchants = merchants;
    }

    /** The caller, or empty for any failure (unknown customer code or user, wrong password, disabled). */
    public Optional<ApiCaller> authenticate(String basicUsername, String password) {
        int slash = basicUsername.indexOf('/');
        if (slash <= 0 || slash == basicUsername.length() - 1) {
            passwords.matches(password, decoyHash);
            return Optional.empty();
        }
        var user = merchants.activeApiUser(basicUsername.substring(0, slash), basicUsername.substring(slash + 1));
        if (user.isEmpty()) {
            passwords.matches(password, decoyHash);
            return Optional.empty();
        }
        boolean matches;
        try {
            matches = passwords.matches(password, user.get().passwordHash());
        }
        catch (IllegalArgumentException ex) {
            // A hash of a kind this service does not know: nobody can log in with it.
            matches = false;
        }
        return matches ? Optional.of(new ApiCaller(user.get().merchantId(), user.get().apiUserId()))
                : Optional.empty();
    }
}
