package com.mpac.mobilepay.merchant;

import java.util.HashSet;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.contracts.sync.MerchantSyncResult;
import com.mpac.contracts.sync.MerchantSyncResult.Outcome;

/**
 * Applies a pushed configuration if it is newer than the one held, in one transaction under the merchant row's
 * lock, so concurrent pushes of different versions end with the newest.
 */
@Service
class MerchantSyncService {

    static final String BIO_CODE = "bio_code";

    private final MerchantRepository repository;

    MerchantSyncService(MerchantRepository repository) {
        this.repository = repository;
    }

    @Transactional
    MerchantSyncResult apply(MerchantConfiguration configuration) {
        Set<String> terminals = new HashSet<>();
        Set<String> stores = new HashSet<>();
        for (MerchantConfiguration.Store store : configuration.stores()) {
            if (!stores.add(store.storeId())) {
                throw new ApiException(ProblemTypes.VALIDATION_FAILED, "stores lists '" + store.storeId() + "' twice.");
            }
            for (MerchantConfiguration.Terminal terminal : store.terminals()) {
                if (!terminals.add(terminal.terminalId())) {
                    throw new ApiException(ProblemTypes.VALIDATION_FAILED,
                            "terminals list '" + terminal.terminalId() + "' twice.");
                }
            }
        }
        var account = configuration.providers().stream()
                .filter(p -> p.provider() == MerchantConfiguration.Provider.MOBILEPAY).findFirst();
        String bioCode = account.map(a -> a.credentials().getOrDefault(BIO_CODE, a.identifiers().get(BIO_CODE)))
                .orElse(null);
        boolean enabled = account.map(MerchantConfiguration.ProviderAccount::enabled).orElse(false)
                && bioCode != null;
        String merchantId = configuration.merchantId();
        try {
            if (!repository.upsertMerchantIfNewer(configuration, bioCode, enabled)) {
                long held = repository.lockedVersion(merchantId);
                Outcome outcome = held == configuration.version() ? Outcome.UNCHANGED : Outcome.STALE;
                return new MerchantSyncResult(merchantId, held, outcome);
            }
        }
        catch (DuplicateKeyException ex) {
            throw new ApiException(ProblemTypes.CONFLICT, "This MobilePay bioCode belongs to another merchant.");
        }
        repository.replaceStoresAndTerminals(configuration);
        return new MerchantSyncResult(merchantId, configuration.version(), Outcome.APPLIED);
    }
}
