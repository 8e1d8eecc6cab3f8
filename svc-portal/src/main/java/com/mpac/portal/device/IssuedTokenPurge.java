package com.mpac.portal.device;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every device token leaves a row in {@code oauth2_authorization} (a terminal asks for one every few minutes);
 * rows are kept a day past their token's expiry as a record of issuance, then deleted.
 */
@Component
class IssuedTokenPurge {

    private final JdbcClient jdbc;

    IssuedTokenPurge(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    int purge() {
        return jdbc.sql("DELETE FROM oauth2_authorization WHERE access_token_expires_at < now() - interval '1 day'")
                .update();
    }
}
