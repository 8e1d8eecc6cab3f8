package com.mpac.payreq.merchant;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.contracts.sync.MerchantSyncResult;
import com.mpac.contracts.sync.MerchantSyncResult.Outcome;

/**
 * Applies a pushed configuration if it is newer than the one held, in one transaction under the merchant row's
 * lock, so concurrent pushes of different versions end with the newest. Payment requests survive every push.
 */
@Service
class MerchantSyncService {

    static final String CUSTOMER_CODE = "customer_code";

    private final MerchantRepository repository;

    MerchantSyncService(MerchantRepository repository) {
        this.repository = repository;
    }

    @Transactional
    MerchantSyncResult apply(MerchantConfiguration configuration) {
        Set<String> usernames = new HashSet<>();
        for (MerchantConfiguration.ApiUser user : configuration.apiUsers()) {
            if (user.provider() == Provider.MAGENSA && !usernames.add(user.username().toLowerCase(Locale.ROOT))) {
                throw new ApiException(ProblemTypes.VALIDATION_FAILED,
                        "api_users lists '" + user.username() + "' twice.");
            }
        }
        var account = configuration.providers().stream().filter(p -> p.provider() == Provider.MAGENSA).findFirst();
        String customerCode = account.map(a -> a.identifiers().get(CUSTOMER_CODE)).orElse(null);
        boolean enabled = account.map(MerchantConfiguration.ProviderAccount::enabled).orElse(false)
                && customerCode != null;
        String merchantId = configuration.merchantId();
        try {
            if (!repository.upsertMerchantIfNewer(configuration, customerCode, enabled)) {
                long held = repository.lockedVersion(merchantId);
                Outcome outcome = held == configuration.version() ? Outcome.UNCHANGED : Outcome.STALE;
                return new MerchantSyncResult(merchantId, held, outcome);
            }
        }
        catch (DuplicateKeyException ex) {
            throw new ApiException(ProblemTypes.CONFLICT, "This Magensa customer code belongs to another merchant.");
        }
        repository.replaceApiUsers(configuration);
        return new MerchantSyncResult(merchantId, configuration.version(), Outcome.APPLIED);
    }
}
