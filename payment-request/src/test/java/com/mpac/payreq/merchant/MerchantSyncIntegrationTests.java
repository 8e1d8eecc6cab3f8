package com.mpac.payreq.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import com.mpac.contracts.hmac.HmacSigner;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.contracts.sync.MerchantConfiguration.ApiUser;
import com.mpac.contracts.sync.MerchantConfiguration.MerchantStatus;
import com.mpac.contracts.sync.MerchantConfiguration.Provider;
import com.mpac.contracts.sync.MerchantConfiguration.Status;
import com.mpac.payreq.PaymentRequestApi.Merchant;
import com.mpac.payreq.PaymentRequestIntegrationTest;
import com.mpac.testsupport.TestPlatformKeys;

/** svc-portal's configuration push: who may send it, versions, and what it does to the API users' logins. */
class MerchantSyncIntegrationTests extends PaymentRequestIntegrationTest {

    @Test
    void shouldApplyNewerVersionsAndIgnoreTheSameOrOlderOnes() {
        Merchant merchant = api().onboard();
        MerchantConfiguration v1 = api().configuration(merchant, 1, MerchantStatus.ACTIVE, true);
        MerchantConfiguration v3 = api().configuration(merchant, 3, MerchantStatus.ACTIVE, true);

        String same = api().sync(v1).body();
        String newer = api().sync(v3).body();
        String older = api().sync(api().configuration(merchant, 2, MerchantStatus.SUSPENDED, true)).body();

        assertThat(api().read(api().sync(v1)).get("outcome").asString()).isEqualTo("STALE");
        assertThat(same).contains("\"UNCHANGED\"");
        assertThat(newer).contains("\"APPLIED\"");
        assertThat(older).contains("\"STALE\"");
        assertThat(api().get(merchant, "/api/PaymentRequest").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT version FROM merchant WHERE merchant_id = :id").param("id", merchant.id())
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void shouldTakeThePushOnlyFromSvcPortal() {
        Merchant merchant = new Merchant("m_intruder", "CCINTRUDER", "api_intruder", "whatever");
        String body = json.writeValueAsString(api().configuration(merchant, 1, MerchantStatus.ACTIVE, true));
        HmacSigner other = new HmacSigner(TestPlatformKeys.keyId("mobilepay-adapter"),
                TestPlatformKeys.secret("mobilepay-adapter"), Clock.systemUTC());

        HttpResponse<String> unsigned = api().http().post(MerchantConfiguration.PATH, body, Map.of());
        HttpResponse<String> wrongService = api().http().post(MerchantConfiguration.PATH, body, other.headers("POST",
                URI.create(MerchantConfiguration.PATH), body.getBytes(StandardCharsets.UTF_8)));

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(wrongService.statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM merchant WHERE merchant_id = 'm_intruder'").query(Long.class)
                .single()).isZero();
    }

    @Test
    void shouldFollowThePortalsApiUsersPasswordsAndStatuses() {
        Merchant merchant = api().onboard();
        String newHash = "{bcrypt}" + new BCryptPasswordEncoder().encode("An0ther-password-entirely");
        MerchantConfiguration v2 = configuration(merchant, 2, List.of(new ApiUser("au_" + merchant.id(),
                Provider.MAGENSA, merchant.username(), newHash, Status.ACTIVE)));
        MerchantConfiguration v3 = configuration(merchant, 3, List.of(new ApiUser("au_" + merchant.id(),
                Provider.MAGENSA, merchant.username(), newHash, Status.DISABLED)));

        api().sync(v2);
        int oldPassword = api().get(merchant, "/api/PaymentRequest").statusCode();
        int newPassword = api().get(merchant.withPassword("An0ther-password-entirely"), "/api/PaymentRequest")
                .statusCode();
        api().sync(v3);
        int disabled = api().get(merchant.withPassword("An0ther-password-entirely"), "/api/PaymentRequest")
                .statusCode();

        assertThat(List.of(oldPassword, newPassword, disabled)).containsExactly(401, 200, 401);
    }

    @Test
    void shouldRefuseACustomerCodeThatBelongsToAnotherMerchant() {
        Merchant first = api().onboard();
        Merchant second = new Merchant("m_second_" + first.id(), first.customerCode(), "api_other", "x");

        HttpResponse<String> response = api().sync(api().configuration(second, 1, MerchantStatus.ACTIVE, true));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(api().get(first, "/api/PaymentRequest").statusCode()).isEqualTo(200);
    }

    private MerchantConfiguration configuration(Merchant merchant, long version, List<ApiUser> users) {
        MerchantConfiguration base = api().configuration(merchant, version, MerchantStatus.ACTIVE, true);
        return new MerchantConfiguration(base.merchantId(), version, base.pspId(), base.name(), base.status(),
                base.providers(), base.stores(), base.apiKeys(), base.webhookEndpoints(), users);
    }
}
