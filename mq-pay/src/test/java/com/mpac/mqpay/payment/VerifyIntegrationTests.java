package com.mpac.mqpay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.mqpay.MqPayApi;
import com.mpac.mqpay.MqPayApi.Merchant;
import com.mpac.mqpay.MqPayIntegrationTest;

class VerifyIntegrationTests extends MqPayIntegrationTest {

    @Test
    void shouldAnswerTheProvidersViewBeforeAndAfterPayment() {
        Merchant merchant = api().onboard();
        JsonNode qr = api().checkoutQr(merchant, MqPayApi.newSource(), 30000);
        String body = "{\"attemptId\":\"" + qr.at("/attempt/id").stringValue() + "\"}";

        JsonNode before = api().ok(api().post(merchant, "/payments/verify", body));
        api().payQr(qr.at("/payment/qrCode").stringValue());
        JsonNode after = api().ok(api().post(merchant, "/payments/verify", body));

        assertThat(before.at("/attempt/status").stringValue()).isEqualTo("204_SENT");
        assertThat(before.at("/attempt/provider").stringValue()).isEqualTo("VNPAY_QR_MMS");
        assertThat(before.at("/providerStatus/responseCode").stringValue()).isEqualTo("01");
        assertThat(after.at("/attempt/status").stringValue()).isEqualTo("302_SUCCESS");
        assertThat(after.at("/providerStatus/responseCode").stringValue()).isEqualTo("00");
        assertThat(after.at("/providerStatus/message").stringValue()).isEqualTo("Success");
    }

    @Test
    void shouldReportAFailedPaymentAndCashConfirmations() {
        Merchant merchant = api().onboard();
        JsonNode qr = api().checkoutQr(merchant, MqPayApi.newSource(), 30000);
        api().ok(api().postPublic("/sandbox/vnpay/pay",
                "{\"qrCode\":\"" + qr.at("/payment/qrCode").stringValue() + "\",\"outcome\":\"FAIL\"}"));
        JsonNode cash = api().checkoutCash(merchant, MqPayApi.newSource(), 30000);

        JsonNode failed = api().ok(api().post(merchant, "/payments/verify",
                "{\"attemptId\":\"" + qr.at("/attempt/id").stringValue() + "\"}"));
        JsonNode open = api().ok(api().post(merchant, "/payments/verify",
                "{\"attemptId\":\"" + cash.at("/attempt/id").stringValue() + "\"}"));
        api().payCash(merchant, cash.at("/attempt/id").stringValue(), 30000);
        JsonNode paid = api().ok(api().post(merchant, "/payments/verify",
                "{\"attemptId\":\"" + cash.at("/attempt/id").stringValue() + "\"}"));

        assertThat(failed.at("/attempt/status").stringValue()).isEqualTo("500_FAIL");
        assertThat(failed.at("/providerStatus/responseCode").stringValue()).isEqualTo("02");
        assertThat(open.at("/providerStatus/responseCode").stringValue()).isEqualTo("01");
        assertThat(paid.at("/providerStatus/responseCode").stringValue()).isEqualTo("00");
    }

    @Test
    void shouldAnswerNotFoundForUnknownAndOtherMerchantsAttempts() {
        Merchant merchant = api().onboard();
        Merchant other = api().onboard();
        JsonNode qr = api().checkoutQr(merchant, MqPayApi.newSource(), 30000);

        HttpResponse<String> othersAttempt = api().post(other, "/payments/verify",
                "{\"attemptId\":\"" + qr.at("/attempt/id").stringValue() + "\"}");
        HttpResponse<String> missing = api().post(merchant, "/payments/verify", "{}");

        assertThat(othersAttempt.statusCode()).isEqualTo(404);
        assertThat(api().json(othersAttempt).at("/error/code").stringValue()).isEqualTo("PAYMENT_ATTEMPT_NOT_FOUND");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(api().json(missing).at("/error/code").stringValue()).isEqualTo("VALIDATION_ERROR");
    }
}
