package com.mpac.mia.merchant;

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

    private final MerchantRepository repository;

    MerchantSyncService(MerchantRepository repository) {
        this.repository = repository;
    }

    @Transactional
    MerchantSyncResult apply(MerchantConfiguration configuration) {
        String merchantId = configuration.merchantId();
        try {
            if (!repository.upsertMerchantIfNewer(configuration)) {
                long held = repository.lockedVersion(merchantId);
                Outcome outcome = held == configuration.version() ? Outcome.UNCHANGED : Outcome.STALE;
                return new MerchantSyncResult(merchantId, held, outcome);
            }
            repository.replaceStoresAndTerminals(configuration);
        }
        catch (DuplicateKeyException ex) {
            // The transaction rolls back: the merchant keeps the configuration it had.
            throw new ApiException(ProblemTypes.CONFLICT,
                    "An IDNO, store, terminal or MIA terminal id in this configuration belongs to another merchant.");
        }
        return new MerchantSyncResult(merchantId, configuration.version(), Outcome.APPLIED);
    }
}
