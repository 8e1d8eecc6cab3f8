package com.mpac.payreq.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import tools.jackson.databind.JsonNode;

import com.mpac.contracts.sync.MerchantConfiguration.MerchantStatus;
import com.mpac.payreq.PaymentRequestApi;
import com.mpac.payreq.PaymentRequestApi.Merchant;
import com.mpac.payreq.PaymentRequestIntegrationTest;

/** The hosted payment page over plain HTTP: what it shows, its security headers, and paying on it. */
class HostedPageIntegrationTests extends PaymentRequestIntegrationTest {

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Test
    void shouldShowMerchantAmountTaxTermsAndTheTipPrompt() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of("termsAndTransactionInfo", "No refunds <b>after</b> 30 days"))
                .get("paymentRequestID").asString();

        HttpResponse<String> page = api().http().get("/pay/" + id);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/html"));
        assertThat(page.body()).contains("Cafe " + merchant.id()).contains("USD 100.00").contains("Tax (5%)")
                .contains("USD 5.00").contains("USD 105.00").contains("id=\"tipAmount\"")
                .contains("No refunds &lt;b&gt;after&lt;/b&gt; 30 days");
    }

    @Test
    void shouldNotPromptForTipsOrAddTaxUnlessAsked() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of("promptForTips", false, "promptForTax", false))
                .get("paymentRequestID").asString();

        HttpResponse<String> page = api().http().get("/pay/" + id);
        HttpResponse<String> tipped = api().pay(id, PaymentRequestApi.card("4111111111111111", "5.00"));
        HttpResponse<String> paid = api().pay(id, PaymentRequestApi.card("4111111111111111", ""));

        assertThat(page.body()).doesNotContain("id=\"tipAmount\"").contains("Tax (included)").contains("USD 100.00");
        assertThat(tipped.statusCode()).isEqualTo(400);
        assertThat(tipped.body()).contains("This payment does not take a tip.");
        assertThat(paid.statusCode()).isEqualTo(303);
        JsonNode transaction = api().ok(api().get(merchant, "/api/PaymentRequest/" + id)).get("transactions").get(0);
        assertThat(transaction.get("totalAmount").decimalValue()).isEqualByComparingTo("100.00");
    }

    @Test
    void shouldSendAStrictContentSecurityPolicyAndNoThirdPartyScript() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of()).get("paymentRequestID").asString();

        HttpResponse<String> page = api().http().get("/pay/" + id);

        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v)
                .contains("no-store"));
        Matcher sources = Pattern.compile("<(script|link)[^>]*(src|href)=\"([^\"]+)\"").matcher(page.body());
        int count = 0;
        while (sources.find()) {
            assertThat(sources.group(3)).startsWith("/pay/assets/");
            count++;
        }
        assertThat(count).isEqualTo(2);
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=\"").doesNotContain(" onclick=");
    }

    @Test
    void shouldPinItsScriptAndStylesheetWithSubresourceIntegrityOfTheServedBytes() throws Exception {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        String page = api().http().get("/pay/" + id).body();

        Matcher pinned = Pattern.compile(
                "(?:src|href)=\"([^\"]+)\" integrity=\"(sha384-[^\"]+)\" crossorigin=\"anonymous\"").matcher(page);
        int count = 0;
        while (pinned.find()) {
            HttpResponse<byte[]> asset = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + pinned.group(1))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(asset.statusCode()).isEqualTo(200);
            String digest = "sha384-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-384").digest(asset.body()));
            assertThat(pinned.group(2)).as(pinned.group(1)).isEqualTo(digest);
            count++;
        }
        assertThat(count).isEqualTo(2);
    }

    @Test
    void shouldRefuseRequestsThatAreDisabledNotYetActiveExpiredOrUsedUp() {
        Merchant merchant = api().onboard();
        Map<String, String> refusals = new HashMap<>();
        refusals.put(api().create(merchant, Map.of("isEnabled", false)).get("paymentRequestID").asString(),
                "disabled by the merchant");
        refusals.put(api().create(merchant, Map.of("activationDate", "2047-01-01T00:00:00Z"))
                .get("paymentRequestID").asString(), "not active yet");
        refusals.put(api().create(merchant, Map.of("activationDate", "2020-01-01T00:00:00Z", "expirationDate",
                "2021-01-01T00:00:00Z")).get("paymentRequestID").asString(), "has expired");
        String once = api().create(merchant, Map.of("usageCountLimit", 1)).get("paymentRequestID").asString();
        assertThat(api().pay(once, PaymentRequestApi.card("4111111111111111", "")).statusCode()).isEqualTo(303);
        refusals.put(once, "already been used");

        refusals.forEach((id, reason) -> {
            HttpResponse<String> page = api().http().get("/pay/" + id);
            HttpResponse<String> pay = api().pay(id, PaymentRequestApi.card("4111111111111111", ""));

            assertThat(page.statusCode()).as(reason).isEqualTo(409);
            assertThat(page.body()).contains(reason);
            assertThat(pay.statusCode()).as(reason).isEqualTo(409);
        });
        assertThat(api().http().get("/pay/00000000-0000-0000-0000-000000000000").statusCode()).isEqualTo(404);
        assertThat(api().http().get("/pay/nope").statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM payment_transaction WHERE payment_request_id = CAST(:id AS uuid)")
                .param("id", once).query(Long.class).single()).isOne();
    }

    @Test
    void shouldRecordAnApprovedCardPaymentWithItsTipAndCountTheUse() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of("usageCountLimit", 2)).get("paymentRequestID").asString();

        HttpResponse<String> paid = api().pay(id, PaymentRequestApi.card("4111 1111 1111 1111", "15.00"));

        assertThat(paid.statusCode()).isEqualTo(303);
        String location = paid.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/pay/" + id + "/transactions/[0-9a-f-]{36}");
        HttpResponse<String> result = api().http().get(path(location));
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body()).contains("Payment approved").contains("120.00").contains("411111******1111");
        JsonNode request = api().ok(api().get(merchant, "/api/PaymentRequest/" + id));
        assertThat(request.get("currentUsageCount").asInt()).isEqualTo(1);
        assertThat(request.get("status").asInt()).isEqualTo(2);
        JsonNode transaction = request.get("transactions").get(0);
        assertThat(transaction.get("result").asString()).isEqualTo("APPROVED");
        assertThat(transaction.get("paymentMethod").asString()).isEqualTo("CARD");
        assertThat(transaction.get("tipAmount").decimalValue()).isEqualByComparingTo("15.00");
        assertThat(transaction.get("taxAmount").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(transaction.get("totalAmount").decimalValue()).isEqualByComparingTo("120.00");
        assertThat(transaction.get("maskedPAN").asString()).isEqualTo("411111******1111");
        assertThat(transaction.get("cardBrand").asString()).isEqualTo("VISA");
        assertThat(transaction.get("processorReference").asString()).matches("SBX-[0-9A-F]{16}");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void shouldNeverStoreOrLogTheCardNumberOrCvv(CapturedOutput output) {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        api().pay(id, Map.of("method", "card", "cardNumber", "5555555555554444", "expiry", "11/31", "cvv", "987"));
        api().pay(id, Map.of("method", "card", "cardNumber", "378282246310005", "expiry", "11/31", "cvv", "4321"));

        String everything = jdbc.sql("""
                SELECT coalesce(string_agg(t::text, ' '), '') FROM payment_transaction t
                WHERE payment_request_id = CAST(:id AS uuid)
                """).param("id", id).query(String.class).single();

        // Random ids, references and timestamps aside, nothing could hold the CVVs.
        String fixed = everything.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}|SBX-[0-9A-F]{16}|\"[0-9: .+-]+\"", "");
        assertThat(everything).contains("555555******4444").contains("378282*****0005")
                .doesNotContain("5555555555554444").doesNotContain("378282246310005");
        assertThat(fixed).doesNotContain("987").doesNotContain("4321");
        assertThat(output.getAll()).contains("path=/pay/" + id).doesNotContain("5555555555554444")
                .doesNotContain("378282246310005").doesNotContain("cvv=");
    }

    @Test
    void shouldDeclineThePublishedDeclineNumbersWithoutCountingAUse() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of("usageCountLimit", 1)).get("paymentRequestID").asString();

        for (var decline : Map.of("4000000000000002", "Card declined", "4000000000009995", "Insufficient funds",
                "4000000000000069", "Expired card", "4242424242424242", "not a sandbox test card").entrySet()) {
            HttpResponse<String> paid = api().pay(id, PaymentRequestApi.card(decline.getKey(), ""));
            assertThat(paid.statusCode()).isEqualTo(303);
            HttpResponse<String> result = api().http().get(path(paid.headers().firstValue("Location").orElseThrow()));
            assertThat(result.body()).contains("Payment declined").contains(decline.getValue()).contains("Try again");
        }

        JsonNode request = api().ok(api().get(merchant, "/api/PaymentRequest/" + id));
        assertThat(request.get("currentUsageCount").asInt()).isZero();
        assertThat(request.get("status").asInt()).isEqualTo(2);
        assertThat(request.get("transactions")).hasSize(4);
        assertThat(request.get("transactions").get(0).get("result").asString()).isEqualTo("DECLINED");
    }

    @Test
    void shouldRefuseInvalidCardInputWithTheFormAgainAndWithoutTheCardData() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        Map<String, Map<String, String>> invalid = Map.of(
                "card number is not valid", Map.of("cardNumber", "4111111111111112", "expiry", "12/30", "cvv", "123"),
                "expiry date must be MM/YY", Map.of("cardNumber", "4111111111111111", "expiry", "13/30", "cvv", "123"),
                "has expired", Map.of("cardNumber", "4111111111111111", "expiry", "01/20", "cvv", "123"),
                "must be 3 digits", Map.of("cardNumber", "4111111111111111", "expiry", "12/30", "cvv", "12"),
                "must be 4 digits", Map.of("cardNumber", "378282246310005", "expiry", "12/30", "cvv", "123"),
                "tip must be between", Map.of("cardNumber", "4111111111111111", "expiry", "12/30", "cvv", "123",
                        "tipAmount", "-1"));

        invalid.forEach((message, form) -> {
            HttpResponse<String> response = api().pay(id, form);

            assertThat(response.statusCode()).as(message).isEqualTo(400);
            assertThat(response.body()).as(message).contains(message).contains("id=\"payment-form\"")
                    .doesNotContain(form.get("cardNumber"));
        });
        assertThat(api().ok(api().get(merchant, "/api/PaymentRequest/" + id)).get("transactions").isEmpty()).isTrue();
    }

    @Test
    void shouldRefuseATotalTooLargeToRecordWithoutCharging() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of("taxAmount", 0, "taxPercent", 0)).get("paymentRequestID")
                .asString();
        // A row written before create and PUT refused such amounts.
        jdbc.sql("UPDATE payment_request SET amount = 999999999999.99 WHERE payment_request_id = CAST(:id AS uuid)")
                .param("id", id).update();

        HttpResponse<String> paid = api().pay(id, PaymentRequestApi.card("4111111111111111", "999999999999.99"));

        assertThat(paid.statusCode()).isEqualTo(422);
        assertThat(paid.body()).contains("too large");
        assertThat(api().ok(api().get(merchant, "/api/PaymentRequest/" + id)).get("transactions").isEmpty())
                .isTrue();
    }

    @Test
    void shouldRefuseToChargeATotalTheShopperDidNotSeeAndShowTheNewOne() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        Matcher shown = Pattern.compile("name=\"expectedTotal\" id=\"expectedTotal\" value=\"([^\"]+)\"")
                .matcher(api().http().get("/pay/" + id).body());
        assertThat(shown.find()).isTrue();
        assertThat(shown.group(1)).isEqualTo("105.00");
        api().ok(api().put(merchant, id, api().body(Map.of("amount", 200, "taxAmount", 10))));
        Map<String, String> form = new HashMap<>(PaymentRequestApi.card("4111111111111111", ""));
        form.put("expectedTotal", shown.group(1));

        HttpResponse<String> stale = api().pay(id, form);

        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("has changed since the page was opened").contains("USD 210.00")
                .contains("value=\"210.00\"").contains("id=\"payment-form\"");
        assertThat(api().ok(api().get(merchant, "/api/PaymentRequest/" + id)).get("transactions").isEmpty())
                .isTrue();
        form.put("expectedTotal", "210.00");
        assertThat(api().pay(id, form).statusCode()).isEqualTo(303);
    }

    @Test
    void shouldTakeAWalletToken() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of()).get("paymentRequestID").asString();

        HttpResponse<String> approved = api().pay(id, Map.of("method", "wallet", "walletToken",
                "wallet_sandbox_approve", "tipAmount", "1.50"));
        HttpResponse<String> declined = api().pay(id, Map.of("method", "wallet", "walletToken",
                "wallet_sandbox_decline"));
        HttpResponse<String> missing = api().pay(id, Map.of("method", "wallet"));

        assertThat(approved.statusCode()).isEqualTo(303);
        assertThat(declined.statusCode()).isEqualTo(303);
        assertThat(missing.statusCode()).isEqualTo(400);
        JsonNode transactions = api().ok(api().get(merchant, "/api/PaymentRequest/" + id)).get("transactions");
        assertThat(transactions.get(0).get("paymentMethod").asString()).isEqualTo("WALLET");
        assertThat(transactions.get(0).get("result").asString()).isEqualTo("APPROVED");
        assertThat(transactions.get(0).get("totalAmount").decimalValue()).isEqualByComparingTo("106.50");
        assertThat(transactions.get(0).get("maskedPAN").isNull()).isTrue();
        assertThat(transactions.get(1).get("result").asString()).isEqualTo("DECLINED");
    }

    @Test
    void shouldStopTakingPaymentsWhenTheMerchantStopsAcceptingMagensa() {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        assertThat(api().sync(api().configuration(merchant, 2, MerchantStatus.ACTIVE, false)).statusCode())
                .isEqualTo(200);

        assertThat(api().http().get("/pay/" + id).statusCode()).isEqualTo(409);
        assertThat(api().pay(id, PaymentRequestApi.card("4111111111111111", "")).statusCode()).isEqualTo(409);
        assertThat(api().get(merchant, "/api/PaymentRequest").statusCode()).isEqualTo(401);
    }

    private static String path(String location) {
        return location.replaceFirst("^https?://[^/]+", "");
    }
}
