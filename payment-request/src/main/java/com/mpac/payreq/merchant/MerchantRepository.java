package com.mpac.payreq.merchant;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.contracts.sync.MerchantConfiguration;

/** The service's copy of merchant configurations: the Magensa customer code and the API users. */
@Repository
class MerchantRepository {

    private final JdbcClient jdbc;

    MerchantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the merchant or updates it if the pushed version is newer; {@code false} when nothing changed. */
    boolean upsertMerchantIfNewer(MerchantConfiguration c, String customerCode, boolean enabled) {
        return jdbc.sql("""
                INSERT INTO merchant (merchant_id, version, name, status, customer_code, magensa_enabled)
                VALUES (:merchantId, :version, :name, :status, :customerCode, :enabled)
                ON CONFLICT (merchant_id) DO UPDATE
                SET version = excluded.version, name = excluded.name, status = excluded.status,
                    customer_code = excluded.customer_code, magensa_enabled = excluded.magensa_enabled,
                    updated_at = now()
                WHERE merchant.version < excluded.version
                """)
                .param("merchantId", c.merchantId()).param("version", c.version()).param("name", c.name())
                .param("status", c.status().name()).param("customerCode", customerCode).param("enabled", enabled)
                .update() == 1;
    }

    /** The version held, under the row's lock (taken by the upsert's conflict check as well). */
    long lockedVersion(String merchantId) {
        return jdbc.sql("SELECT version FROM merchant WHERE merchant_id = :id FOR UPDATE")
                .param("id", merchantId).query(Long.class).single();
    }

    void replaceApiUsers(MerchantConfiguration c) {
        jdbc.sql("DELETE FROM api_user WHERE merchant_id = :id").param("id", c.merchantId()).update();
        for (MerchantConfiguration.ApiUser user : c.apiUsers()) {
            if (user.provider() != MerchantConfiguration.Provider.MAGENSA) {
                continue;
            }
            jdbc.sql("""
                    INSERT INTO api_user (api_user_id, merchant_id, username, password_hash, status)
                    VALUES (:id, :merchantId, :username, :hash, :status)
                    """)
                    .param("id", user.userId()).param("merchantId", c.merchantId())
                    .param("username", user.username()).param("hash", user.passwordHash())
                    .param("status", user.status().name())
                    .update();
        }
    }

    /** The password hash of an active API user of an active merchant that takes Magensa payment requests. */
    Optional<ApiUserRow> activeApiUser(String customerCode, String username) {
        return jdbc.sql("""
                SELECT u.merchant_id, u.api_user_id, u.password_hash FROM api_user u
                JOIN merchant m ON m.merchant_id = u.merchant_id
                WHERE lower(m.customer_code) = lower(:customerCode) AND lower(u.username) = lower(:username)
                  AND u.status = 'ACTIVE' AND m.status = 'ACTIVE' AND m.magensa_enabled
                """)
                .param("customerCode", customerCode).param("username", username)
                .query((rs, n) -> new ApiUserRow(rs.getString("merchant_id"), rs.getString("api_user_id"),
                        rs.getString("password_hash")))
                .optional();
    }

    record ApiUserRow(String merchantId, String apiUserId, String passwordHash) {
    }
}
