package com.mpac.mobilepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.mobilepay.MobilePayApi.Merchant;
import com.mpac.mobilepay.MobilePayApi.PosMerchant;
import com.mpac.mobilepay.MobilePayIntegrationTest;

/** The transitions the shopper and MobilePay cause, one by one, and the ones they may not. */
class ShopperSideIntegrationTests extends MobilePayIntegrationTest {

    @Test
    void shouldCheckInByScanningThePosQrCode() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = api().start(m, "o-scan", "15").get("paymentId").asString();
        String qrContent = api().ok(api().get(m, "/api/pos/terminal/qrcode", Map.of("terminalId", m.terminalId())))
                .get("qrContent").asString();

        JsonNode checkIn = api().ok(api().sandbox("/scan", "{\"qrContent\":\"" + qrContent
                + "\",\"customerId\":\"cus_qr\"}"));

        assertThat(checkIn.get("posId").asString()).isEqualTo(pm.posId());
        assertThat(api().status(m, paymentId)).isEqualTo("Paired");
        JsonNode status = api().ok(api().get(m, "/api/pos/manage/checkInStatus/byposId",
                Map.of("posId", pm.posId())));
        assertThat(status.get("checkedIn").asBoolean()).isTrue();
        assertThat(status.get("customerId").asString()).isEqualTo("cus_qr");
        assertThat(api().sandbox("/scan", "{\"qrContent\":\"https://example.com\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldLetTheShopperRejectAPairedOrIssuedPayment() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paired = api().start(m, "o-1", "5").get("paymentId").asString();
        api().ok(api().sandbox("/pos/" + pm.posId() + "/checkin"));
        api().ok(api().sandbox("/pos/" + pm.posId() + "/payment/reject"));
        assertThat(api().status(m, paired)).isEqualTo("CancelledByUser");

        String issued = api().start(m, "o-2", "5").get("paymentId").asString();
        api().ok(api().sandbox("/pos/" + pm.posId() + "/payment/issue"));
        JsonNode rejected = api().ok(api().sandbox("/pos/" + pm.posId() + "/payment/reject"));
        assertThat(rejected.get("status").asString()).isEqualTo("CancelledByUser");
        assertThat(api().status(m, issued)).isEqualTo("CancelledByUser");
    }

    @Test
    void shouldRejectAnAgeRestrictedPaymentOnlyOnceIssued() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = api().start(m, "o-age", "199").get("paymentId").asString();
        api().ok(api().sandbox("/pos/" + pm.posId() + "/checkin"));

        HttpResponse<String> tooEarly = api().sandbox("/pos/" + pm.posId() + "/payment/reject-age-restricted");
        assertThat(tooEarly.statusCode()).isEqualTo(409);
        assertThat(api().status(m, paymentId)).isEqualTo("Paired");

        api().ok(api().sandbox("/pos/" + pm.posId() + "/payment/issue"));
        api().ok(api().sandbox("/pos/" + pm.posId() + "/payment/reject-age-restricted"));
        assertThat(api().status(m, paymentId)).isEqualTo("RejectedByMobilePayDueToAgeRestrictions");
        HttpResponse<String> capture = api().get(m, "/api/pos/payment/capture", Map.of("paymentId", paymentId));
        assertThat(capture.statusCode()).isEqualTo(409);
    }

    @Test
    void shouldLetMobilePayCancelAReservedPayment() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = api().reservedPayment(pm, "o-mp", "20");

        api().ok(api().sandbox("/pos/" + pm.posId() + "/payment/cancel-by-mobilepay"));

        assertThat(api().status(m, paymentId)).isEqualTo("CancelledByMobilePay");
        assertThat(api().get(m, "/api/pos/payment/cancel", Map.of("paymentId", paymentId)).statusCode())
                .isEqualTo(409);
    }

    @Test
    void shouldNotApproveWithoutIssuingNorActWithoutAnActivePayment() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        assertThat(api().sandbox("/pos/" + pm.posId() + "/payment/approve").statusCode()).isEqualTo(404);
        String paymentId = api().start(m, "o-n", "5").get("paymentId").asString();

        HttpResponse<String> approve = api().sandbox("/pos/" + pm.posId() + "/payment/approve");

        assertThat(approve.statusCode()).isEqualTo(409);
        assertThat(api().json(approve).get("code").asString()).isEqualTo("InvalidPaymentState");
        assertThat(api().status(m, paymentId)).isEqualTo("Initiated");
        assertThat(api().sandbox("/pos/pos_unknown/checkin").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldCheckOut() {
        PosMerchant pm = api().onboardWithPos();
        api().ok(api().sandbox("/pos/" + pm.posId() + "/checkin"));

        api().ok(api().sandbox("/pos/" + pm.posId() + "/checkout"));

        JsonNode status = api().ok(api().get(pm.merchant(), "/api/pos/manage/checkInStatus/byterminalId",
                Map.of("terminalId", pm.merchant().terminalId())));
        assertThat(status.get("checkedIn").asBoolean()).isFalse();
        assertThat(status.get("posId").asString()).isEqualTo(pm.posId());
    }
}
