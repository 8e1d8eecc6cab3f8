package com.mpac.mobilepay.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import com.mpac.mobilepay.MobilePayApi.Merchant;
import com.mpac.mobilepay.MobilePayApi.PosMerchant;
import com.mpac.mobilepay.MobilePayIntegrationTest;

/** With {@code Accept: application/xml} every answer, lists and errors included, is XML with the JSON's values. */
class XmlAnswerIntegrationTests extends MobilePayIntegrationTest {

    @Test
    void shouldListActiveAndCapturedPaymentsInXml() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String captured = api().reservedPayment(pm, "o-cap", "20.00");
        api().ok(api().get(m, "/api/pos/payment/capture", Map.of("paymentId", captured, "amount", "15")));
        String active = api().start(m, "o-act", "12.50").get("paymentId").asString();

        Xml activeList = xml(api().getXml(m, "/api/pos/payments", Map.of()), 200);
        Xml capturedList = xml(api().getXml(m, "/api/pos/payments", Map.of("state", "Captured")), 200);

        assertThat(activeList.count("/Payments/payments/payment")).isEqualTo(1);
        assertThat(activeList.text("/Payments/payments/payment/paymentId")).isEqualTo(active);
        assertThat(activeList.text("/Payments/payments/payment/orderId")).isEqualTo("o-act");
        // The shopper who approved the first payment is still checked in, so the second is Paired at once.
        assertThat(activeList.text("/Payments/payments/payment/status")).isEqualTo("Paired");
        assertThat(activeList.text("/Payments/payments/payment/amount")).isEqualTo("12.50");
        assertThat(activeList.text("/Payments/payments/payment/currencyCode")).isEqualTo("DKK");
        assertThat(activeList.text("/Payments/payments/payment/posId")).isEqualTo(pm.posId());
        assertThat(capturedList.count("/Payments/payments/payment")).isEqualTo(1);
        assertThat(capturedList.text("/Payments/payments/payment/paymentId")).isEqualTo(captured);
        assertThat(capturedList.text("/Payments/payments/payment/status")).isEqualTo("Captured");
        assertThat(capturedList.text("/Payments/payments/payment/amount")).isEqualTo("20.00");
        assertThat(capturedList.text("/Payments/payments/payment/capturedAmount")).isEqualTo("15.00");
    }

    @Test
    void shouldAnswerAnEmptyListInXml() {
        Merchant m = api().onboard();

        Xml list = xml(api().getXml(m, "/api/pos/payments", Map.of()), 200);

        assertThat(list.count("/Payments")).isEqualTo(1);
        assertThat(list.count("/Payments/payments/payment")).isZero();
    }

    @Test
    void shouldListRefundIdsInXml() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = api().reservedPayment(pm, "o-ref", "50");
        api().ok(api().get(m, "/api/pos/payment/capture", Map.of("paymentId", paymentId)));
        String first = refund(m, paymentId, "10", "r-1");
        String second = refund(m, paymentId, "5.50", "r-2");

        Xml refunds = xml(api().getXml(m, "/api/pos/refunds", Map.of("paymentId", paymentId)), 200);
        Xml details = xml(api().getXml(m, "/api/pos/refund/details", Map.of("refundId", second)), 200);

        assertThat(refunds.text("/RefundIds/paymentId")).isEqualTo(paymentId);
        assertThat(refunds.count("/RefundIds/refundIds/refundId")).isEqualTo(2);
        assertThat(refunds.texts("/RefundIds/refundIds/refundId")).containsExactlyInAnyOrder(first, second);
        assertThat(details.text("/Refund/refundId")).isEqualTo(second);
        assertThat(details.text("/Refund/refundOrderId")).isEqualTo("r-2");
        assertThat(details.text("/Refund/amount")).isEqualTo("5.50");
        assertThat(details.text("/Refund/status")).isEqualTo("Initiated");
    }

    @Test
    void shouldRefuseAWrongTokenWith401InXml() {
        Merchant m = api().onboard();

        HttpResponse<String> response = api().getXml(m.withToken("wrong"), "/api/pos/payments", Map.of());
        Xml error = xml(response, 401);

        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        assertThat(error.text("/Error/code")).isEqualTo("Unauthorized");
        assertThat(error.text("/Error/message")).isEqualTo(
                "The accessToken and bioCode do not identify a merchant with MobilePay access.");
    }

    @Test
    void shouldRunAWholeFlowInXml() {
        Merchant fresh = api().onboardWithoutToken();
        Xml token = xml(api().raw("GET", "/api/pos/manage/token?bioCode=" + fresh.bioCode(), null,
                Map.of("Accept", "application/xml")), 200);
        assertThat(token.text("/AccessToken/bioCode")).isEqualTo(fresh.bioCode());
        Merchant m = fresh.withToken(token.text("/AccessToken/accessToken"));

        Xml pos = xml(api().getXml(m, "/api/pos/manage/create", Map.of("terminalId", m.terminalId())), 200);
        String posId = pos.text("/PointOfSale/posId");
        assertThat(pos.text("/PointOfSale/terminalId")).isEqualTo(m.terminalId());
        assertThat(pos.text("/PointOfSale/active")).isEqualTo("true");
        Xml store = xml(api().getXml(m, "/api/pos/manage/store", Map.of("storeId", m.storeId())), 200);
        assertThat(store.texts("/Store/terminals/terminal/terminalId"))
                .containsExactlyInAnyOrder(m.terminalId(), m.otherTerminalId());

        Xml started = xml(api().getXml(m, "/api/pos/payment/start", Map.of("orderId", "o-xml", "amount", "125.5",
                "terminalId", m.terminalId(), "currencyCode", "DKK")), 200);
        String paymentId = started.text("/Payment/paymentId");
        assertThat(started.text("/Payment/flow")).isEqualTo("DIRECT");
        assertThat(started.text("/Payment/amount")).isEqualTo("125.50");
        assertThat(status(m, paymentId).text("/PaymentStatus/status")).isEqualTo("Initiated");
        api().ok(api().sandbox("/pos/" + posId + "/checkin"));
        assertThat(status(m, paymentId).text("/PaymentStatus/status")).isEqualTo("Paired");
        api().ok(api().sandbox("/pos/" + posId + "/payment/issue"));
        assertThat(status(m, paymentId).text("/PaymentStatus/status")).isEqualTo("IssuedToUser");
        api().ok(api().sandbox("/pos/" + posId + "/payment/approve"));
        Xml reserved = status(m, paymentId);
        assertThat(reserved.text("/PaymentStatus/status")).isEqualTo("Reserved");
        assertThat(reserved.text("/PaymentStatus/orderId")).isEqualTo("o-xml");
        assertThat(reserved.text("/PaymentStatus/currencyCode")).isEqualTo("DKK");

        Xml captured = xml(api().getXml(m, "/api/pos/payment/capture",
                Map.of("paymentId", paymentId, "amount", "100")), 200);
        assertThat(captured.text("/Payment/status")).isEqualTo("Captured");
        assertThat(captured.text("/Payment/capturedAmount")).isEqualTo("100.00");
        assertThat(status(m, paymentId).text("/PaymentStatus/status")).isEqualTo("Captured");

        Xml refund = xml(api().getXml(m, "/api/pos/refund/create", Map.of("paymentId", paymentId, "amount", "30",
                "currencyCode", "DKK", "refundOrderId", "r-xml")), 200);
        String refundId = refund.text("/Refund/refundId");
        assertThat(refund.text("/Refund/amount")).isEqualTo("30.00");
        assertThat(xml(api().getXml(m, "/api/pos/refund/capture", Map.of("refundId", refundId)), 200)
                .text("/Refund/status")).isEqualTo("Captured");
        Xml details = xml(api().getXml(m, "/api/pos/payment/details", Map.of("paymentId", paymentId)), 200);
        assertThat(details.text("/Payment/refundedAmount")).isEqualTo("30.00");
        assertThat(details.text("/Payment/customerId")).startsWith("cus_");
        Xml byState = xml(api().getXml(m, "/api/pos/payment/id/retrieve/bystate",
                Map.of("orderId", "o-xml", "state", "Captured")), 200);
        assertThat(byState.texts("/PaymentIds/paymentIds/paymentId")).containsExactly(paymentId);

        Xml tooLate = xml(api().getXml(m, "/api/pos/payment/cancel", Map.of("paymentId", paymentId)), 409);
        assertThat(tooLate.text("/Error/code")).isEqualTo("InvalidPaymentState");
        assertThat(status(m, paymentId).text("/PaymentStatus/status")).isEqualTo("Captured");
    }

    private Xml status(Merchant m, String paymentId) {
        return xml(api().getXml(m, "/api/pos/payment/status", Map.of("paymentId", paymentId)), 200);
    }

    private String refund(Merchant m, String paymentId, String amount, String refundOrderId) {
        return api().ok(api().get(m, "/api/pos/refund/create", Map.of("paymentId", paymentId, "amount", amount,
                "currencyCode", "DKK", "refundOrderId", refundOrderId))).get("refundId").asString();
    }

    private static Xml xml(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new Xml(factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8))));
        }
        catch (Exception ex) {
            throw new AssertionError("Not XML: " + response.body(), ex);
        }
    }

    /** A parsed answer, read with XPath. */
    private record Xml(Document document) {

        String text(String path) {
            NodeList nodes = nodes(path);
            assertThat(nodes.getLength()).as(path).isEqualTo(1);
            return nodes.item(0).getTextContent();
        }

        java.util.List<String> texts(String path) {
            NodeList nodes = nodes(path);
            return java.util.stream.IntStream.range(0, nodes.getLength())
                    .mapToObj(i -> nodes.item(i).getTextContent()).toList();
        }

        int count(String path) {
            return nodes(path).getLength();
        }

        private NodeList nodes(String path) {
            try {
                return (NodeList) XPathFactory.newInstance().newXPath().evaluate(path, document,
                        XPathConstants.NODESET);
            }
            catch (Exception ex) {
                throw new AssertionError(path, ex);
            }
        }
    }
}
