package com.mpac.mobilepay.pos;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.mpac.mobilepay.MobilePayApi.Merchant;
import com.mpac.mobilepay.MobilePayApi.PosMerchant;
import com.mpac.mobilepay.MobilePayIntegrationTest;

class PosManagementIntegrationTests extends MobilePayIntegrationTest {

    @Test
    void shouldCreateAPosOnlyWhenTheTerminalHasNone() {
        Merchant m = api().onboard();

        JsonNode created = api().ok(api().get(m, "/api/pos/manage/create", Map.of("terminalId", m.terminalId())));
        HttpResponse<String> again = api().get(m, "/api/pos/manage/create", Map.of("terminalId", m.terminalId()));

        assertThat(created.get("posId").asString()).startsWith("pos_");
        assertThat(created.get("terminalId").asString()).isEqualTo(m.terminalId());
        assertThat(created.get("storeId").asString()).isEqualTo(m.storeId());
        assertThat(created.get("providerTerminalId").asString()).isEqualTo("MP-" + m.terminalId());
        assertThat(created.get("active").asBoolean()).isTrue();
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api().json(again).get("code").asString()).isEqualTo("PosAlreadyExists");
        assertThat(posCount(m)).isEqualTo(1);
    }

    @Test
    void shouldCreateByPost() {
        Merchant m = api().onboard();

        JsonNode created = api().ok(api().post(m, "/api/pos/manage/create", Map.of("terminalId", m.otherTerminalId())));

        assertThat(created.get("terminalId").asString()).isEqualTo(m.otherTerminalId());
        assertThat(created.get("providerTerminalId").isNull()).isTrue();
    }

    @Test
    void shouldRefuseUnknownTerminalsAndAnotherMerchantsTerminal() {
        Merchant m = api().onboard();
        Merchant other = api().onboard();

        HttpResponse<String> unknown = api().get(m, "/api/pos/manage/create", Map.of("terminalId", "t_none"));
        HttpResponse<String> foreign = api().get(m, "/api/pos/manage/create", Map.of("terminalId", other.terminalId()));
        HttpResponse<String> blank = api().get(m, "/api/pos/manage/create", Map.of("terminalId", " "));
        HttpResponse<String> missing = api().get(m, "/api/pos/manage/create", Map.of());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(api().json(unknown).get("code").asString()).isEqualTo("TerminalNotFound");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(posCount(m) + posCount(other)).isZero();
    }

    @Test
    void shouldDeleteByGetAndByDeleteButNotWithAnActivePayment() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        String paymentId = api().start(m, "o-del", "5").get("paymentId").asString();

        HttpResponse<String> refused = api().get(m, "/api/pos/manage/delete", Map.of("terminalId", m.terminalId()));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(api().json(refused).get("code").asString()).isEqualTo("ActivePaymentExists");

        api().ok(api().get(m, "/api/pos/payment/cancel", Map.of("paymentId", paymentId)));
        JsonNode deleted = api().ok(api().get(m, "/api/pos/manage/delete", Map.of("terminalId", m.terminalId())));
        assertThat(deleted.get("posId").asString()).isEqualTo(pm.posId());
        assertThat(deleted.get("active").asBoolean()).isFalse();
        assertThat(api().get(m, "/api/pos/manage/terminal/information", Map.of("terminalId", m.terminalId()))
                .statusCode()).isEqualTo(404);
        assertThat(api().raw("GET", "/api/pos/qrcode/" + pm.posId(), null, Map.of()).statusCode()).isEqualTo(404);

        String newPos = api().ok(api().get(m, "/api/pos/manage/create", Map.of("terminalId", m.terminalId())))
                .get("posId").asString();
        assertThat(newPos).isNotEqualTo(pm.posId());
        HttpResponse<String> byDelete = api().send("DELETE", m, "/api/pos/manage/delete",
                Map.of("terminalId", m.terminalId()), Map.of());
        assertThat(byDelete.statusCode()).isEqualTo(200);
        assertThat(api().json(byDelete).get("posId").asString()).isEqualTo(newPos);
        assertThat(api().get(m, "/api/pos/manage/delete", Map.of("terminalId", m.terminalId())).statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldNotDeleteAnotherMerchantsPos() {
        PosMerchant pm = api().onboardWithPos();
        Merchant other = api().onboard();

        HttpResponse<String> response = api().get(other, "/api/pos/manage/delete",
                Map.of("terminalId", pm.merchant().terminalId()));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(api().get(pm.merchant(), "/api/pos/manage/terminal/information",
                Map.of("terminalId", pm.merchant().terminalId())).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldDescribeTheTerminalsPos() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();

        JsonNode info = api().ok(api().get(m, "/api/pos/manage/terminal/information",
                Map.of("terminalId", m.terminalId())));
        HttpResponse<String> none = api().get(m, "/api/pos/manage/terminal/information",
                Map.of("terminalId", m.otherTerminalId()));
        HttpResponse<String> foreign = api().get(api().onboard(), "/api/pos/manage/terminal/information",
                Map.of("terminalId", m.terminalId()));

        assertThat(info.get("posId").asString()).isEqualTo(pm.posId());
        assertThat(info.get("createdAt").isNull()).isFalse();
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(api().json(none).get("code").asString()).isEqualTo("PosNotFound");
        assertThat(foreign.statusCode()).isEqualTo(404);
    }

    @Test
    void shouldListStoreIdsAndDescribeAStore() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();

        JsonNode stores = api().ok(api().get(m, "/api/pos/manage/stores", Map.of()));
        JsonNode store = api().ok(api().get(m, "/api/pos/manage/store", Map.of("storeId", m.storeId())));
        HttpResponse<String> foreign = api().get(api().onboard(), "/api/pos/manage/store",
                Map.of("storeId", m.storeId()));
        HttpResponse<String> missing = api().get(m, "/api/pos/manage/store", Map.of());

        assertThat(stores.get("bioCode").asString()).isEqualTo(m.bioCode());
        assertThat(stores.get("storeIds").values()).extracting(JsonNode::asString)
                .containsExactlyInAnyOrder(m.storeId(), m.secondStoreId());
        assertThat(store.get("name").asString()).isEqualTo("Main street");
        assertThat(store.get("timezone").asString()).isEqualTo("Europe/Copenhagen");
        assertThat(store.get("terminals")).hasSize(2);
        assertThat(store.get("terminals").values()).anySatisfy(t -> {
            assertThat(t.get("terminalId").asString()).isEqualTo(m.terminalId());
            assertThat(t.get("posId").asString()).isEqualTo(pm.posId());
        });
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(api().json(foreign).get("code").asString()).isEqualTo("StoreNotFound");
        assertThat(missing.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldReportCheckInStatusByPosAndByTerminal() {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();
        JsonNode before = api().ok(api().get(m, "/api/pos/manage/checkInStatus/byposId",
                Map.of("posId", pm.posId())));
        assertThat(before.get("checkedIn").asBoolean()).isFalse();
        assertThat(before.get("customerId").isNull()).isTrue();

        api().ok(api().sandbox("/pos/" + pm.posId() + "/checkin",
                "{\"customerId\":\"cus_bo\",\"customerName\":\"Bo\"}"));
        JsonNode byTerminal = api().ok(api().get(m, "/api/pos/manage/checkInStatus/byterminalId",
                Map.of("terminalId", m.terminalId())));

        assertThat(byTerminal.get("checkedIn").asBoolean()).isTrue();
        assertThat(byTerminal.get("customerName").asString()).isEqualTo("Bo");
        assertThat(byTerminal.get("posId").asString()).isEqualTo(pm.posId());
        assertThat(api().get(api().onboard(), "/api/pos/manage/checkInStatus/byposId",
                Map.of("posId", pm.posId())).statusCode()).isEqualTo(404);
        assertThat(api().get(m, "/api/pos/manage/checkInStatus/byposId", Map.of()).statusCode()).isEqualTo(400);
    }

    @Test
    void shouldLinkAPngQrCodeThatChecksTheShopperIn() throws Exception {
        PosMerchant pm = api().onboardWithPos();
        Merchant m = pm.merchant();

        JsonNode qr = api().ok(api().get(m, "/api/pos/terminal/qrcode", Map.of("terminalId", m.terminalId())));
        String url = qr.get("qrCodeUrl").asString();
        assertThat(url).endsWith("/api/pos/qrcode/" + pm.posId());
        assertThat(qr.get("qrContent").asString()).isEqualTo("mobilepaypos://pos?id=" + pm.posId() + "&source=qr");

        HttpResponse<byte[]> image = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + URI.create(url).getPath())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.body()));
        String decoded = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(png)))).getText();
        assertThat(decoded).isEqualTo(qr.get("qrContent").asString());

        assertThat(api().get(m, "/api/pos/terminal/qrcode", Map.of("terminalId", m.otherTerminalId())).statusCode())
                .isEqualTo(404);
        assertThat(api().get(api().onboard(), "/api/pos/terminal/qrcode", Map.of("terminalId", m.terminalId()))
                .statusCode()).isEqualTo(404);
    }

    private int posCount(Merchant m) {
        return jdbc.sql("SELECT count(*) FROM pos WHERE merchant_id = :m").param("m", m.id())
                .query(Integer.class).single();
    }
}
