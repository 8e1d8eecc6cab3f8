package com.mpac.portal.provisioning;

import java.time.Clock;
import java.time.Duration;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes activation codes a week after they expired: by then they only answer support questions. */
@Component
class ActivationCodePurge {

    private final ProvisioningRepository repository;
    private final Clock clock;

    ActivationCodePurge(ProvisioningRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    int purge() {
        return repository.purgeCodes(clock.instant().minus(Duration.ofDays(7)));
    }
}
