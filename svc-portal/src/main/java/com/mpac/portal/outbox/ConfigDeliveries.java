package com.mpac.portal.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.contracts.sync.MerchantConfiguration;

/**
 * The outbox tables: {@code config_push} (one row per merchant and version) and {@code config_delivery} (per merchant
 * and target, the newest version to deliver and how delivering it went). Times are the database's, so every
 * instance backs off on the same clock.
 */
@Repository
class ConfigDeliveries {

    /** A delivery claimed for sending. */
    record Claimed(String merchantId, String target, String url, long version, int attempts) {
    }

    private final JdbcClient jdbc;
    private final ConfigPushProperties properties;
    private final Environment environment;

    ConfigDeliveries(JdbcClient jdbc, ConfigPushProperties properties, Environment environment) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.environment = environment;
    }

    void lockMerchant(String merchantId) {
        jdbc.sql("SELECT merchant_id FROM merchant WHERE merchant_id = :id FOR NO KEY UPDATE")
                .param("id", merchantId).query(String.class).single();
    }

    long nextVersion(String merchantId) {
        return jdbc.sql("""
                UPDATE merchant SET config_version = config_version + 1
                WHERE merchant_id = :id RETURNING config_version
                """)
                .param("id", merchantId).query(Long.class).single();
    }

    void insertPush(String merchantId, long version, String encryptedPayload) {
        jdbc.sql("INSERT INTO config_push (merchant_id, version, payload) VALUES (:id, :version, :payload)")
                .param("id", merchantId).param("version", version).param("payload", encryptedPayload)
                .update();
    }

    /**
     * A pending delivery of this version to every configured target, replacing an older pending (or failed) one;
     * versions no delivery points at any more are dropped, as each push carries the whole configuration.
     */
    void deliverToAllTargets(String merchantId, long version) {
        for (ConfigPushTarget target : properties.targets()) {
            jdbc.sql("""
                    INSERT INTO config_delivery (merchant_id, target, url, version, status)
                    VALUES (:id, :target, :url, :version, 'PENDING')
                    ON CONFLICT (merchant_id, target) DO UPDATE
                    SET url = excluded.url, version = excluded.version, status = 'PENDING', attempts = 0,
                        enqueued_at = now(), next_attempt_at = now(), last_error = NULL
                    """)
                    .param("id", merchantId).param("target", target.key()).param("url", url(target))
                    .param("version", version)
                    .update();
        }
        jdbc.sql("""
                DELETE FROM config_push p
                WHERE p.merchant_id = :id AND p.version < :version
                  AND NOT EXISTS (SELECT 1 FROM config_delivery d
                                  WHERE d.merchant_id = p.merchant_id AND d.version = p.version)
                """)
                .param("id", merchantId).param("version", version)
                .update();
    }

    /**
     * At start: deliveries follow the configured URLs, and a target added to the configuration gets every
     * merchant's newest version.
     */
    void alignWithConfiguredTargets() {
        for (ConfigPushTarget target : properties.targets()) {
            jdbc.sql("UPDATE config_delivery SET url = :url WHERE target = :target AND status <> 'DELIVERED'"
                    + " AND url <> :url")
                    .param("url", url(target)).param("target", target.key())
                    .update();
            jdbc.sql("""
                    INSERT INTO config_delivery (merchant_id, target, url, version, status)
                    SELECT p.merchant_id, :target, :url, p.version, 'PENDING'
                    FROM merchant m JOIN config_push p
                         ON p.merchant_id = m.merchant_id AND p.version = m.config_version
                    ON CONFLICT (merchant_id, target) DO NOTHING
                    """)
                    .param("target", target.key()).param("url", url(target))
                    .update();
        }
    }

    /**
     * Claims due deliveries: {@code SKIP LOCKED} lets instances poll side by side without waiting on or taking each
     * other's rows, and the lease keeps a claimed row from being claimed again while it is being sent.
     */
    List<Claimed> claimDue() {
        return jdbc.sql("""
                WITH due AS (
                    SELECT merchant_id, target FROM config_delivery
                    WHERE status = 'PENDING' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at
                    LIMIT :batch
                    FOR UPDATE SKIP LOCKED)
                UPDATE config_delivery d
                SET next_attempt_at = now() + make_interval(secs => :lease), attempts = d.attempts + 1,
                    last_attempt_at = now()
                FROM due
                WHERE d.merchant_id = due.merchant_id AND d.target = due.target
                RETURNING d.merchant_id, d.target, d.url, d.version, d.attempts
                """)
                .param("batch", properties.batchSize()).param("lease", properties.lease().toSeconds())
                .query((rs, n) -> new Claimed(rs.getString("merchant_id"), rs.getString("target"),
                        rs.getString("url"), rs.getLong("version"), rs.getInt("attempts")))
                .list();
    }

    Optional<String> payload(String merchantId, long version) {
        return jdbc.sql("SELECT payload FROM config_push WHERE merchant_id = :id AND version = :version")
                .param("id", merchantId).param("version", version)
                .query(String.class).optional();
    }

    /** The target holds {@code version} now; a newer version enqueued meanwhile stays pending. */
    void delivered(Claimed delivery) {
        int updated = jdbc.sql("""
                UPDATE config_delivery
                SET status = 'DELIVERED', delivered_version = :version, delivered_at = now(), last_error = NULL
                WHERE merchant_id = :id AND target = :target AND version = :version AND status = 'PENDING'
                """)
                .param("id", delivery.merchantId()).param("target", delivery.target())
                .param("version", delivery.version())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    UPDATE config_delivery
                    SET delivered_version = greatest(coalesce(delivered_version, 0), :version), delivered_at = now()
                    WHERE merchant_id = :id AND target = :target
                    """)
                    .param("id", delivery.merchantId()).param("target", delivery.target())
                    .param("version", delivery.version())
                    .update();
        }
    }

    /** Schedules the next attempt, or gives up once the version has waited longer than {@code giveUpAfter}. */
    void failed(Claimed delivery, String error, Duration retryIn) {
        jdbc.sql("""
                UPDATE config_delivery
                SET last_error = :error,
                    next_attempt_at = now() + make_interval(secs => :retryIn),
                    status = CASE WHEN enqueued_at < now() - make_interval(secs => :giveUp) THEN 'FAILED'
                                  ELSE 'PENDING' END
                WHERE merchant_id = :id AND target = :target AND version = :version AND status = 'PENDING'
                """)
                .param("error", error).param("retryIn", retryIn.toMillis() / 1000.0)
                .param("giveUp", properties.giveUpAfter().toSeconds())
                .param("id", delivery.merchantId()).param("target", delivery.target())
                .param("version", delivery.version())
                .update();
    }

    String url(ConfigPushTarget target) {
        String base = environment.getProperty(target.baseUrlProperty());
        if (base == null || base.isBlank()) {
            throw new IllegalStateException(target.baseUrlProperty() + " is not set");
        }
        return base.replaceAll("/+$", "") + MerchantConfiguration.PATH;
    }
}
