package com.mpac.mqpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.mqpay.MqPayApi.Merchant;

/**
 * The "Done when", over HTTP as a new user would do it with the README: an order of 100000 VND, 40000 paid
 * in cash, the rest by VNPAY QR through a signed sandbox IPN, settled; 50000 refunded; a refund over the remainder
 * refused; all of it found through the filtered lists.
 */
class WalkthroughIntegrationTests extends MqPayIntegrationTest {

    @Test
    void shouldSettleSplitTenderRefundAndFindItAllThroughFilters() {
        MqPayApi api = api();
        Merchant merchant = api.onboard();
        String order = MqPayApi.newSource();

        // 1. Check out the order for 100000 VND, to be paid 40000 in cash first.
        JsonNode cash = api.ok(api.post(merchant, "/payments/checkout",
                MqPayApi.checkoutBody(order, "SYSTEM", "200_CASH", 100000, 40000L)));
        String transactionId = cash.at("/transaction/id").stringValue();
        assertThat(cash.at("/transaction/status").stringValue()).isEqualTo("100_NEW");
        assertThat(cash.at("/transaction/total").stringValue()).isEqualTo("100000.0000");
        assertThat(cash.at("/transaction/paid").stringValue()).isEqualTo("0.0000");
        assertThat(cash.at("/attempt/status").stringValue()).isEqualTo("100_NEW");

        // 2. The cashier takes 40000 and confirms through the system IPN.
        JsonNode confirmed = api.payCash(merchant, cash.at("/attempt/id").stringValue(), 40000);
        assertThat(confirmed.at("/transaction/status").stringValue()).isEqualTo("300_PARTIAL");
        assertThat(confirmed.at("/transaction/paid").stringValue()).isEqualTo("40000.0000");
        assertThat(confirmed.at("/attempt/status").stringValue()).isEqualTo("302_SUCCESS");
        assertThat(confirmed.at("/change").stringValue()).isEqualTo("0.0000");

        // 3. The rest by VNPAY QR: a second checkout of the same order adds an attempt for the remaining 60000.
        JsonNode qr = api.checkoutQr(merchant, order, 100000);
        assertThat(qr.at("/transaction/id").stringValue()).isEqualTo(transactionId);
        assertThat(qr.at("/attempt/status").stringValue()).isEqualTo("204_SENT");
        assertThat(qr.at("/payment/amount").stringValue()).isEqualTo("60000.0000");
        assertThat(qr.at("/payment/qrCode").stringValue()).contains("540560000").contains("5802VN");
        HttpResponse<String> png = api.getPublic(qr.at("/payment/qrUrl").stringValue()
                .substring(qr.at("/payment/qrUrl").stringValue().indexOf(MqPayApi.BASE) + MqPayApi.BASE.length()));
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");

        // 4. The shopper scans and pays; the sandbox sends VNPAY's signed IPN and mq-pay settles.
        JsonNode delivery = api.payQr(qr.at("/payment/qrCode").stringValue());
        assertThat(delivery.at("/ipnStatus").intValue()).isEqualTo(200);
        assertThat(delivery.at("/ipnResponse/code").stringValue()).isEqualTo("00");
        JsonNode transaction = api.ok(api.get(merchant, "/transactions/" + transactionId));
        assertThat(transaction.at("/status").stringValue()).isEqualTo("304_SETTLED");
        assertThat(transaction.at("/paid").stringValue()).isEqualTo("100000.0000");

        // 5. Refund 50000 of the QR payment (60000), then be refused 20000 more (only 10000 remain).
        String qrAttempt = qr.at("/attempt/id").stringValue();
        JsonNode refund = api.ok(api.refund(merchant, qrAttempt, 50000));
        assertThat(refund.at("/refundAttempt/type").stringValue()).isEqualTo("300_REFUND_PAYMENT");
        assertThat(refund.at("/refundAttempt/status").stringValue()).isEqualTo("302_SUCCESS");
        assertThat(refund.at("/refundAttempt/amount").stringValue()).isEqualTo("50000.0000");
        assertThat(refund.at("/refundAttempt/parentId").stringValue()).isEqualTo(qrAttempt);
        HttpResponse<String> tooMuch = api.refund(merchant, qrAttempt, 20000);
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(api.json(tooMuch).at("/error/code").stringValue()).isEqualTo("REFUND_EXCEEDS_REMAINING");

        // 6. Find it all through the filtered lists.
        JsonNode transactions = api.ok(api.get(merchant, "/transactions" + MqPayApi.query("filter",
                "{\"where\":{\"sourceType\":\"Order\",\"sourceId\":\"" + order + "\"}}")));
        assertThat(transactions).hasSize(1);
        assertThat(transactions.get(0).at("/status").stringValue()).isEqualTo("304_SETTLED");
        assertThat(transactions.get(0).at("/refunded").stringValue()).isEqualTo("50000.0000");
        JsonNode attempts = api.ok(api.get(merchant, "/payment-attempts" + MqPayApi.query("filter",
                "{\"where\":{\"transactionId\":\"" + transactionId + "\"},\"order\":[\"createdAt ASC\"]}")));
        List<String> summary = StreamSupport.stream(attempts.spliterator(), false)
                .map(a -> a.at("/type").stringValue() + " " + a.at("/provider").stringValue() + " "
                        + a.at("/status").stringValue() + " " + a.at("/amount").stringValue())
                .toList();
        assertThat(summary).containsExactly(
                "100_PAYMENT SYSTEM 302_SUCCESS 40000.0000",
                "100_PAYMENT VNPAY_QR_MMS 302_SUCCESS 60000.0000",
                "300_REFUND_PAYMENT VNPAY_QR_MMS 302_SUCCESS 50000.0000");
        JsonNode refunds = api.ok(api.get(merchant, "/payment-attempts/count" + MqPayApi.query("where",
                "{\"transactionId\":\"" + transactionId + "\",\"type\":\"300_REFUND_PAYMENT\"}")));
        assertThat(refunds.at("/count").longValue()).isEqualTo(1);
    }
}
