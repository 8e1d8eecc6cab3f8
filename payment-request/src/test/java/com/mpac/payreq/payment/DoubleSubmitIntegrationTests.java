package com.mpac.payreq.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.mpac.payreq.PaymentRequestApi;
import com.mpac.payreq.PaymentRequestApi.Merchant;
import com.mpac.payreq.PaymentRequestIntegrationTest;

/** The page's one-time form nonce: the same form submitted twice pays once and shows both the same result. */
class DoubleSubmitIntegrationTests extends PaymentRequestIntegrationTest {

    @Test
    void shouldChargeOnceWhenTheSameFormIsSubmittedTwiceAtOnce() throws Exception {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of("usageCountLimit", 0)).get("paymentRequestID").asString();
        Matcher nonce = Pattern.compile("name=\"formNonce\" id=\"formNonce\" value=\"([A-Za-z0-9_-]{22})\"")
                .matcher(api().http().get("/pay/" + id).body());
        assertThat(nonce.find()).isTrue();
        Map<String, String> form = new HashMap<>(PaymentRequestApi.card("4111111111111111", "1.00"));
        form.put("formNonce", nonce.group(1));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService clicks = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 2; i++) {
                answers.add(clicks.submit(() -> {
                    start.await();
                    return api().pay(id, form);
                }));
            }
            start.countDown();
        }

        HttpResponse<String> first = answers.get(0).get();
        HttpResponse<String> second = answers.get(1).get();
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(second.statusCode()).isEqualTo(303);
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        var request = api().ok(api().get(merchant, "/api/PaymentRequest/" + id));
        assertThat(request.get("currentUsageCount").asInt()).isOne();
        assertThat(request.get("transactions")).hasSize(1);
        HttpResponse<String> later = api().pay(id, form);
        assertThat(later.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        form.put("formNonce", "not a nonce");
        assertThat(api().pay(id, form).statusCode()).isEqualTo(400);
    }
}
