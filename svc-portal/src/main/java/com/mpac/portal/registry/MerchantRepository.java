package com.mpac.portal.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.mpac.contracts.sync.MerchantConfiguration.Provider;

@Repository
class MerchantRepository {

    private static final String COLUMNS = """
            merchant_id, psp_id, name, status, contact_phone, array_to_string(enabled_providers, ',') AS providers,
            mia_idno, mobilepay_bio_code, vnpay_tmn_code, magensa_customer_code, paypay_merchant_id,
            linepay_merchant_id, config_version, created_at, updated_at""";

    /** A merchant row; {@code bioCodeCiphertext} is the encrypted bioCode, never shown as such. */
    record MerchantRow(String id, String pspId, String name, MerchantStatus status, String contactPhone,
            Set<Provider> enabledProviders, String miaIdno, String bioCodeCiphertext, String vnpayTmnCode,
            String magensaCustomerCode, String paypayMerchantId, String linepayMerchantId, long configVersion,
            Instant createdAt, Instant updatedAt) {

        @Override
        public String toString() {
            return "MerchantRow[" + id + "]";
        }
    }

    private final JdbcClient jdbc;

    MerchantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<MerchantRow> list(Sql.Where where, int fetch) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM merchant" + where.sql() + " ORDER BY merchant_id LIMIT :fetch")
                .params(where.params()).param("fetch", fetch)
                .query(MerchantRepository::map).list();
    }

    Optional<MerchantRow> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM merchant WHERE merchant_id = :id").param("id", id)
                .query(MerchantRepository::map).optional();
    }

    /** The row under a lock that orders concurrent changes of the merchant (and does not block FK checks). */
    MerchantRow lock(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM merchant WHERE merchant_id = :id FOR NO KEY UPDATE")
                .param("id", id).query(MerchantRepository::map).single();
    }

    void insert(MerchantRow row) {
        jdbc.sql("""
                INSERT INTO merchant (merchant_id, psp_id, name, status, contact_phone, enabled_providers, mia_idno,
                    mobilepay_bio_code, vnpay_tmn_code, magensa_customer_code, paypay_merchant_id,
                    linepay_merchant_id)
                VALUES (:id, :psp, :name, :status, :phone, CAST(:providers AS text[]), :mia, :bio, :vnpay, :magensa,
                    :paypay, :linepay)
                """)
                .param("id", row.id()).param("psp", row.pspId()).param("name", row.name())
                .param("status", row.status().name()).param("phone", row.contactPhone())
                .param("providers", array(row.enabledProviders())).param("mia", row.miaIdno())
                .param("bio", row.bioCodeCiphertext()).param("vnpay", row.vnpayTmnCode())
                .param("magensa", row.magensaCustomerCode()).param("paypay", row.paypayMerchantId())
                .param("linepay", row.linepayMerchantId())
                .update();
    }

    void update(MerchantRow row) {
        jdbc.sql("""
                UPDATE merchant SET name = :name, status = :status, contact_phone = :phone,
                    enabled_providers = CAST(:providers AS text[]), mia_idno = :mia, mobilepay_bio_code = :bio,
                    vnpay_tmn_code = :vnpay, magensa_customer_code = :magensa, paypay_merchant_id = :paypay,
                    linepay_merchant_id = :linepay, updated_at = now()
                WHERE merchant_id = :id
                """)
                .param("id", row.id()).param("name", row.name())
                .param("status", row.status().name()).param("phone", row.contactPhone())
                .param("providers", array(row.enabledProviders())).param("mia", row.miaIdno())
                .param("bio", row.bioCodeCiphertext()).param("vnpay", row.vnpayTmnCode())
                .param("magensa", row.magensaCustomerCode()).param("paypay", row.paypayMerchantId())
                .param("linepay", row.linepayMerchantId())
                .update();
    }

    /** A PostgreSQL array literal; the enum names need no quoting. */
    private static String array(Collection<Provider> providers) {
        return providers.stream().map(Provider::name).sorted().collect(Collectors.joining(",", "{", "}"));
    }

    private static MerchantRow map(ResultSet rs, int row) throws SQLException {
        String providers = rs.getString("providers");
        Set<Provider> enabled = EnumSet.noneOf(Provider.class);
        if (providers != null && !providers.isEmpty()) {
            Arrays.stream(providers.split(",")).map(Provider::valueOf).forEach(enabled::add);
        }
        return new MerchantRow(rs.getString("merchant_id"), rs.getString("psp_id"), rs.getString("name"),
                MerchantStatus.valueOf(rs.getString("status")), rs.getString("contact_phone"), enabled,
                rs.getString("mia_idno"), rs.getString("mobilepay_bio_code"), rs.getString("vnpay_tmn_code"),
                rs.getString("magensa_customer_code"), rs.getString("paypay_merchant_id"),
                rs.getString("linepay_merchant_id"), rs.getLong("config_version"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
