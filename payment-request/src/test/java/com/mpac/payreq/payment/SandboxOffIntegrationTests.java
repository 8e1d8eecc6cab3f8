package com.mpac.payreq.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.json.JsonMapper;

import com.mpac.payreq.PaymentRequestApi;
import com.mpac.payreq.PaymentRequestApi.Merchant;

/**
 * Without MPAC_SANDBOX_ENABLED there is no processor: the page still renders but takes no payment. Also a currency
 * without decimals (JPY): the page writes no tip as the currency does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mpac.sandbox-enabled=false", "mpac.payreq.public-url=https://pay.example.com/",
                "mpac.payreq.currency=JPY" })
class SandboxOffIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Test
    void shouldRenderThePageButRefuseToTakeAPayment() {
        PaymentRequestApi api = new PaymentRequestApi(port, json);
        Merchant merchant = api.onboard();
        var created = api.create(merchant, Map.of());
        String id = created.get("paymentRequestID").asString();

        HttpResponse<String> page = api.http().get("/pay/" + id);
        HttpResponse<String> paid = api.pay(id, PaymentRequestApi.card("4111111111111111", ""));

        assertThat(created.get("paymentURL").asString()).isEqualTo("https://pay.example.com/pay/" + id);
        assertThat(created.get("webSocketURL").asString()).startsWith("wss://pay.example.com/ws/PaymentRequest?token=");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("placeholder=\"0\"").contains("JPY 0<");
        assertThat(paid.statusCode()).isEqualTo(503);
        assertThat(paid.body()).contains("not available");
        assertThat(api.ok(api.get(merchant, "/api/PaymentRequest/" + id)).get("transactions").isEmpty()).isTrue();
    }
}
